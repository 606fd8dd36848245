import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { checkIn, recordItemVotes } from "./at-meeting.service.ts";
import { withDatesIn } from "./explain.ts";
import { attendanceOf } from "./households.repository.ts";
import {
  cancelMeeting,
  closeMeeting,
  conveneMeeting,
  openProposals,
  publishFinalAgenda,
  takeChair,
} from "./lifecycle.service.ts";
import { meetingFor } from "./meeting-access.ts";
import {
  attendanceJson,
  errors,
  idParams,
  itemDecisionJson,
  itemParams,
  lettersJson,
  meetingDetailJson,
  meetingListJson,
  tags,
} from "./meetings.api-schemas.ts";
import { meetingsWithin } from "./meetings.repository.ts";
import {
  agendaItemSchema,
  checkInSchema,
  economySchema,
  itemVotesSchema,
  meetingDetailsSchema,
  minutesSchema,
  planMeetingSchema,
} from "./meetings.schemas.ts";
import {
  addAgendaItem,
  editMeeting,
  meetingWithOpenAgenda,
  planMeeting,
  setEconomy,
} from "./meetings.service.ts";
import { approveMinutes, publishMinutes, saveMinutes } from "./minutes.service.ts";
import { departmentLabel } from "./presenters.ts";
import { meetingViews } from "./route-helpers.ts";

const pageSize = 100;

/** Staff and board chairs' meetings API (meetings.manage): plan, convene, hold, minutes. */
export function meetingsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const config = { permission: "meetings.manage" } as const;

    const detail = async (request: FastifyRequest, id: string) => {
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      const [v, attendance] = await Promise.all([meetingViews(ctx, request, m), attendanceOf(ctx.db, m.id)]);
      return { meeting: v.meeting, agenda: v.agenda, approvals: v.approvals, attendance };
    };
    /** A command on one meeting that answers with the meeting as it is afterwards. */
    const command = (
      path: string,
      summary: string,
      run: (request: FastifyRequest, id: string) => Promise<unknown>,
    ) =>
      app.post(
        `/meetings/:id/${path}`,
        {
          config,
          schema: { tags, summary, params: idParams, response: { 200: meetingDetailJson, ...errors } },
        },
        async (request) => {
          await withDatesIn(request.lang, () => run(request, request.params.id));
          return detail(request, request.params.id);
        },
      );

    app.get(
      "/meetings",
      {
        config,
        schema: {
          tags,
          summary: "Department meetings within your reach, newest first",
          querystring: z.object({
            department: z.string().max(64).optional(),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
          }),
          response: { 200: meetingListJson, ...errors },
        },
      },
      async (request) => {
        const { department, page } = request.query;
        const r = await meetingsWithin(ctx.db, reachOf(request.principal!, "meetings.manage"), {
          departmentIds: department ? [department] : undefined,
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

    app.post(
      "/meetings",
      {
        config,
        schema: {
          tags,
          summary:
            "Plan a meeting (date and time are Copenhagen wall-clock). A date too early for the notice rule is refused (400) with the reason and the first allowed date.",
          body: planMeetingSchema.extend({
            agenda: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
          }),
          response: { 201: meetingDetailJson, ...errors },
        },
      },
      async (request, reply) => {
        const id = await withDatesIn(request.lang, () =>
          planMeeting(ctx, actorOf(request), request.principal!, request.body),
        );
        return reply.code(201).send(await detail(request, id));
      },
    );

    app.get(
      "/meetings/:id",
      {
        config,
        schema: {
          tags,
          summary:
            "One meeting: stage, deadlines with their explanations, agenda, attendance, minutes approvals",
          params: idParams,
          response: { 200: meetingDetailJson, ...errors },
        },
      },
      async (request) => detail(request, request.params.id),
    );

    app.put(
      "/meetings/:id",
      {
        config,
        schema: {
          tags,
          summary: "Change a planned meeting's title, date, time or place",
          params: idParams,
          body: meetingDetailsSchema,
          response: { 200: meetingDetailJson, ...errors },
        },
      },
      async (request) => {
        await withDatesIn(request.lang, () =>
          editMeeting(ctx, actorOf(request), request.principal!, request.params.id, request.body),
        );
        return detail(request, request.params.id);
      },
    );

    app.post(
      "/meetings/:id/agenda",
      {
        config,
        schema: {
          tags,
          summary: "Add an item at the end of the agenda (until the final agenda is published)",
          params: idParams,
          body: agendaItemSchema,
          response: { 201: z.object({ id: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const m = await meetingWithOpenAgenda(ctx, request.principal!, request.params.id);
        return reply.code(201).send({ id: await addAgendaItem(ctx, actorOf(request), m, request.body) });
      },
    );

    app.put(
      "/meetings/:id/economy",
      {
        config,
        schema: {
          tags,
          summary: "Set the condensed budget and accounts (lines with amounts in øre)",
          params: idParams,
          body: economySchema,
          response: { 200: meetingDetailJson, ...errors },
        },
      },
      async (request) => {
        await setEconomy(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return detail(request, request.params.id);
      },
    );

    const lettersRoute = (path: string, summary: string, run: typeof conveneMeeting) =>
      app.post(
        `/meetings/:id/${path}`,
        { config, schema: { tags, summary, params: idParams, response: { 200: lettersJson, ...errors } } },
        async (request) =>
          withDatesIn(request.lang, () => run(ctx, actorOf(request), request.principal!, request.params.id)),
      );
    lettersRoute(
      "convene",
      "Convene: refused when the notice can no longer be given in time; queues the notice to every household",
      conveneMeeting,
    );
    lettersRoute(
      "final-agenda",
      "Publish the final agenda after the proposal deadline; queues the second letter to every household",
      publishFinalAgenda,
    );
    command("open-proposals", "Open the meeting for residents' proposals", (r, id) =>
      openProposals(ctx, actorOf(r), r.principal!, id),
    );
    command("chair", "Become the chair of the meeting (on the meeting day)", (r, id) =>
      takeChair(ctx, actorOf(r), r.principal!, id, { id: r.user!.id, name: r.user!.name }),
    );
    command("close", "Close the meeting (the chair of the meeting): it has been held", (r, id) =>
      closeMeeting(ctx, actorOf(r), r.principal!, id),
    );
    command(
      "cancel",
      "Call the meeting off before it is held; once convened, queues a letter that it is cancelled to every household told about it",
      (r, id) => cancelMeeting(ctx, actorOf(r), r.principal!, id),
    );

    const withMax = (a: { households: number; people: number }) => ({ ...a, maxVotes: 2 * a.households });
    app.get(
      "/meetings/:id/check-ins",
      {
        config,
        schema: {
          tags,
          summary: "Households and people checked in",
          params: idParams,
          response: { 200: attendanceJson, ...errors },
        },
      },
      async (request) => {
        const m = await meetingFor(ctx.db, request.principal!, request.params.id, "meetings.manage");
        return withMax(await attendanceOf(ctx.db, m.id));
      },
    );
    app.post(
      "/meetings/:id/check-ins",
      {
        config,
        schema: {
          tags,
          summary: "Check a tenant or adult household member in (each household has 2 votes; no proxies)",
          params: idParams,
          body: checkInSchema,
          response: { 200: attendanceJson, ...errors },
        },
      },
      async (request) =>
        withMax(
          await withDatesIn(request.lang, () =>
            checkIn(ctx, actorOf(request), request.principal!, request.params.id, request.body.person_id),
          ),
        ),
    );

    app.post(
      "/meetings/:id/items/:itemId/votes",
      {
        config,
        schema: {
          tags,
          summary:
            "The chair of the meeting records the show of votes on an item (at most 2 × households checked in) and the decision: by majority, or to a ballot or digital vote",
          params: itemParams,
          body: itemVotesSchema,
          response: { 200: itemDecisionJson, ...errors },
        },
      },
      async (request) =>
        withDatesIn(request.lang, () =>
          recordItemVotes(
            ctx,
            actorOf(request),
            request.principal!,
            request.params.id,
            request.params.itemId,
            request.body,
          ),
        ),
    );

    app.put(
      "/meetings/:id/minutes",
      {
        config,
        schema: {
          tags,
          summary: "Save the draft minutes (a change withdraws an approval already given)",
          params: idParams,
          body: minutesSchema,
          response: { 200: meetingDetailJson, ...errors },
        },
      },
      async (request) => {
        await saveMinutes(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return detail(request, request.params.id);
      },
    );
    app.post(
      "/meetings/:id/minutes/approve",
      {
        config,
        schema: {
          tags,
          summary: "Approve the minutes as the chair of the meeting or as the department's board chair",
          params: idParams,
          response: {
            200: z.object({ role: z.enum(["meeting_chair", "board_chair"]), approved: z.boolean() }),
            ...errors,
          },
        },
      },
      async (request) => approveMinutes(ctx, actorOf(request), request.principal!, request.params.id),
    );
    app.post(
      "/meetings/:id/minutes/publish",
      {
        config,
        schema: {
          tags,
          summary: "Publish approved minutes to the residents; every decision goes to the decisions register",
          params: idParams,
          response: { 200: z.object({ decisions: z.number() }), ...errors },
        },
      },
      async (request) => publishMinutes(ctx, actorOf(request), request.principal!, request.params.id),
    );
  };
}
