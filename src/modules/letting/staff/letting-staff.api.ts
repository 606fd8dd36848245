import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { answerOffer, ownOffer, ownOffers } from "../offers/answers.service.ts";
import { closeRound } from "../offers/close.service.ts";
import { exclusionText, reasonText, type StoredDecision, stepText } from "../offers/explain.ts";
import { toOfferView } from "../offers/offers.routes.tsx";
import { extendRound, runOfferRound } from "../offers/rounds.service.ts";
import {
  closeResultJson,
  errors,
  idParams,
  ownOfferJson,
  pageSize,
  roundJson,
  roundResultJson,
  tags,
  vacancyJson,
} from "./letting-staff.api-schemas.ts";
import { toVacancyView } from "./presenters.ts";
import { searchVacancies } from "./vacancies.repository.ts";
import { createVacancy, createVacancySchema, staffVacancy } from "./vacancies.service.ts";
import { roundsOf } from "./vacancy-pages.repository.ts";

const toJson = (v: Parameters<typeof toVacancyView>[0]) => {
  const view = toVacancyView(v);
  return { ...view, status: v.status as z.infer<typeof vacancyJson>["status"], source: v.source as "manual" };
};

/** Letting for integrators: vacancies, offer rounds with their explanation, and the applicant's offers. */
export function lettingStaffApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const read = { permission: "letting.read" } as const;
    const manage = { permission: "letting.manage" } as const;
    const apply = { permission: "letting.apply" } as const;
    const vacancyRoute = (summary: string, response: z.ZodType) => ({
      config: manage,
      schema: { tags, summary, params: idParams, response: { 200: response, ...errors } },
    });

    app.get(
      "/vacancies",
      {
        config: read,
        schema: {
          tags,
          summary: "Vacancies within your reach, newest first",
          querystring: z.object({
            status: z.enum(["open", "offering", "let", "municipal", "cancelled"]).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
          }),
          response: {
            200: z.object({
              items: z.array(vacancyJson),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { status, page } = request.query;
        const r = await searchVacancies(ctx.db, reachOf(request.principal!, "letting.read"), {
          status,
          page,
          pageSize,
        });
        return { items: r.rows.map(toJson), total: r.total, page, pageSize };
      },
    );

    app.post(
      "/vacancies",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Create a vacancy: by hand (unit, free-from date, rent) or from a move-out (free the day after)",
          body: createVacancySchema,
          response: { 201: vacancyJson, ...errors },
        },
      },
      async (request, reply) => {
        const id = await createVacancy(ctx, actorOf(request), request.principal!, request.body);
        return reply.code(201).send(toJson(await staffVacancy(ctx, request.principal!, id)));
      },
    );

    app.get(
      "/vacancies/:id",
      {
        config: read,
        schema: { tags, summary: "One vacancy", params: idParams, response: { 200: vacancyJson, ...errors } },
      },
      async (request) => toJson(await staffVacancy(ctx, request.principal!, request.params.id)),
    );

    app.get(
      "/vacancies/:id/rounds",
      {
        config: read,
        schema: {
          tags,
          summary: "The vacancy's offer rounds, each with its whole ranking explained (codes and texts)",
          params: idParams,
          response: { 200: z.object({ items: z.array(roundJson) }), ...errors },
        },
      },
      async (request) => {
        const v = await staffVacancy(ctx, request.principal!, request.params.id);
        const { t, lang } = request;
        const { rounds, offers } = await roundsOf(ctx.db, v.id);
        return {
          items: rounds.map((r) => {
            const d = r.decision_json as unknown as StoredDecision;
            const offerOf = new Map(
              offers.filter((o) => o.round_id === r.id).map((o) => [o.application_id, o.status]),
            );
            return {
              number: r.round_number,
              mode: r.mode,
              status: r.status,
              deadlineAt: r.deadline_at,
              steps: d.steps.map((s) => ({ ...s, text: stepText(t, lang, s) })),
              ranked: d.ranked.map((x) => ({
                applicationId: x.applicationId,
                position: x.position,
                group: x.group,
                reason: { ...x.reason, text: reasonText(t, lang, x) },
                offerStatus: offerOf.get(x.applicationId) ?? null,
              })),
              excluded: d.excluded.map((x) => ({
                applicationId: x.applicationId,
                reason: x.reason,
                text: exclusionText(t, x),
              })),
            };
          }),
        };
      },
    );

    app.post(
      "/vacancies/:id/rounds",
      vacancyRoute("Run the first offer round", roundResultJson),
      async (request) => runOfferRound(ctx, actorOf(request), request.principal!, request.params.id),
    );
    app.post(
      "/vacancies/:id/rounds/extend",
      vacancyRoute("Offer to the next candidates", roundResultJson),
      async (request) => extendRound(ctx, actorOf(request), request.principal!, request.params.id),
    );
    app.post(
      "/vacancies/:id/rounds/close",
      vacancyRoute("Close the open rounds: the best-ranked acceptor gets the lease", closeResultJson),
      async (request) => closeRound(ctx, actorOf(request), request.principal!, request.params.id),
    );

    app.get(
      "/me/offers",
      {
        config: apply,
        schema: {
          tags,
          summary: "Your offers of a home, newest first",
          response: { 200: z.object({ items: z.array(ownOfferJson) }), ...errors },
        },
      },
      async (request) => {
        const now = ctx.clock.now();
        const rows = await ownOffers(ctx, request.user!.personId);
        return { items: rows.map((o) => toOfferView(request.t, request.lang, o, now)) };
      },
    );

    app.post(
      "/me/offers/:id/answer",
      {
        config: apply,
        schema: {
          tags,
          summary: "Answer one of your offers, yes or no, before its deadline (409 afterwards)",
          params: idParams,
          body: z.object({ answer: z.enum(["accept", "decline"]) }),
          response: { 200: ownOfferJson, ...errors },
        },
      },
      async (request) => {
        const personId = request.user!.personId;
        await answerOffer(ctx, actorOf(request), personId, request.params.id, request.body.answer);
        return toOfferView(
          request.t,
          request.lang,
          await ownOffer(ctx, personId, request.params.id),
          ctx.clock.now(),
        );
      },
    );
  };
}
