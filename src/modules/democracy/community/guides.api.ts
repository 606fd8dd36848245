import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, pageQuery, tags } from "./api-common.ts";
import { guideKinds } from "./community.table.ts";
import { organisationsReached } from "./community-access.ts";
import { type GuideRow, guideTagCounts, searchGuides } from "./guides.repository.ts";
import { createGuide, deleteGuide, mayEditGuide, updateGuide, visibleGuide } from "./guides.service.ts";

const pageSize = 50;
const kind = z.enum(guideKinds);

const guideJson = z.object({
  id: z.string(),
  kind,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  author: z.string(),
  organisationId: z.string(),
  departmentId: z.string().nullable(),
  department: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
const guideBody = z.object({
  departmentId: z
    .string()
    .max(64)
    .optional()
    .describe("The department it belongs to; or give organisationId"),
  organisationId: z
    .string()
    .max(64)
    .optional()
    .describe("Organisation-wide (staff with an organisation grant)"),
  kind,
  title: z.string().max(200),
  body: z.string().max(50_000),
  tags: z.array(z.string().max(40)).max(10).optional(),
});

/** Where an API body places something: the department if named, else the organisation. */
export const placementOfBody = (b: { departmentId?: string; organisationId?: string }) =>
  b.departmentId ? `dept:${b.departmentId}` : b.organisationId ? `org:${b.organisationId}` : "";

/** Guides and good examples for integrators. */
export function guidesApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const contribute = { permission: "community.contribute" } as const;
    const toJson = (request: FastifyRequest, g: GuideRow) => ({
      id: g.id,
      kind: g.kind,
      title: g.title,
      body: g.body,
      tags: g.tags,
      author: g.author_name,
      organisationId: g.organisation_id,
      departmentId: g.department_id,
      department: g.department_number === null ? null : `${g.department_number} ${g.department_name}`,
      createdAt: g.created_at,
      updatedAt: g.updated_at,
      canEdit: mayEditGuide(request.principal!, request.user!.id, g),
    });

    app.get(
      "/guides",
      {
        config: contribute,
        schema: {
          tags,
          summary:
            "Search guides and good examples across the departments of your organisations, newest first",
          querystring: z.object({
            q: z
              .string()
              .max(200)
              .optional()
              .describe("Words in the title, text or tags (a plain contains-search)"),
            tag: z.string().max(40).optional(),
            kind: kind.optional(),
            departmentId: z.string().max(64).optional(),
            page: pageQuery,
          }),
          response: {
            200: z.object({
              items: z.array(guideJson),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { q, tag, kind: k, departmentId, page } = request.query;
        const r = await searchGuides(ctx.db, {
          organisationIds: await organisationsReached(ctx.db, request.principal!, "community.contribute"),
          q: q?.trim() || undefined,
          tag: tag?.trim().toLocaleLowerCase("da") || undefined,
          kind: k,
          departmentId,
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        return { items: r.rows.map((g) => toJson(request, g)), total: r.total, page, pageSize };
      },
    );

    app.get(
      "/guide-tags",
      {
        config: contribute,
        schema: {
          tags,
          summary: "The most used tags, with how many guides carry each",
          response: {
            200: z.object({ items: z.array(z.object({ tag: z.string(), count: z.number() })) }),
            ...errors,
          },
        },
      },
      async (request) => ({
        items: await guideTagCounts(
          ctx.db,
          await organisationsReached(ctx.db, request.principal!, "community.contribute"),
        ),
      }),
    );

    app.get(
      "/guides/:id",
      {
        config: contribute,
        schema: { tags, summary: "One guide", params: idParams, response: { 200: guideJson, ...errors } },
      },
      async (request) => toJson(request, await visibleGuide(ctx, request.principal!, request.params.id)),
    );

    app.post(
      "/guides",
      {
        config: contribute,
        schema: {
          tags,
          summary: "Write a guide or a good example",
          body: guideBody,
          response: { 201: guideJson, ...errors },
        },
      },
      async (request, reply) => {
        const { departmentId, organisationId, ...rest } = request.body;
        const id = await createGuide(ctx, actorOf(request), request.principal!, request.user!.id, {
          ...rest,
          placement: placementOfBody({ departmentId, organisationId }),
        });
        return reply.code(201).send(toJson(request, await visibleGuide(ctx, request.principal!, id)));
      },
    );

    app.put(
      "/guides/:id",
      {
        config: contribute,
        schema: {
          tags,
          summary: "Change a guide: your own, or any in an organisation you curate",
          params: idParams,
          body: guideBody,
          response: { 200: guideJson, ...errors },
        },
      },
      async (request) => {
        const { departmentId, organisationId, ...rest } = request.body;
        await updateGuide(ctx, actorOf(request), request.principal!, request.user!.id, request.params.id, {
          ...rest,
          placement: placementOfBody({ departmentId, organisationId }),
        });
        return toJson(request, await visibleGuide(ctx, request.principal!, request.params.id));
      },
    );

    app.delete(
      "/guides/:id",
      {
        config: contribute,
        schema: {
          tags,
          summary: "Delete a guide (your own, or as a curator)",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteGuide(ctx, actorOf(request), request.principal!, request.user!.id, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
