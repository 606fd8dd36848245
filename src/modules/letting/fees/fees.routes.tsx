import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { organisationsWith } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { parseDate, parseKronerToOre } from "../../../platform/csv/values.ts";
import { formatDate, todayInCopenhagen } from "../../../platform/dates.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { translateMaybe } from "../../../platform/i18n/index.ts";
import { type BankImportReport, importBankPayments } from "./bank-import.ts";
import { searchCharges } from "./fees.repository.ts";
import { FeesPage, type PaymentValues } from "./fees.views.tsx";
import { registerPayment } from "./payments.ts";

const listLimit = 200;

/** Staff: open fee charges, payments registered by hand, and the bank's payment file. */
export function feesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "letting.manage" } } as const;

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: {
        q?: string;
        values?: PaymentValues;
        errors?: Record<string, string>;
        fileErrors?: Record<string, string>;
        report?: BankImportReport;
        status?: number;
      } = {},
    ) => {
      const q = extra.q ?? "";
      const rows = await searchCharges(ctx.db, {
        organisations: organisationsWith(request.principal!, "letting.manage"),
        status: "open",
        q,
        limit: listLimit,
      });
      return sendPage(
        reply,
        FeesPage({
          ctx: pageContext(request, reply),
          charges: rows.map((r) => ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            amountOre: Number(r.amount_ore),
            paymentId: r.payment_id,
            dueDate: r.due_date,
            removalDate: r.removal_date,
          })),
          q,
          values: extra.values ?? { charge_id: "", amount: "", paid_on: todayInCopenhagen(ctx.clock) },
          errors: extra.errors,
          fileErrors: extra.fileErrors,
          report: extra.report,
        }),
        extra.status ?? 200,
      );
    };

    app.get("/letting/fees", manage, async (request, reply) => {
      const q = z
        .string()
        .max(100)
        .catch("")
        .parse((request.query as { q?: unknown }).q ?? "");
      return page(request, reply, { q });
    });

    app.post("/letting/fees/payments", manage, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string).trim() : "");
      const values = { charge_id: s("charge_id"), amount: s("amount"), paid_on: s("paid_on") };
      const amountOre = parseKronerToOre(values.amount, ",");
      const paidOn = parseDate(values.paid_on);
      const errors: Record<string, string> = {};
      if (!values.charge_id) errors.charge_id = request.t("letting.fees.errors.charge");
      if (amountOre === undefined) errors.amount = request.t("letting.fees.errors.amount");
      if (!paidOn) errors.paid_on = request.t("letting.fees.errors.paid_on");
      if (Object.keys(errors).length || amountOre === undefined || !paidOn) {
        return page(request, reply, { values, errors, status: 400 });
      }
      try {
        const result = await registerPayment(ctx, actorOf(request), {
          chargeId: values.charge_id,
          amountOre,
          paidOn,
          source: "staff",
          organisations: organisationsWith(request.principal!, "letting.manage"),
        });
        setFlash(
          request,
          request.t("letting.fees.registered", { date: formatDate(result.paidUntil, request.lang) }),
        );
        return reply.redirect("/letting/fees", 303);
      } catch (e) {
        if (!(e instanceof AppError) || !["validation", "conflict"].includes(e.code)) throw e;
        const field = e.fields ? Object.keys(e.fields)[0]! : "charge_id";
        const message = translateMaybe(request.t, e.fields?.[field] ?? e.messageKey, e.params);
        return page(request, reply, { values, errors: { [field]: message }, status: 400 });
      }
    });

    app.post("/letting/fees/import", manage, async (request, reply) => {
      const body = (request.body ?? {}) as { file?: unknown };
      const file = Buffer.isBuffer(body.file) ? body.file : null;
      if (!file || file.length === 0) {
        return page(request, reply, {
          fileErrors: { file: request.t("letting.fees.errors.file") },
          status: 400,
        });
      }
      try {
        const report = await importBankPayments(
          ctx,
          actorOf(request),
          file,
          organisationsWith(request.principal!, "letting.manage"),
        );
        return page(request, reply, { report });
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== "validation") throw e;
        return page(request, reply, {
          fileErrors: { file: translateMaybe(request.t, e.messageKey, e.params) },
          status: 400,
        });
      }
    });
  };
}
