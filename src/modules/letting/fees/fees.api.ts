import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { organisationsWith } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { apiErrors } from "../seeker/seeker.api.ts";
import { importBankPayments } from "./bank-import.ts";
import { searchCharges } from "./fees.repository.ts";
import { registerPayment } from "./payments.ts";

const tags = ["letting"];

const chargeJson = z.object({
  id: z.string(),
  applicationId: z.string(),
  name: z.string(),
  list: z.enum(["external", "internal"]),
  kind: z.enum(["sign_up", "renewal"]),
  amountOre: z.number(),
  paymentId: z.string().describe("FI-kort +71 payment id: 15 digits with its check digit"),
  dueDate: z.string(),
  periodEnd: z.string().describe("Paying keeps the application until this date"),
  removalDate: z.string().nullable().describe("Set by the reminder: removed after this date if still unpaid"),
  status: z.enum(["open", "paid", "cancelled"]),
});

const reportJson = z.object({
  booked: z.number(),
  rows: z.array(
    z.object({
      line: z.number(),
      paymentId: z.string(),
      amountOre: z.number().nullable(),
      outcome: z.enum([
        "booked",
        "duplicate",
        "unknown_payment_id",
        "wrong_amount",
        "already_paid",
        "cancelled",
        "invalid",
      ]),
    }),
  ),
});

/** Fees for integrators: charges, payments registered by hand, bank payment files. */
export function feesApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const manage = { permission: "letting.manage" } as const;
    // A bank file may be posted as it is (text/csv) as well as JSON {csv}.
    app.addContentTypeParser(
      "text/csv",
      { parseAs: "string", bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );

    app.get(
      "/fee-charges",
      {
        config: manage,
        schema: {
          tags,
          summary: "Fee charges within your reach, by status (at most 500, earliest due first)",
          querystring: z.object({
            status: z.enum(["open", "paid", "cancelled"]).default("open"),
            q: z.string().max(100).optional().describe("Payment id or name"),
          }),
          response: { 200: z.object({ items: z.array(chargeJson) }), ...apiErrors },
        },
      },
      async (request) => {
        const rows = await searchCharges(ctx.db, {
          organisations: organisationsWith(request.principal!, "letting.manage"),
          status: request.query.status,
          q: request.query.q,
          limit: 500,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            applicationId: r.application_id,
            name: r.name,
            list: r.list,
            kind: r.kind,
            amountOre: Number(r.amount_ore),
            paymentId: r.payment_id,
            dueDate: r.due_date,
            periodEnd: r.period_end,
            removalDate: r.removal_date,
            status: r.status,
          })),
        };
      },
    );

    app.post(
      "/fee-charges/:id/payments",
      {
        config: manage,
        schema: {
          tags,
          summary: "Register a payment of an open charge (the amount must match; 409 when paid or cancelled)",
          params: z.object({ id: z.string().max(64) }),
          body: z.object({ amountOre: z.number().int().min(1), paidOn: z.iso.date() }),
          response: { 200: z.object({ chargeId: z.string(), paidUntil: z.string() }), ...apiErrors },
        },
      },
      async (request) =>
        registerPayment(ctx, actorOf(request), {
          chargeId: request.params.id,
          amountOre: request.body.amountOre,
          paidOn: request.body.paidOn,
          source: "staff",
          organisations: organisationsWith(request.principal!, "letting.manage"),
        }),
    );

    app.post(
      "/fee-payments/import",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Read a bank payment file: payment_id;amount;paid_on;bank_reference (each payment books once)",
          body: z.union([
            z.string().max(10 * 1024 * 1024),
            z.object({ csv: z.string().max(10 * 1024 * 1024) }),
          ]),
          response: { 200: reportJson, ...apiErrors },
        },
      },
      async (request) => {
        const csv = typeof request.body === "string" ? request.body : request.body.csv;
        return importBankPayments(
          ctx,
          actorOf(request),
          csv,
          organisationsWith(request.principal!, "letting.manage"),
        );
      },
    );
  };
}
