import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { can, type Principal, reaches, reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import {
  boardJson,
  boardListJson,
  electionJson,
  errors,
  idParams,
  scopeParams,
  tags,
} from "./api-schemas.ts";
import {
  departmentsInReach,
  findBoard,
  organisationsInReach,
  type ScopeRow,
  scopeOf,
  sittingCounts,
  termsOf,
} from "./board.repository.ts";
import { nominationsOf } from "./elections.repository.ts";
import { toElectionView, toNominationView } from "./elections.routes.tsx";
import {
  createElection,
  createElectionSchema,
  reachableElection,
  recordResult,
  resultSchema,
} from "./elections.service.ts";
import {
  accessScope,
  recordMember,
  recordMemberSchema,
  resignMember,
  resignSchema,
  setContactConsent,
} from "./members.service.ts";
import {
  addMeetingNomination,
  answerNomination,
  meetingNominationSchema,
  nominateOnline,
  nominateSchema,
} from "./nominations.service.ts";
import { boardView } from "./presenters.ts";

const pageSize = 100;

/** A board a viewer may see: their department's, or their organisation's board when they live or work in it. */
async function visibleScope(ctx: AppContext, principal: Principal, scopeId: string): Promise<ScopeRow> {
  const scope = await scopeOf(ctx.db, scopeId);
  if (!scope) throw new NotFoundError();
  const reach = reachOf(principal, "democracy.view");
  if (reaches(reach, scope.organisationId, scope.departmentId)) return scope;
  if (!scope.departmentId && reach.departmentIds.length) {
    const inOrg = await ctx.db
      .selectFrom("departments")
      .select("id")
      .where("id", "in", reach.departmentIds)
      .where("organisation_id", "=", scope.organisationId)
      .executeTakeFirst();
    if (inOrg) return scope;
  }
  throw new NotFoundError();
}

async function boardOut(ctx: AppContext, scope: ScopeRow) {
  const board = await findBoard(ctx.db, scope);
  const view = boardView(board ? await termsOf(ctx.db, board.id) : [], todayInCopenhagen(ctx.clock));
  return {
    scopeId: scope.departmentId ?? scope.organisationId,
    name: scope.name,
    organisationId: scope.organisationId,
    departmentId: scope.departmentId,
    ...view,
  };
}

async function electionOut(ctx: AppContext, principal: Principal, id: string) {
  const e = await reachableElection(ctx, principal, "democracy.view", id);
  const scope = (await scopeOf(ctx.db, e.department_id ?? e.organisation_id))!;
  const all = can(principal, "meetings.manage", accessScope(scope));
  const nominations = (await nominationsOf(ctx.db, e.id)).map(toNominationView);
  return {
    ...toElectionView(e, scope.name),
    nominations: all ? nominations : nominations.filter((n) => n.status === "accepted"),
  };
}

/** Boards, terms, elections and nominations for integrators and the residents' own apps. */
export function boardsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const manage = { permission: "boards.manage" } as const;
    const view = { permission: "democracy.view" } as const;

    app.get(
      "/boards",
      {
        config: manage,
        schema: {
          tags,
          summary: "Boards within your reach (organisation boards first) with how many sit on each",
          querystring: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }),
          response: { 200: boardListJson, ...errors },
        },
      },
      async (request) => {
        const { page } = request.query;
        const reach = reachOf(request.principal!, "boards.manage");
        const { rows, total } = await departmentsInReach(ctx.db, reach, page, pageSize);
        const orgs = page === 1 ? await organisationsInReach(ctx.db, reach) : [];
        const items = [
          ...orgs.map((o) => ({
            scopeId: o.id,
            key: `org:${o.id}`,
            name: o.name,
            organisation: o.name,
            isOrganisation: true,
          })),
          ...rows.map((d) => ({
            scopeId: d.id,
            key: d.id,
            name: `${d.number} ${d.name}`,
            organisation: d.organisationName,
            isOrganisation: false,
          })),
        ];
        const counts = await sittingCounts(
          ctx.db,
          items.map((i) => i.key),
          todayInCopenhagen(ctx.clock),
        );
        return {
          items: items.map(({ key, ...i }) => ({
            ...i,
            members: counts.get(key)?.members ?? 0,
            alternates: counts.get(key)?.alternates ?? 0,
          })),
          total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      "/boards/:scopeId",
      {
        config: view,
        schema: {
          tags,
          summary:
            "A board: who sits now (chair, members, alternates in order), who is elected to start, who sat before",
          description: "A member's e-mail and phone are shown only when the member agreed to show them.",
          params: scopeParams,
          response: { 200: boardJson, ...errors },
        },
      },
      async (request) => boardOut(ctx, await visibleScope(ctx, request.principal!, request.params.scopeId)),
    );

    app.post(
      "/boards/:scopeId/members",
      {
        config: manage,
        schema: {
          tags,
          summary: "Record a term (a sitting member recorded again is re-elected on one role grant)",
          description:
            "The person's login gets the board_member or board_chair role for the board's department (or organisation) when the term starts; alternates get no role.",
          params: scopeParams,
          body: recordMemberSchema,
          response: { 201: boardJson, ...errors },
        },
      },
      async (request, reply) => {
        const { scopeId } = request.params;
        await recordMember(ctx, actorOf(request), request.principal!, scopeId, request.body);
        return reply.code(201).send(await boardOut(ctx, (await scopeOf(ctx.db, scopeId))!));
      },
    );

    app.post(
      "/board-members/:id/resignation",
      {
        config: manage,
        schema: {
          tags,
          summary: "A member resigns from a date (the first day they no longer sit), with a reason",
          params: idParams,
          body: resignSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await resignMember(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/me/board-members/:id/contact-consent",
      {
        config: view,
        schema: {
          tags,
          summary: "Show (or stop showing) your e-mail and phone to the residents, for one of your terms",
          params: idParams,
          body: z.object({ consent: z.boolean() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await setContactConsent(
          ctx,
          actorOf(request),
          request.user!.personId,
          request.params.id,
          request.body.consent,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/boards/:scopeId/elections",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Set up an election at a meeting of the department (meetingId; the organisation board gives electionDate)",
          params: scopeParams,
          body: createElectionSchema,
          response: { 201: electionJson, ...errors },
        },
      },
      async (request, reply) => {
        const id = await createElection(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.scopeId,
          request.body,
        );
        return reply.code(201).send(await electionOut(ctx, request.principal!, id));
      },
    );

    app.get(
      "/elections/:id",
      {
        config: view,
        schema: {
          tags,
          summary: "An election: its candidates, and once decided the votes, lots and outcome",
          params: idParams,
          response: { 200: electionJson, ...errors },
        },
      },
      async (request) => electionOut(ctx, request.principal!, request.params.id),
    );

    app.post(
      "/elections/:id/nominations",
      {
        config: { permission: "democracy.participate" },
        schema: {
          tags,
          summary:
            "Nominate yourself ({ self: true }) or a neighbour (their home's unitId and their name) online",
          description:
            "Only residents of the department; until the meeting starts. A neighbour's nomination waits for their consent.",
          params: idParams,
          body: nominateSchema,
          response: {
            201: z.object({ id: z.string(), status: z.enum(["pending_consent", "accepted"]) }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const r = await nominateOnline(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.personId,
          request.params.id,
          request.body,
        );
        return reply.code(201).send({ id: r.id, status: r.status as "accepted" });
      },
    );

    app.post(
      "/elections/:id/meeting-nominations",
      {
        config: { permission: "meetings.manage" },
        schema: {
          tags,
          summary: "Add a candidate at the meeting, who said yes there (consent: true)",
          params: idParams,
          body: meetingNominationSchema,
          response: { 201: z.object({ id: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const id = await addMeetingNomination(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.body,
        );
        return reply.code(201).send({ id });
      },
    );

    app.post(
      "/nominations/:id/answer",
      {
        config: view,
        schema: {
          tags,
          summary: "Answer a nomination of you: accept to stand, or decline",
          params: idParams,
          body: z.object({ accept: z.boolean() }),
          response: { 200: z.object({ status: z.enum(["accepted", "declined"]) }), ...errors },
        },
      },
      async (request) => {
        const status = await answerNomination(
          ctx,
          actorOf(request),
          request.user!.personId,
          request.params.id,
          request.body.accept,
        );
        return { status: status as "accepted" };
      },
    );

    app.post(
      "/elections/:id/result",
      {
        config: { permission: "meetings.manage" },
        schema: {
          tags,
          summary:
            "Record the votes per candidate; seats and alternates follow by votes, ties by the lot drawn",
          description:
            "Every candidate needs votes. A tie that decides a seat or an alternate's rank needs `lot` (1 first) for each tied candidate, else 400 naming them.",
          params: idParams,
          body: resultSchema,
          response: { 200: electionJson, ...errors },
        },
      },
      async (request) => {
        await recordResult(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return electionOut(ctx, request.principal!, request.params.id);
      },
    );
  };
}
