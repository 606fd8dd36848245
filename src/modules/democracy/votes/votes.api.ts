import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { withDatesIn } from "../meetings/explain.ts";
import { castBallots, entitlementOf, registerPaperBallot } from "./cast.service.ts";
import { closeVote, openVote } from "./lifecycle.service.ts";
import { toVoteView } from "./presenters.ts";
import { checkReceipt, publishedReceipts, type Results, resultsOf, verifyRoll } from "./results.service.ts";
import { rollWithMarks } from "./roll.repository.ts";
import {
  castJson,
  errors,
  idParams,
  newVoteJson,
  paperJson,
  receiptsJson,
  resultsJson,
  rollJson,
  tags,
  voteDetailJson,
  voteJson,
} from "./votes.api-schemas.ts";
import type { VoteRow } from "./votes.repository.ts";
import {
  createVoteAsStaff,
  listVotes,
  managedVote,
  participantVote,
  reachOfEither,
  visibleVote,
} from "./votes.service.ts";
import { voteStatuses } from "./votes.table.ts";

const toResultsJson = (r: Results): z.infer<typeof resultsJson> => ({
  yes: r.recount.yes,
  no: r.recount.no,
  blank: r.recount.blank,
  ballots: r.recount.ballots,
  marks: r.recount.marks,
  published: {
    yes: r.published.yes,
    no: r.published.no,
    blank: r.published.blank,
    rejected: r.published.rejected,
  },
  verified: r.verified,
  outcome: r.outcome,
});

/** Votes for integrators and apps: the same services and rules as the pages. */
export function votesApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const view = { permission: "democracy.view" } as const;
    const participate = { permission: "democracy.participate" } as const;
    const manage = { permission: "votes.manage" } as const;

    const detail = async (personId: string | null, v: VoteRow, participates: boolean) => ({
      ...toVoteView(v),
      me: participates ? await entitlementOf(ctx.db, v.id, personId) : null,
      results: v.status === "closed" ? toResultsJson(await resultsOf(ctx.db, v)) : null,
    });

    app.get(
      "/votes",
      {
        config: view,
        schema: {
          tags,
          summary: "Votes of your departments (as a resident) and within your reach (as staff), newest first",
          querystring: z.object({ status: z.enum(voteStatuses).optional() }),
          response: { 200: z.object({ items: z.array(voteJson) }), ...errors },
        },
      },
      async (request) => {
        const reach = reachOfEither(request.principal!, "democracy.participate", "votes.manage");
        return { items: (await listVotes(ctx, reach, request.query.status)).map(toVoteView) };
      },
    );

    app.get(
      "/votes/:id",
      {
        config: view,
        schema: {
          tags,
          summary:
            "One vote: the frozen roll's hash, your place on the roll, and the results once it has closed",
          params: idParams,
          response: { 200: voteDetailJson, ...errors },
        },
      },
      async (request) => {
        const seen = await visibleVote(ctx, request.principal!, request.params.id);
        return detail(request.user!.personId, seen.vote, seen.participates);
      },
    );

    app.post(
      "/votes/:id/ballots",
      {
        config: participate,
        schema: {
          tags,
          summary:
            "Cast your ballot(s) while the vote is open. Answers the receipt codes, once; they are stored only inside the sealed ballots (409 if you or your household have no votes left)",
          params: idParams,
          body: castJson,
          response: { 201: receiptsJson, ...errors },
        },
      },
      async (request, reply) => {
        const v = await participantVote(ctx, request.principal!, request.params.id);
        const result = await castBallots(
          ctx,
          actorOf(request),
          {
            voteId: v.id,
            personId: request.user!.personId ?? "",
            choices: request.body.choices,
            channel: "web",
          },
          v,
        );
        return reply.code(201).header("cache-control", "no-store").send(result);
      },
    );

    app.get(
      "/votes/:id/results",
      {
        config: view,
        schema: {
          tags,
          summary:
            "The tally, recounted from the ballot box, with ballots = roll marks (409 until the vote has closed)",
          params: idParams,
          response: { 200: resultsJson, ...errors },
        },
      },
      async (request) => {
        const seen = await visibleVote(ctx, request.principal!, request.params.id);
        return toResultsJson(await resultsOf(ctx.db, seen.vote));
      },
    );

    app.get(
      "/votes/:id/receipts",
      {
        config: view,
        schema: {
          tags,
          summary: "Every receipt code in the ballot box, sorted (409 until the vote has closed)",
          params: idParams,
          response: { 200: receiptsJson, ...errors },
        },
      },
      async (request) => {
        const seen = await visibleVote(ctx, request.principal!, request.params.id);
        return { receipts: await publishedReceipts(ctx.db, seen.vote) };
      },
    );

    app.post(
      "/votes/:id/receipts/check",
      {
        config: view,
        schema: {
          tags,
          summary:
            "Whether a receipt code is in the ballot box (a POST, so the code stays out of URLs and logs)",
          params: idParams,
          body: z.object({ code: z.string().max(40) }),
          response: { 200: z.object({ code: z.string(), found: z.boolean() }), ...errors },
        },
      },
      async (request) => {
        const seen = await visibleVote(ctx, request.principal!, request.params.id);
        return checkReceipt(ctx.db, seen.vote, request.body.code);
      },
    );

    app.post(
      "/votes",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Create a vote in a department (planned until it opens; the roll is frozen then). A ballot on a proposal balloted since the department's last ordinary meeting is refused (409).",
          body: newVoteJson,
          response: { 201: voteJson, ...errors },
        },
      },
      async (request, reply) => {
        const { id } = await withDatesIn(request.lang, () =>
          createVoteAsStaff(ctx, actorOf(request), request.principal!, request.body),
        );
        return reply.code(201).send(toVoteView(await managedVote(ctx, request.principal!, id)));
      },
    );

    const lifecycle = (
      path: string,
      summary: string,
      run: (id: string, actor: ReturnType<typeof actorOf>) => Promise<unknown>,
    ) =>
      app.post(
        path,
        {
          config: manage,
          schema: { tags, summary, params: idParams, response: { 200: voteDetailJson, ...errors } },
        },
        async (request) => {
          const v = await managedVote(ctx, request.principal!, request.params.id);
          await run(v.id, actorOf(request));
          const seen = await visibleVote(ctx, request.principal!, v.id);
          return detail(request.user!.personId, seen.vote, seen.participates);
        },
      );
    lifecycle(
      "/votes/:id/open",
      "Open a planned vote now: freezes and hashes the roll (409 unless planned)",
      (id, actor) => openVote(ctx, actor, id),
    );
    lifecycle(
      "/votes/:id/close",
      "Close an open vote now: the ballots go into the box in random order and the tally is published (409 unless open)",
      (id, actor) => closeVote(ctx, actor, id),
    );

    app.post(
      "/votes/:id/paper-ballots",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Register a paper ballot for a person on the roll: the same roll as the web (409 if they already voted)",
          params: idParams,
          body: paperJson,
          response: { 201: receiptsJson, ...errors },
        },
      },
      async (request, reply) => {
        const v = await managedVote(ctx, request.principal!, request.params.id);
        const result = await registerPaperBallot(
          ctx,
          actorOf(request),
          request.principal!,
          v,
          request.body.personId,
          [request.body.choice],
        );
        return reply.code(201).header("cache-control", "no-store").send(result);
      },
    );

    app.get(
      "/votes/:id/roll",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "The frozen roll with who has voted (not what), its canonical text and the hash recomputed",
          params: idParams,
          response: { 200: rollJson, ...errors },
        },
      },
      async (request) => {
        const v = await managedVote(ctx, request.principal!, request.params.id);
        const roll = await verifyRoll(ctx.db, v);
        if (!roll) throw new ConflictError("votes.roll.not_frozen");
        const rows = await rollWithMarks(ctx.db, v.id);
        return {
          hash: roll.hash,
          matches: roll.matches,
          canonical: roll.canonical,
          entries: rows.map((r) => ({
            householdId: r.household_id,
            personId: r.person_id,
            seq: r.seq,
            voted: r.channel,
          })),
        };
      },
    );
  };
}
