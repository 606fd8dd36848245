import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { formText } from "./community-ui.tsx";
import { sessionFormValues } from "./courses.presenters.ts";
import { enrolmentsOf, findSession } from "./courses.repository.ts";
import { renderCoursePage } from "./courses.routes.tsx";
import {
  addSession,
  curatedSession,
  recordCompletion,
  removeCompletion,
  sessionSchema,
  updateSession,
} from "./courses.service.ts";
import { cancelEnrolmentAsCurator, cancelOwnEnrolment, enrol } from "./enrolment.service.ts";
import { SessionPage } from "./session.views.tsx";

const idParam = z.object({ id: z.string().max(64) });
const sessionFields = ["date", "startTime", "endTime", "place", "capacity"] as const;

/** A command from a button: done → flash; a conflict → its message as flash; then back. */
async function command(
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
  run: () => Promise<string>,
) {
  try {
    setFlash(request, await run());
  } catch (e) {
    if (!(e instanceof AppError) || e.code === "not_found") throw e;
    setFlash(request, request.t(e.messageKey));
  }
  return reply.redirect(back, 303);
}

/** Runs a form's command; a validation refusal comes back as form errors. */
async function attempt(request: FastifyRequest, run: () => Promise<unknown>): Promise<FieldErrors | null> {
  try {
    await run();
    return null;
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") return formErrors(request, e);
    throw e;
  }
}

/** Course sessions: seats and the waiting list, the curator's participant list and completions. */
export function sessionsRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const contribute = { config: { permission: "community.contribute" } } as const;
    const curate = { config: { permission: "community.curate" } } as const;

    app.post("/courses/:id/sessions", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, ...sessionFields);
      const input = parseInput(sessionSchema, values, request.lang, request.t);
      const errors = input.ok
        ? await attempt(request, () => addSession(ctx, actorOf(request), request.principal!, id, input.data))
        : input.errors;
      if (errors)
        return renderCoursePage(ctx, request, reply, id, { session: values, sessionErrors: errors });
      setFlash(request, request.t("community.courses.session_added"));
      return reply.redirect(`/courses/${id}`, 303);
    });

    const sessionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      typed?: FormValues,
      errors?: FieldErrors,
    ) => {
      const s = await curatedSession(ctx, request.principal!, id);
      const rows = await enrolmentsOf(ctx.db, s.id);
      let waitingPlace = 0;
      return sendPage(
        reply,
        SessionPage({
          ctx: pageContext(request, reply),
          course: { id: s.course_id, title: s.course_title },
          session: { id: s.id, startsAt: s.starts_at, place: s.place, capacity: s.capacity },
          participants: rows.map((r) => ({
            enrolmentId: r.id,
            userId: r.user_id,
            name: r.user_name,
            email: r.user_email,
            status: r.status === "enrolled" ? "enrolled" : "waiting",
            waitingPlace: r.status === "waiting" ? ++waitingPlace : null,
            completedOn: r.completed_on,
          })),
          values: typed ?? sessionFormValues(s),
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/course-sessions/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return sessionPage(request, reply, id);
    });

    app.post("/course-sessions/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, ...sessionFields);
      const input = parseInput(sessionSchema, values, request.lang, request.t);
      const errors = input.ok
        ? await attempt(request, () =>
            updateSession(ctx, actorOf(request), request.principal!, id, input.data),
          )
        : input.errors;
      if (errors) return sessionPage(request, reply, id, values, errors);
      setFlash(request, request.t("community.courses.saved"));
      return reply.redirect(`/course-sessions/${id}`, 303);
    });

    const courseOf = async (sessionId: string) => (await findSession(ctx.db, sessionId))?.course_id ?? "";

    app.post("/course-sessions/:id/enrol", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const back = `/courses/${await courseOf(id)}`;
      return command(request, reply, back, async () => {
        const status = await enrol(ctx, actorOf(request), request.principal!, request.user!.id, id);
        return request.t(
          status === "enrolled" ? "community.courses.done.enrolled" : "community.courses.done.waiting",
        );
      });
    });

    app.post("/course-sessions/:id/cancel", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const back = `/courses/${await courseOf(id)}`;
      return command(request, reply, back, async () => {
        await cancelOwnEnrolment(ctx, actorOf(request), request.principal!, request.user!.id, id);
        return request.t("community.courses.done.cancelled");
      });
    });

    app.post("/course-enrolments/:id/cancel", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const r = await cancelEnrolmentAsCurator(ctx, actorOf(request), request.principal!, id);
      setFlash(request, request.t("community.courses.done.cancelled_for", { promoted: r.promoted.length }));
      return reply.redirect(`/course-sessions/${r.sessionId}`, 303);
    });

    const backTo = (request: FastifyRequest, courseId: string) => {
      const back = formText(request.body, "back").back;
      return back && /^[\w-]{1,64}$/.test(back) ? `/course-sessions/${back}` : `/courses/${courseId}`;
    };

    app.post("/courses/:id/completions", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await recordCompletion(
        ctx,
        actorOf(request),
        request.principal!,
        id,
        formText(request.body, "user_id").user_id!,
      );
      setFlash(request, request.t("community.courses.done.completion"));
      return reply.redirect(backTo(request, id), 303);
    });

    app.post("/courses/:id/completions/remove", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await removeCompletion(
        ctx,
        actorOf(request),
        request.principal!,
        id,
        formText(request.body, "user_id").user_id!,
      );
      setFlash(request, request.t("community.courses.done.completion_removed"));
      return reply.redirect(backTo(request, id), 303);
    });
  };
}
