import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { democracySettingsFor } from "../settings.ts";
import { meetingDeadlines, type ProposalWindow, proposalWindow } from "./deadlines.ts";
import { searchDecisions } from "./decisions.repository.ts";
import { explain } from "./explain.ts";
import { chosenDepartment, meetingFor, publicStages, worksOnBoard } from "./meeting-access.ts";
import { type MeetingRow, meetingsWithin } from "./meetings.repository.ts";
import { proposalSchema } from "./meetings.schemas.ts";
import { meetingToTakePartIn, submitProposal } from "./proposals.service.ts";
import { attempt, form, idParams, meetingViews, pageParam } from "./route-helpers.ts";
import { DecisionsPage } from "./views/decisions.views.tsx";
import { DemocracyPage, ResidentMeetingPage } from "./views/resident.views.tsx";

const upcomingStages = ["convened", "proposals_open", "final_agenda_published"];
const departmentQuery = z.object({ department: z.string().max(64).optional().catch(undefined) });
const decisionsQuery = departmentQuery.extend({ q: z.string().max(200).catch(""), page: pageParam });
const decisionsPageSize = 50;

/** Residents (democracy.view): their department's meetings, proposals and decisions. */
export function residentMeetingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const view = { config: { permission: "democracy.view" } } as const;
    const participate = { config: { permission: "democracy.participate" } } as const;

    app.get("/democracy", view, async (request, reply) => {
      const { t, lang } = request;
      const { department: wanted } = departmentQuery.parse(request.query ?? {});
      const { options, department } = await chosenDepartment(ctx.db, request.principal!, wanted);
      let meetings: MeetingRow[] = [];
      let settings = null;
      if (department) {
        const r = await meetingsWithin(ctx.db, reachOf(request.principal!, "democracy.view"), {
          departmentIds: [department.id],
          stages: publicStages,
          convenedOnly: true,
          page: 1,
          pageSize: 50,
        });
        meetings = r.rows;
        settings = await democracySettingsFor(ctx.db, department.organisationId);
      }
      const today = todayInCopenhagen(ctx.clock);
      const summaries = meetings.map((m) => {
        const d = meetingDeadlines({ kind: m.kind, startsAt: m.starts_at, today, settings: settings! });
        return {
          id: m.id,
          title: m.title,
          kind: m.kind,
          startsAt: m.starts_at,
          stage: m.stage,
          proposalDeadline: d.proposalDeadline,
          proposalExplanation: explain(t, lang, d.explanations.proposalDeadline),
        };
      });
      return sendPage(
        reply,
        DemocracyPage({
          ctx: pageContext(request, reply),
          departments: options,
          department,
          upcoming: summaries.filter((m) => upcomingStages.includes(m.stage)).reverse(),
          past: summaries.filter((m) => !upcomingStages.includes(m.stage)),
          links: [
            { href: "/democracy/board", label: t("nav.board") },
            { href: "/votes", label: t("nav.votes") },
            { href: "/get-involved", label: t("nav.get_involved") },
          ],
        }),
      );
    });

    const meetingPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const principal = request.principal!;
      const user = request.user!;
      const m = await meetingFor(ctx.db, principal, id, "democracy.view");
      const v = await meetingViews(ctx, request, m);
      let window: ProposalWindow | null = null;
      const open =
        ["proposals_open", "final_agenda_published"].includes(m.stage) &&
        ctx.clock.now().toISOString() < m.starts_at;
      if (open) {
        const takesPart = await meetingToTakePartIn(
          ctx,
          principal,
          { userId: user.id, personId: user.personId },
          id,
        ).then(
          () => true,
          (e) => {
            if (e instanceof AppError && e.code === "not_found") return false;
            throw e;
          },
        );
        if (takesPart) window = proposalWindow(v.deadlines, todayInCopenhagen(ctx.clock));
      }
      const finalOut = !["convened", "proposals_open"].includes(m.stage);
      const own = new Set(v.proposalRows.filter((p) => p.submitted_by_user_id === user.id).map((p) => p.id));
      return sendPage(
        reply,
        ResidentMeetingPage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          // Amendments are public with the final agenda; until then residents see only the items.
          agenda: finalOut ? v.agenda : v.agenda.map((i) => ({ ...i, amendments: [] })),
          approvals: v.approvals,
          ownProposals: v.proposals.filter((p) => own.has(p.id)),
          window,
          boardLink: worksOnBoard(principal, m),
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/democracy/meetings/:id", view, (request, reply) =>
      meetingPage(request, reply, idParams.parse(request.params).id),
    );

    app.post("/democracy/meetings/:id/proposals", participate, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form(request);
      const parsed = parseInput(proposalSchema, values, request.lang, request.t);
      if (!parsed.ok) return meetingPage(request, reply, id, values, parsed.errors, 400);
      const user = request.user!;
      const r = await attempt(request, () =>
        submitProposal(
          ctx,
          actorOf(request),
          request.principal!,
          { userId: user.id, personId: user.personId },
          id,
          parsed.data,
        ),
      );
      if (!r.ok) return meetingPage(request, reply, id, values, r.errors, r.status);
      setFlash(request, request.t(`meetings.done.submitted_${parsed.data.kind}`));
      return reply.redirect(`/democracy/meetings/${id}#own-heading`, 303);
    });

    app.get("/democracy/decisions", view, async (request, reply) => {
      const { department: wanted, q, page } = decisionsQuery.parse(request.query ?? {});
      const { options, department } = await chosenDepartment(ctx.db, request.principal!, wanted);
      const r = department
        ? await searchDecisions(ctx.db, { departmentId: department.id, q, page, pageSize: decisionsPageSize })
        : { rows: [], total: 0 };
      return sendPage(
        reply,
        DecisionsPage({
          ctx: pageContext(request, reply),
          departments: options,
          department,
          q,
          decisions: r.rows.map((d) => ({
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
          pages: Math.max(1, Math.ceil(r.total / decisionsPageSize)),
        }),
      );
    });
  };
}
