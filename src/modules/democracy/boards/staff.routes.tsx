import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { formatDate, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage } from "../../../platform/http/request-context.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import {
  departmentBoardMembersOf,
  departmentsInReach,
  findBoard,
  meetingsOf,
  organisationsInReach,
  residentsOf,
  type ScopeRow,
  sittingCounts,
  termsOf,
} from "./board.repository.ts";
import { reachedDemandsIn } from "./demands.repository.ts";
import { electionsOf } from "./elections.repository.ts";
import { createElection } from "./elections.service.ts";
import { formBody, int, optional, scopeParams, submitForm, text } from "./form.ts";
import { reachableScope, recordMember, resignMember } from "./members.service.ts";
import { boardView, demandView } from "./presenters.ts";
import { BoardListPage, BoardPage, NewElectionPage, ResignPage } from "./staff.views.tsx";

const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const everywhere = { all: true, organisationIds: [], departmentIds: [] };

/** Whom a board may be chosen from: the department's adult residents; for the organisation board, department board members. */
async function eligiblePeople(ctx: AppContext, scope: ScopeRow, today: string) {
  const people = scope.departmentId
    ? await residentsOf(ctx.db, scope.departmentId, today)
    : await departmentBoardMembersOf(ctx.db, scope.organisationId, today);
  return people.map((r) => ({ value: r.personId, label: `${r.name} – ${r.address}` }));
}

async function meetingOptions(ctx: AppContext, request: FastifyRequest, scope: ScopeRow) {
  if (!scope.departmentId) return [];
  const meetings = await meetingsOf(ctx.db, scope.departmentId);
  return meetings.map((m) => ({
    value: m.id,
    label: `${m.title} (${formatDate(m.meeting_date, request.lang)})`,
  }));
}

/** The unmet demands of a department with their timers (the board and the organisation are bound by them). */
export async function reachedDemandViews(ctx: AppContext, departmentId: string | null) {
  if (!departmentId) return [];
  const now = ctx.clock.now();
  return (await reachedDemandsIn(ctx.db, everywhere, departmentId)).map((d) => demandView(d, now, 0, false));
}

/** Staff: every board within reach, its members and terms, elections, resignations. */
export function staffBoardRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "boards.manage" } } as const;

    app.get("/boards", manage, async (request, reply) => {
      const page = pageParam.parse((request.query as { page?: string }).page);
      const reach = reachOf(request.principal!, "boards.manage");
      const today = todayInCopenhagen(ctx.clock);
      const { rows, total } = await departmentsInReach(ctx.db, reach, page, pageSize);
      const orgs = page === 1 ? await organisationsInReach(ctx.db, reach) : [];
      const scopes = [
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
        scopes.map((s) => s.key),
        today,
      );
      const now = ctx.clock.now();
      const demands = (await reachedDemandsIn(ctx.db, reach)).map((d) => demandView(d, now, 0, false));
      return sendPage(
        reply,
        BoardListPage({
          ctx: pageContext(request, reply),
          boards: scopes.map((s) => ({
            ...s,
            members: counts.get(s.key)?.members ?? 0,
            alternates: counts.get(s.key)?.alternates ?? 0,
          })),
          demands,
          page,
          pages: Math.max(1, Math.ceil(total / pageSize)),
        }),
      );
    });

    const boardPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      scope: ScopeRow,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const today = todayInCopenhagen(ctx.clock);
      const board = await findBoard(ctx.db, scope);
      const terms = board ? await termsOf(ctx.db, board.id) : [];
      const elections = board ? await electionsOf(ctx.db, board.id) : [];
      const scopeId = scope.departmentId ?? scope.organisationId;
      return sendPage(
        reply,
        BoardPage({
          ctx: pageContext(request, reply),
          scope: { id: scopeId, name: scope.name, isOrganisation: !scope.departmentId },
          board: boardView(terms, today),
          elections: elections.map((e) => ({
            id: e.id,
            date: e.election_date,
            meeting: e.meetingTitle,
            kind: e.kind,
            status: e.status,
            memberSeats: e.member_seats,
            alternateSeats: e.alternate_seats,
          })),
          residents: await eligiblePeople(ctx, scope, today),
          meetings: await meetingOptions(ctx, request, scope),
          demands: await reachedDemandViews(ctx, scope.departmentId),
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/boards/:scopeId", manage, async (request, reply) => {
      const { scopeId } = scopeParams.parse(request.params);
      const scope = await reachableScope(ctx, request.principal!, "boards.manage", scopeId);
      return boardPage(request, reply, scope);
    });

    app.post("/boards/:scopeId/members", manage, async (request, reply) => {
      const { scopeId } = scopeParams.parse(request.params);
      const scope = await reachableScope(ctx, request.principal!, "boards.manage", scopeId);
      const b = formBody(request);
      const values = Object.fromEntries(
        ["personId", "role", "startDate", "endDate", "meetingId", "hasContactConsent"].map((k) => [
          k,
          text(b[k]),
        ]),
      );
      return submitForm(request, reply, {
        back: `/boards/${scopeId}`,
        run: async () => {
          await recordMember(ctx, actorOf(request), request.principal!, scopeId, {
            personId: values.personId!,
            role: values.role as "member",
            startDate: values.startDate!,
            endDate: optional(values.endDate),
            meetingId: optional(values.meetingId),
            hasContactConsent: values.hasContactConsent === "ja",
          });
          return { to: `/boards/${scopeId}`, flash: request.t("boards.staff.member_added") };
        },
        invalid: (errors) => boardPage(request, reply, scope, values, errors, 400),
      });
    });

    const resignPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const { scopeId, termId } = z
        .object({ scopeId: z.string().max(64), termId: z.string().max(64) })
        .parse(request.params);
      const scope = await reachableScope(ctx, request.principal!, "boards.manage", scopeId);
      const board = await findBoard(ctx.db, scope);
      const term = board ? (await termsOf(ctx.db, board.id)).find((t) => t.id === termId) : undefined;
      if (!term) throw new NotFoundError();
      const member = boardView([term], term.start_date);
      const view = [...member.sitting, ...member.coming, ...member.past][0];
      if (!view) throw new NotFoundError();
      return sendPage(
        reply,
        ResignPage({
          ctx: pageContext(request, reply),
          scope: { id: scopeId, name: scope.name },
          member: view,
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/boards/:scopeId/members/:termId/resign", manage, (request, reply) =>
      resignPage(request, reply),
    );

    app.post("/boards/:scopeId/members/:termId/resign", manage, async (request, reply) => {
      const { scopeId, termId } = request.params as { scopeId: string; termId: string };
      const b = formBody(request);
      const values = { resignedOn: text(b.resignedOn), reason: text(b.reason) };
      const scope = await reachableScope(ctx, request.principal!, "boards.manage", scopeId);
      const board = await findBoard(ctx.db, scope);
      const term = board && (await termsOf(ctx.db, board.id)).find((t) => t.id === termId);
      if (!term) throw new NotFoundError();
      return submitForm(request, reply, {
        back: `/boards/${scopeId}`,
        run: async () => {
          await resignMember(ctx, actorOf(request), request.principal!, termId, values);
          return { to: `/boards/${scopeId}`, flash: request.t("boards.staff.resigned", { name: term.name }) };
        },
        invalid: (errors) => resignPage(request, reply, values, errors, 400),
      });
    });

    const newElectionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const { scopeId } = scopeParams.parse(request.params);
      const scope = await reachableScope(ctx, request.principal!, "boards.manage", scopeId);
      return sendPage(
        reply,
        NewElectionPage({
          ctx: pageContext(request, reply),
          scope: { id: scopeId, name: scope.name, isOrganisation: !scope.departmentId },
          meetings: await meetingOptions(ctx, request, scope),
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/boards/:scopeId/elections/new", manage, (request, reply) => newElectionPage(request, reply));

    app.post("/boards/:scopeId/elections", manage, async (request, reply) => {
      const { scopeId } = scopeParams.parse(request.params);
      const b = formBody(request);
      const values = Object.fromEntries(
        ["meetingId", "electionDate", "kind", "memberSeats", "alternateSeats"].map((k) => [k, text(b[k])]),
      );
      return submitForm(request, reply, {
        back: `/boards/${scopeId}`,
        run: async () => {
          const id = await createElection(ctx, actorOf(request), request.principal!, scopeId, {
            meetingId: optional(values.meetingId),
            electionDate: optional(values.electionDate),
            kind: values.kind === "chair" ? "chair" : "board",
            memberSeats: int(values.memberSeats),
            alternateSeats: int(values.alternateSeats),
          });
          return { to: `/elections/${id}`, flash: request.t("boards.elections.created") };
        },
        invalid: (errors) => newElectionPage(request, reply, values, errors, 400),
      });
    });
  };
}
