import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, tags } from "./api-common.ts";
import {
  addCoursePage,
  deleteCoursePage,
  markPageDone,
  readCoursePage,
  updateCoursePage,
} from "./course-pages.service.ts";
import { recordCompletion, removeCompletion } from "./courses.service.ts";

const pageParams = z.object({ id: z.string().max(64), pageId: z.string().max(64) });
const pageBody = z.object({ title: z.string().max(200), body: z.string().max(50_000) });

/** Online modules and completion records for integrators. */
export function coursePagesApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const contribute = { permission: "community.contribute" } as const;
    const curate = { permission: "community.curate" } as const;

    app.get(
      "/courses/:id/pages/:pageId",
      {
        config: contribute,
        schema: {
          tags,
          summary: "One content page of a course's online module, and whether you marked it done",
          params: pageParams,
          response: {
            200: z.object({
              id: z.string(),
              title: z.string(),
              body: z.string(),
              done: z.boolean(),
              position: z.number(),
              count: z.number(),
              previousId: z.string().nullable(),
              nextId: z.string().nullable(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { id, pageId } = request.params;
        const r = await readCoursePage(ctx, request.principal!, request.user!.id, id, pageId);
        return {
          id: r.page.id,
          title: r.page.title,
          body: r.page.body,
          done: !!r.page.done_at,
          position: r.pages.indexOf(r.page) + 1,
          count: r.pages.length,
          previousId: r.previous?.id ?? null,
          nextId: r.next?.id ?? null,
        };
      },
    );

    app.post(
      "/courses/:id/pages/:pageId/done",
      {
        config: contribute,
        schema: {
          tags,
          summary: "Mark a page done; with every page done the course counts as completed",
          params: pageParams,
          response: { 200: z.object({ completed: z.boolean() }), ...errors },
        },
      },
      async (request) =>
        markPageDone(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.id,
          request.params.id,
          request.params.pageId,
        ),
    );

    app.post(
      "/courses/:id/pages",
      {
        config: curate,
        schema: {
          tags,
          summary: "Add a content page at the end",
          params: idParams,
          body: pageBody,
          response: { 201: z.object({ id: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const id = await addCoursePage(
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
      "/courses/:id/pages/:pageId",
      {
        config: curate,
        schema: {
          tags,
          summary: "Change a content page",
          params: pageParams,
          body: pageBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { id, pageId } = request.params;
        await updateCoursePage(ctx, actorOf(request), request.principal!, id, pageId, request.body);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/courses/:id/pages/:pageId",
      {
        config: curate,
        schema: {
          tags,
          summary: "Remove a content page",
          params: pageParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteCoursePage(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.params.pageId,
        );
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/courses/:id/completions",
      {
        config: curate,
        schema: {
          tags,
          summary: "Record that someone completed the course (once per person; again changes nothing)",
          params: idParams,
          body: z.object({ userId: z.string().max(64), completedOn: z.iso.date().optional() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { userId, completedOn } = request.body;
        await recordCompletion(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          userId,
          completedOn,
        );
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/courses/:id/completions/:userId",
      {
        config: curate,
        schema: {
          tags,
          summary: "Take a completion record back",
          params: z.object({ id: z.string().max(64), userId: z.string().max(64) }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await removeCompletion(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.params.userId,
        );
        return reply.code(204).send(null);
      },
    );
  };
}
