import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can, reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { closeRound, recordReferral } from "../offers/close.service.ts";
import { extendRound, runOfferRound } from "../offers/rounds.service.ts";
import { applicationIdsIn, toRoundViews, toVacancyView } from "./presenters.ts";
import { oneLine, searchVacancies } from "./vacancies.repository.ts";
import { createVacancy, staffVacancy } from "./vacancies.service.ts";
import { VacancyDetailPage, VacancyListPage, VacancyNewPage } from "./vacancies.views.tsx";
import { applicantNames, lettableUnits, pendingMoveOuts, roundsOf } from "./vacancy-pages.repository.ts";

const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const idParam = z.object({ id: z.string().max(64) });
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** A command from a form: done → flash and back; a domain error → its message as flash, back. */
async function command(
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
  run: () => Promise<string>,
) {
  try {
    setFlash(request, await run());
  } catch (e) {
    if (!(e instanceof AppError) || e.code === "not_found") throw e;
    setFlash(request, request.t(e.messageKey));
  }
  return reply.redirect(back, 303);
}

/** Staff: vacancies, offer rounds and their explanation, municipal referrals. */
export function vacanciesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { permission: "letting.read" } } as const;
    const manage = { config: { permission: "letting.manage" } } as const;

    app.get("/letting/vacancies", read, async (request, reply) => {
      const page = pageParam.parse((request.query as { page?: string }).page);
      const result = await searchVacancies(ctx.db, reachOf(request.principal!, "letting.read"), {
        page,
        pageSize,
      });
      return sendPage(
        reply,
        VacancyListPage({
          ctx: pageContext(request, reply),
          vacancies: result.rows.map((r) => toVacancyView({ ...r, let_via: r.let_via })),
          canManage: can(request.principal, "letting.manage"),
          page,
          pages: Math.max(1, Math.ceil(result.total / pageSize)),
        }),
      );
    });

    const newPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const reach = reachOf(request.principal!, "letting.manage");
      const units = await lettableUnits(ctx.db, reach);
      const moveOuts = await pendingMoveOuts(ctx.db, reach);
      return sendPage(
        reply,
        VacancyNewPage({
          ctx: pageContext(request, reply),
          units: units.map((u) => ({ value: u.id, label: `${u.unit_number} – ${oneLine(u)}` })),
          moveOuts: moveOuts.map((m) => ({ tenancyId: m.id, address: oneLine(m), endDate: m.end_date! })),
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/letting/vacancies/new", manage, (request, reply) => newPage(request, reply));

    app.post("/letting/vacancies", manage, async (request, reply) => {
      const b = body(request);
      const values = { unit_id: text(b.unit_id), free_from: text(b.free_from), rent: text(b.rent) };
      const errors: Record<string, string> = {};
      if (!values.unit_id) errors.unit_id = "errors.validation";
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.free_from)) errors.free_from = "errors.date_format";
      if (values.rent && !/^\d{1,7}$/.test(values.rent)) errors.rent = "errors.validation";
      if (Object.keys(errors).length) return newPage(request, reply, values, errors, 400);
      const id = await createVacancy(ctx, actorOf(request), request.principal!, {
        source: "manual",
        unitId: values.unit_id,
        freeFrom: values.free_from,
        rentOre: values.rent ? Number(values.rent) * 100 : undefined,
      });
      setFlash(request, request.t("letting.staff.created"));
      return reply.redirect(`/letting/vacancies/${id}`, 303);
    });

    app.post("/letting/vacancies/from-move-out", manage, async (request, reply) => {
      const id = await createVacancy(ctx, actorOf(request), request.principal!, {
        source: "move_out",
        tenancyId: text(body(request).tenancy_id),
      });
      setFlash(request, request.t("letting.staff.created"));
      return reply.redirect(`/letting/vacancies/${id}`, 303);
    });

    app.get("/letting/vacancies/:id", read, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const principal = request.principal!;
      const v = await staffVacancy(ctx, principal, id);
      const rounds = await roundsOf(ctx.db, v.id);
      const names = await applicantNames(ctx.db, applicationIdsIn(rounds));
      const manages = can(principal, "letting.manage", {
        organisationId: v.organisation_id,
        departmentId: v.department_id,
      });
      const actions: ("run_round" | "extend_round" | "close_round")[] = !manages
        ? []
        : v.status === "open"
          ? ["run_round"]
          : v.status === "offering"
            ? ["close_round", "extend_round"]
            : [];
      return sendPage(
        reply,
        VacancyDetailPage({
          ctx: pageContext(request, reply),
          vacancy: toVacancyView(v),
          rounds: toRoundViews(request.t, request.lang, rounds, names),
          actions,
          referral: manages && v.status === "municipal",
          errors: {},
        }),
      );
    });

    app.post("/letting/vacancies/:id/run", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return command(request, reply, `/letting/vacancies/${id}`, async () => {
        const r = await runOfferRound(ctx, actorOf(request), request.principal!, id);
        return r.mode === "lists"
          ? request.t("letting.staff.done.run_round", { count: r.offers })
          : request.t("letting.staff.done.municipal");
      });
    });

    app.post("/letting/vacancies/:id/extend", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return command(request, reply, `/letting/vacancies/${id}`, async () => {
        const r = await extendRound(ctx, actorOf(request), request.principal!, id);
        return request.t("letting.staff.done.run_round", { count: r.offers });
      });
    });

    app.post("/letting/vacancies/:id/close", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return command(request, reply, `/letting/vacancies/${id}`, async () => {
        const r = await closeRound(ctx, actorOf(request), request.principal!, id);
        return request.t(
          r.winnerApplicationId ? "letting.staff.done.closed_let" : "letting.staff.done.closed_none",
        );
      });
    });

    app.post("/letting/vacancies/:id/referral", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return command(request, reply, `/letting/vacancies/${id}`, async () => {
        await recordReferral(ctx, actorOf(request), request.principal!, id, text(body(request).person_id));
        return request.t("letting.staff.done.referral");
      });
    });
  };
}
