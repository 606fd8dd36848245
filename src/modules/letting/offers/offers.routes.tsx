import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import type { Explanation } from "../ranking/index.ts";
import { oneLine } from "../staff/vacancies.repository.ts";
import {
  answerOffer,
  canAnswer,
  type OwnOffer,
  ownOffer,
  ownOffers,
  withdrawAcceptance,
} from "./answers.service.ts";
import { outcomeText, reasonText } from "./explain.ts";
import { OfferListPage, OfferPage, type OfferView } from "./offers.views.tsx";

const idParam = z.object({ id: z.string().max(64) });

/** The applicant's view of an offer: the home, their own ranking line, what happened. */
export function toOfferView(t: TFunction, lang: Lang, o: OwnOffer, now: Date): OfferView {
  const reason = (o.reason_json as { reason?: Explanation }).reason;
  return {
    id: o.id,
    address: oneLine(o),
    department: o.department_name,
    rooms: o.rooms,
    areaM2: o.area_m2,
    rentOre: o.rent_ore,
    moveIn: o.free_from,
    deadlineAt: o.deadline_at,
    status: o.status,
    position: o.position,
    ownLine: reason ? reasonText(t, lang, { reason }) : null,
    outcome: outcomeText(t, lang, o.outcome_json),
    canAnswer: canAnswer(o, now),
    canWithdraw: o.status === "accepted",
  };
}

/** Applicants: their offers, answered yes or no before the deadline (server clock). */
export function offersRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const own = { config: { permission: "letting.apply" } } as const;
    const personOf = (request: FastifyRequest) => request.user!.personId;

    app.get("/offers", own, async (request, reply) => {
      const offers = await ownOffers(ctx, personOf(request));
      const now = ctx.clock.now();
      return sendPage(
        reply,
        OfferListPage({
          ctx: pageContext(request, reply),
          offers: offers.map((o) => toOfferView(request.t, request.lang, o, now)),
        }),
      );
    });

    app.get("/offers/:id", own, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const offer = await ownOffer(ctx, personOf(request), id);
      return sendPage(
        reply,
        OfferPage({
          ctx: pageContext(request, reply),
          offer: toOfferView(request.t, request.lang, offer, ctx.clock.now()),
        }),
      );
    });

    app.post("/offers/:id/answer", own, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const answer = z
        .enum(["accept", "decline"])
        .parse((request.body as { answer?: unknown } | undefined)?.answer);
      try {
        await answerOffer(ctx, actorOf(request), personOf(request), id, answer);
        setFlash(request, request.t("letting.staff.offers_page.answered"));
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== "conflict") throw e;
        setFlash(request, request.t(e.messageKey));
      }
      return reply.redirect(`/offers/${id}`, 303);
    });

    app.post("/offers/:id/withdraw", own, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      try {
        await withdrawAcceptance(ctx, actorOf(request), personOf(request), id);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== "conflict") throw e;
        setFlash(request, request.t(e.messageKey));
      }
      return reply.redirect(`/offers/${id}`, 303);
    });
  };
}
