import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { democracySettingsFor } from "../settings.ts";
import { checkIn, recordItemVotes, undoCheckIn } from "./at-meeting.service.ts";
import { digitalVoteCloses } from "./deadlines.ts";
import { explain } from "./explain.ts";
import { attendanceOf, householdsForCheckIn } from "./households.repository.ts";
import { closeMeeting, requireInProgress, takeChair } from "./lifecycle.service.ts";
import { meetingFor } from "./meeting-access.ts";
import { itemVotesSchema } from "./meetings.schemas.ts";
import { attempt, form, idParams, itemParams, meetingViews, pageParam } from "./route-helpers.ts";
import { RunPage, VotePage } from "./views/run.views.tsx";

const pageSize = 50;
const runQuery = z.object({ q: z.string().max(100).catch(""), page: pageParam });

/** At the meeting (meetings.manage): the chair, check-in per household, the show of votes, closing. */
export function runMeetingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "meetings.manage" } } as const;

    /** The meeting, only while it is under way (final agenda out, the meeting day come). */
    const inProgress = async (request: FastifyRequest, id: string) => {
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      requireInProgress(ctx, m);
      return m;
    };

    const runPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      q: string,
      page: number,
      errors = {},
      status = 200,
    ) => {
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      const r = await attempt(request, async () => requireInProgress(ctx, m));
      if (!r.ok) {
        setFlash(request, Object.values(r.errors).join(" "));
        return reply.redirect(`/meetings/${id}`, 303);
      }
      const [v, attendance, households] = await Promise.all([
        meetingViews(ctx, request, m),
        attendanceOf(ctx.db, m.id),
        householdsForCheckIn(ctx.db, m.id, m.department_id, m.meeting_date, { q, page, pageSize }),
      ]);
      return sendPage(
        reply,
        RunPage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          agenda: v.agenda,
          attendance,
          households: households.rows,
          q,
          page,
          pages: Math.max(1, Math.ceil(households.total / pageSize)),
          isChair: m.meeting_chair_user_id === request.user!.id,
          errors,
        }),
        status,
      );
    };

    app.get("/meetings/:id/run", manage, (request, reply) => {
      const { q, page } = runQuery.parse(request.query ?? {});
      return runPage(request, reply, idParams.parse(request.params).id, q, page);
    });

    app.post("/meetings/:id/chair", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const user = request.user!;
      const r = await attempt(request, () =>
        takeChair(ctx, actorOf(request), request.principal!, id, { id: user.id, name: user.name }),
      );
      if (!r.ok) return runPage(request, reply, id, "", 1, r.errors, r.status);
      setFlash(request, request.t("meetings.done.chair"));
      return reply.redirect(`/meetings/${id}/run`, 303);
    });

    for (const [path, run] of [
      ["check-in", checkIn],
      ["check-in/undo", undoCheckIn],
    ] as const) {
      app.post(`/meetings/:id/${path}`, manage, async (request, reply) => {
        const { id } = idParams.parse(request.params);
        const values = form(request);
        const q = (values.q ?? "").slice(0, 100);
        const r = await attempt(request, () =>
          run(ctx, actorOf(request), request.principal!, id, values.person_id ?? ""),
        );
        if (!r.ok) return runPage(request, reply, id, q, 1, r.errors, r.status);
        setFlash(
          request,
          request.t("meetings.done.attendance", { households: r.value.households, people: r.value.people }),
        );
        return reply.redirect(`/meetings/${id}/run${q ? `?q=${encodeURIComponent(q)}` : ""}`, 303);
      });
    }

    const votePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const { id, itemId } = itemParams.parse(request.params);
      const m = await inProgress(request, id);
      const [v, attendance, settings] = await Promise.all([
        meetingViews(ctx, request, m),
        attendanceOf(ctx.db, m.id),
        democracySettingsFor(ctx.db, m.organisation_id),
      ]);
      const item = v.agenda.find((i) => i.id === itemId);
      if (!item) throw new NotFoundError();
      return sendPage(
        reply,
        VotePage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          item,
          attendance,
          digitalVoteRule: explain(
            request.t,
            request.lang,
            digitalVoteCloses(m.meeting_date, settings).explanation,
          ),
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/meetings/:id/items/:itemId/vote", manage, (request, reply) => votePage(request, reply));

    app.post("/meetings/:id/items/:itemId/votes", manage, async (request, reply) => {
      const { id, itemId } = itemParams.parse(request.params);
      const values = form(request);
      const parsed = parseInput(itemVotesSchema, values, request.lang, request.t);
      if (!parsed.ok) return votePage(request, reply, values, parsed.errors, 400);
      const r = await attempt(request, () =>
        recordItemVotes(ctx, actorOf(request), request.principal!, id, itemId, parsed.data),
      );
      if (!r.ok) return votePage(request, reply, values, r.errors, r.status);
      setFlash(request, request.t(`meetings.done.votes_${r.value.outcome}`));
      return reply.redirect(`/meetings/${id}/run#items-heading`, 303);
    });

    app.post("/meetings/:id/close", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const r = await attempt(request, () => closeMeeting(ctx, actorOf(request), request.principal!, id));
      if (!r.ok) return runPage(request, reply, id, "", 1, r.errors, r.status);
      setFlash(request, request.t("meetings.done.held"));
      return reply.redirect(`/meetings/${id}/minutes`, 303);
    });
  };
}
