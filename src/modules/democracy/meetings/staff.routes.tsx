import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addDays, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { defaultDemocracySettings, democracySettingsFor } from "../settings.ts";
import { noticeWeeksFor } from "./deadlines.ts";
import { cancelMeeting, conveneMeeting, openProposals, publishFinalAgenda } from "./lifecycle.service.ts";
import { meetingFor, worksOnBoard } from "./meeting-access.ts";
import { departmentsWithin, meetingsWithin } from "./meetings.repository.ts";
import {
  agendaItemSchema,
  meetingDetailsSchema,
  parseAmountLines,
  planMeetingSchema,
} from "./meetings.schemas.ts";
import {
  addAgendaItem,
  editAgendaItem,
  editMeeting,
  meetingWithOpenAgenda,
  moveAgendaItem,
  planMeeting,
  removeAgendaItem,
  setEconomy,
} from "./meetings.service.ts";
import { departmentLabel } from "./presenters.ts";
import { attempt, form, idParams, itemParams, meetingViews, pageParam, prefixed } from "./route-helpers.ts";
import { ItemEditPage } from "./views/agenda-edit.views.tsx";
import { MeetingListPage, MeetingNewPage } from "./views/staff-list.views.tsx";
import { StaffMeetingPage } from "./views/staff-meeting.views.tsx";

const pageSize = 50;
const standardItems = {
  ordinary: ["chair", "minutes_taker", "report", "accounts", "budget", "proposals", "election", "other"],
  extraordinary: ["chair", "minutes_taker"],
} as const;

/** Staff and board chairs (meetings.manage): plan a meeting and walk it through its lifecycle. */
export function staffMeetingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "meetings.manage" } } as const;

    app.get("/meetings", manage, async (request, reply) => {
      const page = pageParam.parse((request.query as { page?: string }).page);
      const r = await meetingsWithin(ctx.db, reachOf(request.principal!, "meetings.manage"), {
        page,
        pageSize,
      });
      return sendPage(
        reply,
        MeetingListPage({
          ctx: pageContext(request, reply),
          meetings: r.rows.map((m) => ({
            id: m.id,
            department: departmentLabel(m),
            kind: m.kind,
            title: m.title,
            startsAt: m.starts_at,
            stage: m.stage,
          })),
          page,
          pages: Math.max(1, Math.ceil(r.total / pageSize)),
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
      const departments = await departmentsWithin(ctx.db, reachOf(request.principal!, "meetings.manage"));
      const settings = departments[0]
        ? await democracySettingsFor(ctx.db, departments[0].organisation_id)
        : defaultDemocracySettings;
      const today = todayInCopenhagen(ctx.clock);
      return sendPage(
        reply,
        MeetingNewPage({
          ctx: pageContext(request, reply),
          departments: departments.map((d) => ({ value: d.id, label: `${d.number} ${d.name}` })),
          firstDates: {
            ordinary: addDays(today, 7 * noticeWeeksFor("ordinary", settings)),
            extraordinary: addDays(today, 7 * noticeWeeksFor("extraordinary", settings)),
          },
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/meetings/new", manage, (request, reply) => newPage(request, reply));

    app.post("/meetings", manage, async (request, reply) => {
      const values = form(request);
      values.standard_agenda = values.standard_agenda === "yes" ? "yes" : "no";
      const parsed = parseInput(planMeetingSchema, values, request.lang, request.t);
      if (!parsed.ok) return newPage(request, reply, values, parsed.errors, 400);
      const agenda =
        values.standard_agenda === "yes"
          ? standardItems[parsed.data.kind].map((k) => request.t(`meetings.standard_agenda.${k}`))
          : [];
      const r = await attempt(request, () =>
        planMeeting(ctx, actorOf(request), request.principal!, { ...parsed.data, agenda }),
      );
      if (!r.ok) return newPage(request, reply, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.planned"));
      return reply.redirect(`/meetings/${r.value}`, 303);
    });

    const showMeeting = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      const v = await meetingViews(ctx, request, m);
      return sendPage(
        reply,
        StaffMeetingPage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          agenda: v.agenda,
          proposals: v.proposals,
          meetingDayReached: todayInCopenhagen(ctx.clock) >= m.meeting_date,
          boardLink: worksOnBoard(request.principal, m),
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/meetings/:id", manage, (request, reply) =>
      showMeeting(request, reply, idParams.parse(request.params).id),
    );

    app.post("/meetings/:id", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form(request);
      const parsed = parseInput(meetingDetailsSchema, values, request.lang, request.t);
      if (!parsed.ok) return showMeeting(request, reply, id, values, parsed.errors, 400);
      const r = await attempt(request, () =>
        editMeeting(ctx, actorOf(request), request.principal!, id, parsed.data),
      );
      if (!r.ok) return showMeeting(request, reply, id, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.saved"));
      return reply.redirect(`/meetings/${id}`, 303);
    });

    /** A lifecycle step from a button: done → flash and back; refused → the page with the reason. */
    const step = (path: string, run: (request: FastifyRequest, id: string) => Promise<string>) =>
      app.post(`/meetings/:id/${path}`, manage, async (request, reply) => {
        const { id } = idParams.parse(request.params);
        const r = await attempt(request, () => run(request, id));
        if (!r.ok) return showMeeting(request, reply, id, {}, r.errors, r.status);
        setFlash(request, r.value);
        return reply.redirect(`/meetings/${id}`, 303);
      });
    step("convene", async (request, id) => {
      const r = await conveneMeeting(ctx, actorOf(request), request.principal!, id);
      return request.t("meetings.done.convened", { count: r.letters });
    });
    step("open-proposals", async (request, id) => {
      await openProposals(ctx, actorOf(request), request.principal!, id);
      return request.t("meetings.done.proposals_open");
    });
    step("final-agenda", async (request, id) => {
      const r = await publishFinalAgenda(ctx, actorOf(request), request.principal!, id);
      return request.t("meetings.done.final_agenda", { count: r.letters });
    });
    step("cancel", async (request, id) => {
      const r = await cancelMeeting(ctx, actorOf(request), request.principal!, id);
      return request.t("meetings.done.cancelled", { count: r.letters });
    });
    app.post("/meetings/:id/economy", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form(request);
      const bad = (field: string, line: number) =>
        showMeeting(
          request,
          reply,
          id,
          values,
          { [field]: request.t("meetings.errors.amount_lines", { line }) },
          400,
        );
      const budget = parseAmountLines(values.budget ?? "");
      if ("badLine" in budget) return bad("budget", budget.badLine);
      const accounts = parseAmountLines(values.accounts ?? "");
      if ("badLine" in accounts) return bad("accounts", accounts.badLine);
      const r = await attempt(request, () =>
        setEconomy(ctx, actorOf(request), request.principal!, id, {
          budget: budget.lines,
          accounts: accounts.lines,
        }),
      );
      if (!r.ok) return showMeeting(request, reply, id, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.saved"));
      return reply.redirect(`/meetings/${id}#economy-heading`, 303);
    });

    app.post("/meetings/:id/items", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form(request);
      const input = { title: values.item_title, description: values.item_description };
      const parsed = parseInput(agendaItemSchema, input, request.lang, request.t);
      if (!parsed.ok)
        return showMeeting(
          request,
          reply,
          id,
          values,
          prefixed(parsed.errors, "item_", ["title", "description"]),
          400,
        );
      const r = await attempt(request, async () => {
        const m = await meetingWithOpenAgenda(ctx, request.principal!, id);
        return addAgendaItem(ctx, actorOf(request), m, parsed.data);
      });
      if (!r.ok) return showMeeting(request, reply, id, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.item_added"));
      return reply.redirect(`/meetings/${id}#agenda-heading`, 303);
    });

    const itemPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const { id, itemId } = itemParams.parse(request.params);
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      const v = await meetingViews(ctx, request, m);
      const item = v.agenda.find((i) => i.id === itemId);
      if (!item) throw new NotFoundError();
      return sendPage(
        reply,
        ItemEditPage({ ctx: pageContext(request, reply), meeting: v.meeting, item, values, errors }),
        status,
      );
    };
    app.get("/meetings/:id/items/:itemId", manage, (request, reply) => itemPage(request, reply));

    app.post("/meetings/:id/items/:itemId", manage, async (request, reply) => {
      const { id, itemId } = itemParams.parse(request.params);
      const values = form(request);
      const parsed = parseInput(agendaItemSchema, values, request.lang, request.t);
      if (!parsed.ok) return itemPage(request, reply, values, parsed.errors, 400);
      const r = await attempt(request, () =>
        editAgendaItem(ctx, actorOf(request), request.principal!, id, itemId, parsed.data),
      );
      if (!r.ok) return itemPage(request, reply, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.saved"));
      return reply.redirect(`/meetings/${id}#agenda-heading`, 303);
    });

    app.post("/meetings/:id/items/:itemId/move", manage, async (request, reply) => {
      const { id, itemId } = itemParams.parse(request.params);
      const direction = form(request).direction === "up" ? "up" : "down";
      const r = await attempt(request, () =>
        moveAgendaItem(ctx, actorOf(request), request.principal!, id, itemId, direction),
      );
      if (!r.ok) return showMeeting(request, reply, id, {}, r.errors, r.status);
      return reply.redirect(`/meetings/${id}#agenda-heading`, 303);
    });

    app.post("/meetings/:id/items/:itemId/remove", manage, async (request, reply) => {
      const { id, itemId } = itemParams.parse(request.params);
      const r = await attempt(request, () =>
        removeAgendaItem(ctx, actorOf(request), request.principal!, id, itemId),
      );
      if (!r.ok) return showMeeting(request, reply, id, {}, r.errors, r.status);
      setFlash(request, request.t("meetings.done.item_removed"));
      return reply.redirect(`/meetings/${id}#agenda-heading`, 303);
    });
  };
}
