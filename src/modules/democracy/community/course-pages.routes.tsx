import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { isCurator } from "./community-access.ts";
import { formText } from "./community-ui.tsx";
import {
  addCoursePage,
  coursePageSchema,
  curatedPage,
  deleteCoursePage,
  markPageDone,
  readCoursePage,
  updateCoursePage,
} from "./course-pages.service.ts";
import { CourseContentPage, CoursePageEditPage } from "./course-pages.views.tsx";
import { renderCoursePage } from "./courses.routes.tsx";

const pageParams = z.object({ id: z.string().max(64), pageId: z.string().max(64) });
const idParam = z.object({ id: z.string().max(64) });

/** Online modules: content pages a participant reads and marks done; curators write them. */
export function coursePagesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const contribute = { config: { permission: "community.contribute" } } as const;
    const curate = { config: { permission: "community.curate" } } as const;

    app.get("/courses/:id/pages/:pageId", contribute, async (request, reply) => {
      const { id, pageId } = pageParams.parse(request.params);
      const r = await readCoursePage(ctx, request.principal!, request.user!.id, id, pageId);
      const ref = (x: { id: string; title: string } | null) => (x ? { id: x.id, title: x.title } : null);
      return sendPage(
        reply,
        CourseContentPage({
          ctx: pageContext(request, reply),
          course: { id: r.course.id, title: r.course.title },
          page: { id: r.page.id, title: r.page.title, body: r.page.body, done: !!r.page.done_at },
          position: r.pages.indexOf(r.page) + 1,
          count: r.pages.length,
          previous: ref(r.previous),
          next: ref(r.next),
          curate: isCurator(request.principal!, r.course.organisation_id),
        }),
      );
    });

    app.post("/courses/:id/pages/:pageId/done", contribute, async (request, reply) => {
      const { id, pageId } = pageParams.parse(request.params);
      const principal = request.principal!;
      const { completed } = await markPageDone(
        ctx,
        actorOf(request),
        principal,
        request.user!.id,
        id,
        pageId,
      );
      const { next } = await readCoursePage(ctx, principal, request.user!.id, id, pageId);
      setFlash(
        request,
        request.t(completed ? "community.courses.done.module_completed" : "community.courses.done.page"),
      );
      return reply.redirect(next && !completed ? `/courses/${id}/pages/${next.id}` : `/courses/${id}`, 303);
    });

    app.post("/courses/:id/pages", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, "title", "body");
      const input = parseInput(coursePageSchema, values, request.lang, request.t);
      if (!input.ok)
        return renderCoursePage(ctx, request, reply, id, { page: values, pageErrors: input.errors });
      await addCoursePage(ctx, actorOf(request), request.principal!, id, input.data);
      setFlash(request, request.t("community.courses.page_added"));
      return reply.redirect(`/courses/${id}`, 303);
    });

    const editPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      pageId: string,
      typed?: FormValues,
      errors?: FieldErrors,
    ) => {
      const { course, page } = await curatedPage(ctx, request.principal!, id, pageId);
      return sendPage(
        reply,
        CoursePageEditPage({
          ctx: pageContext(request, reply),
          course: { id: course.id, title: course.title },
          pageId: page.id,
          values: typed ?? { title: page.title, body: page.body },
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/courses/:id/pages/:pageId/edit", curate, async (request, reply) => {
      const { id, pageId } = pageParams.parse(request.params);
      return editPage(request, reply, id, pageId);
    });

    app.post("/courses/:id/pages/:pageId", curate, async (request, reply) => {
      const { id, pageId } = pageParams.parse(request.params);
      const values = formText(request.body, "title", "body");
      const input = parseInput(coursePageSchema, values, request.lang, request.t);
      if (!input.ok) return editPage(request, reply, id, pageId, values, input.errors);
      await updateCoursePage(ctx, actorOf(request), request.principal!, id, pageId, input.data);
      setFlash(request, request.t("community.courses.saved"));
      return reply.redirect(`/courses/${id}/pages/${pageId}`, 303);
    });

    app.post("/courses/:id/pages/:pageId/delete", curate, async (request, reply) => {
      const { id, pageId } = pageParams.parse(request.params);
      await deleteCoursePage(ctx, actorOf(request), request.principal!, id, pageId);
      setFlash(request, request.t("community.courses.page_deleted"));
      return reply.redirect(`/courses/${id}`, 303);
    });
  };
}
