import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { can } from "../../../platform/access.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { courseFormats } from "./community.table.ts";
import { isCurator, organisationsReached } from "./community-access.ts";
import { formText } from "./community-ui.tsx";
import { CoursePage } from "./course.views.tsx";
import { toCourseView, toSessionView } from "./courses.presenters.ts";
import { catalogue, completionOf, completionsOf, pagesOf, sessionsOf } from "./courses.repository.ts";
import { courseSchema, createCourse, curatedCourse, updateCourse, visibleCourse } from "./courses.service.ts";
import { CataloguePage, CourseFormPage } from "./courses.views.tsx";

const pageSize = 30;
const idParam = z.object({ id: z.string().max(64) });
const catalogueQuery = z.object({
  format: z.enum(courseFormats).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
const courseFields = ["organisationId", "title", "summary", "description", "format", "audience"] as const;

/** What was typed into a session or page form on the course page, with its errors. */
export interface CoursePageTyped {
  session?: FormValues;
  sessionErrors?: FieldErrors;
  page?: FormValues;
  pageErrors?: FieldErrors;
}

/** The course page (also shown again, with errors, by the session and content-page forms). */
export async function renderCoursePage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  typed: CoursePageTyped = {},
) {
  const principal = request.principal!;
  const userId = request.user!.id;
  const course = await visibleCourse(ctx, principal, id);
  const curate = isCurator(principal, course.organisation_id);
  const now = nowIso(ctx.clock);
  const [sessions, pages, mine, completions] = await Promise.all([
    sessionsOf(ctx.db, course.id, userId),
    pagesOf(ctx.db, course.id, userId),
    completionOf(ctx.db, course.id, userId),
    curate ? completionsOf(ctx.db, course.id) : Promise.resolve([]),
  ]);
  return sendPage(
    reply,
    CoursePage({
      ctx: pageContext(request, reply),
      course: toCourseView(course, mine?.completed_on ?? null),
      sessions: sessions.map((s) => toSessionView(s, now)),
      pages: pages.map((x) => ({ id: x.id, title: x.title, done: !!x.done_at })),
      curate,
      completions: completions.map((x) => ({
        userId: x.user_id,
        name: x.user_name,
        completedOn: x.completed_on,
        source: x.source,
      })),
      sessionValues: typed.session ?? { startTime: "17:00", capacity: "20" },
      sessionErrors: typed.sessionErrors,
      pageValues: typed.page ?? {},
      pageErrors: typed.pageErrors,
    }),
    typed.sessionErrors || typed.pageErrors ? 400 : 200,
  );
}

/** The course catalogue, and curators' course forms. */
export function coursesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const contribute = { config: { permission: "community.contribute" } } as const;
    const curate = { config: { permission: "community.curate" } } as const;

    app.get("/courses", contribute, async (request, reply) => {
      const principal = request.principal!;
      const { format, page } = catalogueQuery.parse(request.query ?? {});
      const r = await catalogue(ctx.db, {
        organisationIds: await organisationsReached(ctx.db, principal, "community.contribute"),
        curatedOrganisationIds: await organisationsReached(ctx.db, principal, "community.curate"),
        format,
        now: nowIso(ctx.clock),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return sendPage(
        reply,
        CataloguePage({
          ctx: pageContext(request, reply),
          courses: r.rows.map((c) => ({
            id: c.id,
            title: c.title,
            summary: c.summary,
            format: c.format,
            audience: c.audience,
            published: c.is_published,
            nextSessionAt: c.next_session_at,
            pages: Number(c.page_count ?? 0),
          })),
          format: format ?? "",
          canCurate: can(principal, "community.curate"),
          page,
          pages: Math.max(1, Math.ceil(r.total / pageSize)),
        }),
      );
    });

    const formPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      courseId: string | null,
      values: FormValues,
      published: boolean,
      errors?: FieldErrors,
    ) => {
      const t = request.t;
      let organisations: { value: string; label: string }[] | null = null;
      let back = { href: "/courses", label: t("community.courses.title") };
      if (courseId) {
        const course = await curatedCourse(ctx, request.principal!, courseId);
        back = { href: `/courses/${course.id}`, label: course.title };
      } else {
        const ids = await organisationsReached(ctx.db, request.principal!, "community.curate");
        let q = ctx.db.selectFrom("organisations").select(["id", "name"]).orderBy("number");
        if (ids) q = q.where("id", "in", ids.length ? ids : [""]);
        organisations = (await q.execute()).map((o) => ({ value: o.id, label: o.name }));
      }
      return sendPage(
        reply,
        CourseFormPage({
          ctx: pageContext(request, reply),
          action: courseId ? `/courses/${courseId}` : "/courses",
          title: t(courseId ? "community.courses.edit" : "community.courses.new"),
          organisations,
          values,
          published,
          errors,
          back,
        }),
        errors ? 400 : 200,
      );
    };

    const typedCourse = (request: FastifyRequest) => {
      const values = formText(request.body, ...courseFields, "published");
      return { values, published: values.published === "ja" };
    };

    app.get("/courses/new", curate, (request, reply) =>
      formPage(request, reply, null, { format: "in_person", audience: "democrats" }, true),
    );

    app.post("/courses", curate, async (request, reply) => {
      const { values, published } = typedCourse(request);
      const input = parseInput(courseSchema, { ...values, published }, request.lang, request.t);
      if (!input.ok) return formPage(request, reply, null, values, published, input.errors);
      const id = await createCourse(ctx, actorOf(request), request.principal!, input.data);
      setFlash(request, request.t("community.courses.created"));
      return reply.redirect(`/courses/${id}`, 303);
    });

    app.get("/courses/:id", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return renderCoursePage(ctx, request, reply, id);
    });

    app.get("/courses/:id/edit", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const c = await curatedCourse(ctx, request.principal!, id);
      return formPage(
        request,
        reply,
        id,
        {
          title: c.title,
          summary: c.summary,
          description: c.description,
          format: c.format,
          audience: c.audience,
        },
        c.is_published,
      );
    });

    app.post("/courses/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const course = await curatedCourse(ctx, request.principal!, id);
      const { values, published } = typedCourse(request);
      const input = parseInput(
        courseSchema,
        { ...values, organisationId: course.organisation_id, published },
        request.lang,
        request.t,
      );
      if (!input.ok) return formPage(request, reply, id, values, published, input.errors);
      await updateCourse(ctx, actorOf(request), request.principal!, id, input.data);
      setFlash(request, request.t("community.courses.saved"));
      return reply.redirect(`/courses/${id}`, 303);
    });
  };
}
