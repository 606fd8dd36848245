import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage } from "../../../platform/http/request-context.ts";
import { castBallots, entitlementOf } from "./cast.service.ts";
import { toResultsView, toVoteView } from "./presenters.ts";
import { checkReceipt, publishedReceipts, resultsOf, verifyRoll } from "./results.service.ts";
import type { VoteRow } from "./votes.repository.ts";
import { listVotes, participantVote, visibleVote } from "./votes.service.ts";
import { type Choice, choices } from "./votes.table.ts";
import { ReceiptPage, VotePage, type VotePageProps, VotesPage } from "./votes.views.tsx";

const idParam = z.object({ id: z.string().max(64) });
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** The resident's pages: the department's votes, casting, the receipt check, results after closing. */
export function votesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const participate = { config: { permission: "democracy.participate" } } as const;
    const view = { config: { permission: "democracy.view" } } as const;

    app.get("/votes", participate, async (request, reply) => {
      const rows = await listVotes(ctx, reachOf(request.principal!, "democracy.participate"));
      return sendPage(
        reply,
        VotesPage({
          ctx: pageContext(request, reply),
          items: rows.map((v) => ({
            vote: toVoteView(v),
            results: v.results_json
              ? { yes: v.results_json.yes, no: v.results_json.no, blank: v.results_json.blank }
              : null,
          })),
        }),
      );
    });

    /** The vote page for whoever may see it, with what they may do there. */
    const votePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      seen: { vote: VoteRow; participates: boolean; manages: boolean },
      extra: Partial<VotePageProps> = {},
      status = 200,
    ) => {
      const v = seen.vote;
      const personId = request.user?.personId ?? null;
      const [entitlement, roll, results] = await Promise.all([
        seen.participates ? entitlementOf(ctx.db, v.id, personId) : null,
        verifyRoll(ctx.db, v),
        v.status === "closed" ? resultsOf(ctx.db, v) : null,
      ]);
      return sendPage(
        reply,
        VotePage({
          ctx: pageContext(request, reply),
          vote: toVoteView(v),
          entitlement,
          manages: seen.manages,
          rollMatches: roll?.matches ?? null,
          results: results && toResultsView(results),
          receiptCount: results?.recount.ballots ?? 0,
          ...extra,
        }),
        status,
      );
    };

    app.get("/votes/:id", view, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return votePage(request, reply, await visibleVote(ctx, request.principal!, id));
    });

    app.post("/votes/:id/cast", participate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const vote = await participantVote(ctx, request.principal!, id);
      const b = body(request);
      const values = { choice_1: text(b.choice_1), choice_2: text(b.choice_2) };
      const picked = [values.choice_1, values.choice_2].filter(Boolean);
      const seen = { vote, participates: true, manages: false };
      if (picked.length === 0 || !picked.every((c) => choices.includes(c as Choice))) {
        return votePage(
          request,
          reply,
          seen,
          { values, errors: { choice_1: "votes.cast.none_chosen" } },
          400,
        );
      }
      try {
        const { receipts } = await castBallots(
          ctx,
          actorOf(request),
          {
            voteId: vote.id,
            personId: request.user?.personId ?? "",
            choices: picked as Choice[],
            channel: "web",
          },
          vote,
        );
        // Shown in this answer only: not in the session (a flash would store it next to the user).
        reply.header("cache-control", "no-store");
        return sendPage(
          reply,
          ReceiptPage({ ctx: pageContext(request, reply), vote: toVoteView(vote), receipts }),
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.code === "not_found") throw e;
        return votePage(
          request,
          reply,
          seen,
          { values, errors: formErrors(request, e) },
          e.code === "conflict" ? 409 : 400,
        );
      }
    });

    app.post("/votes/:id/receipt", view, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const seen = await visibleVote(ctx, request.principal!, id);
      const code = text(body(request).code);
      try {
        const check = await checkReceipt(ctx.db, seen.vote, code);
        return votePage(request, reply, seen, { check, values: { code } });
      } catch (e) {
        if (!(e instanceof AppError) || e.code === "not_found") throw e;
        return votePage(request, reply, seen, { values: { code }, errors: formErrors(request, e) }, 400);
      }
    });

    app.get("/votes/:id/receipts.txt", view, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const seen = await visibleVote(ctx, request.principal!, id);
      const receipts = await publishedReceipts(ctx.db, seen.vote);
      return reply
        .type("text/plain; charset=utf-8")
        .header("content-disposition", `inline; filename="receipts-${seen.vote.id}.txt"`)
        .send(receipts.length ? `${receipts.join("\n")}\n` : "");
    });
  };
}
