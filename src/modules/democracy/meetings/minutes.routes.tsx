import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { meetingFor } from "./meeting-access.ts";
import { minutesSchema } from "./meetings.schemas.ts";
import { approvalRoleOf, approveMinutes, publishMinutes, saveMinutes } from "./minutes.service.ts";
import { attempt, form, idParams, meetingViews } from "./route-helpers.ts";
import { MinutesPage } from "./views/minutes.views.tsx";

const minutesStages = ["held", "minutes_approved", "published"];

/** Minutes (meetings.manage): the draft, the two approvals, publishing to the residents. */
export function minutesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "meetings.manage" } } as const;

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values = {},
      errors = {},
      status = 200,
    ) => {
      const m = await meetingFor(ctx.db, request.principal!, id, "meetings.manage");
      if (!minutesStages.includes(m.stage)) return reply.redirect(`/meetings/${id}`, 303);
      const v = await meetingViews(ctx, request, m);
      const role = approvalRoleOf(request.principal!, m);
      return sendPage(
        reply,
        MinutesPage({
          ctx: pageContext(request, reply),
          meeting: v.meeting,
          agenda: v.agenda,
          approvals: v.approvals,
          canApprove: m.stage === "held" && role !== null && !v.approvals.some((a) => a.role === role),
          values,
          errors,
        }),
        status,
      );
    };
    app.get("/meetings/:id/minutes", manage, (request, reply) =>
      page(request, reply, idParams.parse(request.params).id),
    );

    app.post("/meetings/:id/minutes", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const values = form(request);
      const items = Object.keys(values)
        .filter((k) => k.startsWith("minutes_"))
        .map((k) => k.slice("minutes_".length))
        .map((itemId) => ({
          id: itemId,
          minutes_text: values[`minutes_${itemId}`] ?? "",
          decision_text: values[`decision_${itemId}`] ?? "",
        }));
      const parsed = parseInput(minutesSchema, { intro: values.intro ?? "", items }, request.lang, request.t);
      if (!parsed.ok) return page(request, reply, id, values, parsed.errors, 400);
      const r = await attempt(request, () =>
        saveMinutes(ctx, actorOf(request), request.principal!, id, parsed.data),
      );
      if (!r.ok) return page(request, reply, id, values, r.errors, r.status);
      setFlash(request, request.t("meetings.done.minutes_saved"));
      return reply.redirect(`/meetings/${id}/minutes`, 303);
    });

    app.post("/meetings/:id/minutes/approve", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const r = await attempt(request, () => approveMinutes(ctx, actorOf(request), request.principal!, id));
      if (!r.ok) return page(request, reply, id, {}, r.errors, r.status);
      setFlash(
        request,
        request.t(r.value.approved ? "meetings.done.minutes_approved" : "meetings.done.approval"),
      );
      return reply.redirect(`/meetings/${id}/minutes`, 303);
    });

    app.post("/meetings/:id/minutes/publish", manage, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const r = await attempt(request, () => publishMinutes(ctx, actorOf(request), request.principal!, id));
      if (!r.ok) return page(request, reply, id, {}, r.errors, r.status);
      setFlash(request, request.t("meetings.done.published", { count: r.value.decisions }));
      return reply.redirect(`/meetings/${id}`, 303);
    });
  };
}
