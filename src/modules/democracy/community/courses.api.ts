import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Principal } from "../../../platform/access.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, pageQuery, tags } from "./api-common.ts";
import { courseAudiences, courseFormats } from "./community.table.ts";
import { organisationsReached } from "./community-access.ts";
import { toCourseView, toSessionView } from "./courses.presenters.ts";
import { catalogue, completionOf, enrolmentsOf, pagesOf, sessionsOf } from "./courses.repository.ts";
import {
  addSession,
  createCourse,
  curatedSession,
  updateCourse,
  updateSession,
  visibleCourse,
} from "./courses.service.ts";
import { cancelEnrolmentAsCurator, cancelOwnEnrolment, enrol } from "./enrolment.service.ts";

const pageSize = 100;
const format = z.enum(courseFormats);
const audience = z.enum(courseAudiences);

const courseCardJson = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  summary: z.string(),
  format,
  audience,
  published: z.boolean(),
  nextSessionAt: z.string().nullable(),
  pages: z.number(),
});
const sessionJson = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  capacity: z.number(),
  enrolled: z.number(),
  waiting: z.number(),
  myStatus: z.enum(["enrolled", "waiting"]).nullable(),
  myWaitingPlace: z.number().nullable(),
  started: z.boolean(),
});
const courseJson = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  description: z.string(),
  format,
  audience,
  organisation: z.string(),
  published: z.boolean(),
  completedOn: z.string().nullable(),
  sessions: z.array(sessionJson),
  pages: z.array(z.object({ id: z.string(), title: z.string(), done: z.boolean() })),
});
const courseBody = z.object({
  title: z.string().max(200),
  summary: z.string().max(500),
  description: z.string().max(10_000).optional(),
  format,
  audience,
  published: z.boolean(),
});
const sessionBody = z.object({
  date: z.string().describe("YYYY-MM-DD, in Copenhagen"),
  startTime: z.string().describe("HH:MM, Copenhagen time"),
  endTime: z.string().optional().describe("HH:MM, Copenhagen time"),
  place: z.string().max(300),
  capacity: z.number().int().min(1).max(10_000),
});
const created = z.object({ id: z.string() });

/** The course catalogue for integrators: courses, sessions, enrolment with a waiting list. */
export function coursesApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const contribute = { permission: "community.contribute" } as const;
    const curate = { permission: "community.curate" } as const;

    app.get(
      "/courses",
      {
        config: contribute,
        schema: {
          tags,
          summary: "The course catalogue of your organisations (unpublished courses only for curators)",
          querystring: z.object({ format: format.optional(), page: pageQuery }),
          response: {
            200: z.object({
              items: z.array(courseCardJson),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { page } = request.query;
        const principal = request.principal!;
        const r = await catalogue(ctx.db, {
          organisationIds: await organisationsReached(ctx.db, principal, "community.contribute"),
          curatedOrganisationIds: await organisationsReached(ctx.db, principal, "community.curate"),
          format: request.query.format,
          now: nowIso(ctx.clock),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        return {
          items: r.rows.map((c) => ({
            id: c.id,
            organisationId: c.organisation_id,
            title: c.title,
            summary: c.summary,
            format: c.format,
            audience: c.audience,
            published: c.is_published,
            nextSessionAt: c.next_session_at,
            pages: Number(c.page_count ?? 0),
          })),
          total: r.total,
          page,
          pageSize,
        };
      },
    );

    const courseOut = async (principal: Principal, userId: string, id: string) => {
      const course = await visibleCourse(ctx, principal, id);
      const now = nowIso(ctx.clock);
      const [sessions, pages, mine] = await Promise.all([
        sessionsOf(ctx.db, course.id, userId),
        pagesOf(ctx.db, course.id, userId),
        completionOf(ctx.db, course.id, userId),
      ]);
      const view = toCourseView(course, mine?.completed_on ?? null);
      return {
        ...view,
        format: course.format,
        audience: course.audience,
        sessions: sessions.map((s) => toSessionView(s, now)),
        pages: pages.map((x) => ({ id: x.id, title: x.title, done: !!x.done_at })),
      };
    };

    app.get(
      "/courses/:id",
      {
        config: contribute,
        schema: {
          tags,
          summary:
            "One course with its sessions (seats, waiting list, your place) and its online pages (done or not)",
          params: idParams,
          response: { 200: courseJson, ...errors },
        },
      },
      async (request) => courseOut(request.principal!, request.user!.id, request.params.id),
    );

    app.post(
      "/courses",
      {
        config: curate,
        schema: {
          tags,
          summary: "Add a course to the catalogue",
          body: courseBody.extend({ organisationId: z.string().max(64) }),
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const id = await createCourse(ctx, actorOf(request), request.principal!, request.body);
        return reply.code(201).send({ id });
      },
    );

    app.put(
      "/courses/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Change a course",
          params: idParams,
          body: courseBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await updateCourse(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/courses/:id/sessions",
      {
        config: curate,
        schema: {
          tags,
          summary: "Add a session",
          params: idParams,
          body: sessionBody,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const id = await addSession(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.body,
        );
        return reply.code(201).send({ id });
      },
    );

    app.put(
      "/course-sessions/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Change a session; more seats promote the waiting list in order at once",
          params: idParams,
          body: sessionBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await updateSession(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/course-sessions/:id/enrolments",
      {
        config: curate,
        schema: {
          tags,
          summary: "Who has a seat and who waits, each in the order they asked",
          params: idParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  userId: z.string(),
                  name: z.string(),
                  status: z.enum(["enrolled", "waiting"]),
                  completedOn: z.string().nullable(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const s = await curatedSession(ctx, request.principal!, request.params.id);
        const rows = await enrolmentsOf(ctx.db, s.id);
        return {
          items: rows.map((r) => ({
            id: r.id,
            userId: r.user_id,
            name: r.user_name,
            status: r.status === "enrolled" ? ("enrolled" as const) : ("waiting" as const),
            completedOn: r.completed_on,
          })),
        };
      },
    );

    app.post(
      "/course-sessions/:id/enrolment",
      {
        config: contribute,
        schema: {
          tags,
          summary:
            "Ask for a seat: enrolled while seats are free, otherwise on the waiting list (409 if already)",
          params: idParams,
          response: { 201: z.object({ status: z.enum(["enrolled", "waiting"]) }), ...errors },
        },
      },
      async (request, reply) => {
        const status = await enrol(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.id,
          request.params.id,
        );
        return reply.code(201).send({ status: status === "enrolled" ? "enrolled" : "waiting" });
      },
    );

    app.delete(
      "/course-sessions/:id/enrolment",
      {
        config: contribute,
        schema: {
          tags,
          summary:
            "Give up your seat or your place on the waiting list; a freed seat goes to the first waiting",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await cancelOwnEnrolment(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.id,
          request.params.id,
        );
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/course-enrolments/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Cancel someone's enrolment; answers who got a seat from the waiting list",
          params: idParams,
          response: { 200: z.object({ promoted: z.array(z.string()) }), ...errors },
        },
      },
      async (request) => {
        const r = await cancelEnrolmentAsCurator(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
        );
        return { promoted: r.promoted };
      },
    );
  };
}
