import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { searchDecisions } from "./decisions.repository.ts";
import { withDatesIn } from "./explain.ts";
import { chosenDepartment, meetingFor, publicStages, worksOnBoard } from "./meeting-access.ts";
import {
  decisionsJson,
  errors,
  idParams,
  meetingDetailJson,
  meetingListJson,
  proposalJson,
  proposalParams,
  tags,
} from "./meetings.api-schemas.ts";
import { meetingsWithin, proposalById, proposalsOf } from "./meetings.repository.ts";
import { proposalSchema, reviewSchema } from "./meetings.schemas.ts";
import { departmentLabel, toProposalView } from "./presenters.ts";
import { meetingForBoard, putOnAgenda, reviewProposal, submitProposal } from "./proposals.service.ts";
import { meetingViews } from "./route-helpers.ts";

const pageSize = 100;

/** Residents' and boards' democracy API: meetings as residents see them, proposals, the decisions register. */
export function democracyApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const view = { permission: "democracy.view" } as const;
    const participate = { permission: "democracy.participate" } as const;
    const board = { permission: "board.work" } as const;

    /** Only this department's board. */
    const boardMeeting = async (request: FastifyRequest, id: string) => {
      const m = await meetingForBoard(ctx, request.principal!, id);
      if (!worksOnBoard(request.principal, m)) throw new NotFoundError();
      return m;
    };
    const oneProposal = async (meetingId: string, id: string) => {
      const rows = await proposalsOf(ctx.db, meetingId);
      const p = rows.find((r) => r.id === id);
      if (!p) throw new NotFoundError();
      return toProposalView(p);
    };

    app.get(
      "/democracy/meetings",
      {
        config: view,
        schema: {
          tags,
          summary: "Meetings of your department(s) that have been convened, newest first",
          querystring: z.object({
            department: z.string().max(64).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
          }),
          response: { 200: meetingListJson, ...errors },
        },
      },
      async (request) => {
        const { department, page } = request.query;
        const r = await meetingsWithin(ctx.db, reachOf(request.principal!, "democracy.view"), {
          departmentIds: department ? [department] : undefined,
          stages: publicStages,
          convenedOnly: true,
          page,
          pageSize,
        });
        return {
          items: r.rows.map((m) => ({
            id: m.id,
            departmentId: m.department_id,
            department: departmentLabel(m),
            kind: m.kind,
            title: m.title,
            startsAt: m.starts_at,
            stage: m.stage,
          })),
          total: r.total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      "/democracy/meetings/:id",
      {
        config: view,
        schema: {
          tags,
          summary:
            "A meeting as its residents see it: deadlines explained, agenda (amendments once the final agenda is out), minutes when published",
          params: idParams,
          response: { 200: meetingDetailJson, ...errors },
        },
      },
      async (request) => {
        const m = await meetingFor(ctx.db, request.principal!, request.params.id, "democracy.view");
        const v = await meetingViews(ctx, request, m);
        const finalOut = !["convened", "proposals_open"].includes(m.stage);
        const published = m.stage === "published";
        return {
          meeting: { ...v.meeting, minutesIntro: published ? v.meeting.minutesIntro : null },
          agenda: v.agenda.map((i) => ({
            ...i,
            amendments: finalOut ? i.amendments.map((a) => ({ ...a, submitter: null })) : [],
            minutesText: published ? i.minutesText : null,
            decisionText: published ? i.decisionText : null,
          })),
          approvals: published ? v.approvals : [],
        };
      },
    );

    app.post(
      "/democracy/meetings/:id/proposals",
      {
        config: participate,
        schema: {
          tags,
          summary:
            "Submit a proposal (until the proposal deadline) or an amendment to an agenda item (until the meeting); residents of the department only",
          params: idParams,
          body: proposalSchema,
          response: { 201: proposalJson, ...errors },
        },
      },
      async (request, reply) => {
        const user = request.user!;
        const id = await withDatesIn(request.lang, () =>
          submitProposal(
            ctx,
            actorOf(request),
            request.principal!,
            { userId: user.id, personId: user.personId },
            request.params.id,
            request.body,
          ),
        );
        return reply.code(201).send(await oneProposal(request.params.id, id));
      },
    );

    app.get(
      "/democracy/meetings/:id/proposals",
      {
        config: board,
        schema: {
          tags,
          summary: "The board's list of proposals, in the board's order (this department's board only)",
          params: idParams,
          response: { 200: z.object({ items: z.array(proposalJson) }), ...errors },
        },
      },
      async (request) => {
        const m = await boardMeeting(request, request.params.id);
        return { items: (await proposalsOf(ctx.db, m.id)).map(toProposalView) };
      },
    );

    app.post(
      "/democracy/meetings/:id/proposals/:proposalId/review",
      {
        config: board,
        schema: {
          tags,
          summary: "The board orders and comments on a proposal",
          params: proposalParams,
          body: reviewSchema,
          response: { 200: proposalJson, ...errors },
        },
      },
      async (request) => {
        const { id, proposalId } = request.params;
        await boardMeeting(request, id);
        await reviewProposal(ctx, actorOf(request), request.principal!, id, proposalId, request.body);
        return oneProposal(id, proposalId);
      },
    );

    app.post(
      "/democracy/meetings/:id/proposals/:proposalId/agenda",
      {
        config: board,
        schema: {
          tags,
          summary: "The board puts a proposal on the agenda (until the final agenda is published)",
          params: proposalParams,
          response: { 200: proposalJson, ...errors },
        },
      },
      async (request) => {
        const { id, proposalId } = request.params;
        await boardMeeting(request, id);
        if (!(await proposalById(ctx.db, id, proposalId))) throw new NotFoundError();
        await putOnAgenda(ctx, actorOf(request), request.principal!, id, proposalId);
        return oneProposal(id, proposalId);
      },
    );

    app.get(
      "/democracy/decisions",
      {
        config: view,
        schema: {
          tags,
          summary: "The decisions register of a department (yours by default), searchable by words",
          querystring: z.object({
            department: z.string().max(64).optional(),
            q: z.string().max(200).default(""),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
          }),
          response: { 200: decisionsJson, ...errors },
        },
      },
      async (request) => {
        const { department: wanted, q, page } = request.query;
        const { department } = await chosenDepartment(ctx.db, request.principal!, wanted);
        if (!department) return { items: [], total: 0, page, pageSize };
        const r = await searchDecisions(ctx.db, { departmentId: department.id, q, page, pageSize });
        return {
          items: r.rows.map((d) => ({
            id: d.id,
            meetingId: d.meeting_id,
            meetingTitle: d.meeting_title,
            decidedOn: d.decided_on,
            title: d.title,
            decisionText: d.decision_text,
            outcome: d.outcome,
            votesFor: d.votes_for,
            votesAgainst: d.votes_against,
            votesBlank: d.votes_blank,
          })),
          total: r.total,
          page,
          pageSize,
        };
      },
    );
  };
}
