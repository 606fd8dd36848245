import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, pageQuery, tags } from "./api-common.ts";
import { ideaEfforts, ideaTags } from "./community.table.ts";
import { organisationsReached } from "./community-access.ts";
import { placementOfBody } from "./guides.api.ts";
import { experiencesOf, type IdeaRow, searchIdeas } from "./ideas.repository.ts";
import {
  createIdea,
  mayEditIdea,
  recordExperience,
  setRecommended,
  updateIdea,
  visibleIdea,
} from "./ideas.service.ts";

const pageSize = 50;
const effort = z.enum(ideaEfforts);
const tag = z.enum(ideaTags);

const ideaJson = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  costMinOre: z.number().nullable(),
  costMaxOre: z.number().nullable(),
  effort,
  tags: z.array(tag),
  recommended: z.boolean(),
  author: z.string(),
  organisationId: z.string(),
  departmentId: z.string().nullable(),
  experiences: z.number(),
  createdAt: z.string(),
  canEdit: z.boolean(),
});
const experienceJson = z.object({
  departmentId: z.string(),
  department: z.string(),
  author: z.string(),
  note: z.string(),
  doneOn: z.string().nullable(),
  updatedAt: z.string(),
});
const ideaBody = z.object({
  departmentId: z
    .string()
    .max(64)
    .optional()
    .describe("The department it comes from; or give organisationId"),
  organisationId: z.string().max(64).optional(),
  title: z.string().max(200),
  description: z.string().max(10_000),
  costMinOre: z
    .number()
    .int()
    .min(0)
    .nullable()
    .optional()
    .describe("Cost in øre; from = to (or one of them) for an exact amount"),
  costMaxOre: z.number().int().min(0).nullable().optional(),
  effort,
  tags: z.array(tag).optional(),
});

/** The idea catalogue for integrators. */
export function ideasApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const contribute = { permission: "community.contribute" } as const;
    const toJson = (request: FastifyRequest, i: IdeaRow) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      costMinOre: i.cost_min_ore,
      costMaxOre: i.cost_max_ore,
      effort: i.effort,
      tags: i.tags,
      recommended: i.is_recommended,
      author: i.author_name,
      organisationId: i.organisation_id,
      departmentId: i.department_id,
      experiences: i.experience_count,
      createdAt: i.created_at,
      canEdit: mayEditIdea(request.principal!, request.user!.id, i),
    });
    const toBody = (b: z.infer<typeof ideaBody>) => {
      const { departmentId, organisationId, ...rest } = b;
      return {
        ...rest,
        costMinOre: rest.costMinOre ?? null,
        costMaxOre: rest.costMaxOre ?? null,
        placement: placementOfBody(b),
      };
    };

    app.get(
      "/ideas",
      {
        config: contribute,
        schema: {
          tags,
          summary: "The idea catalogue: search, audience tag, effort, or the recommended list",
          querystring: z.object({
            q: z.string().max(200).optional(),
            tag: tag.optional(),
            effort: effort.optional(),
            recommended: z.enum(["true", "false"]).optional(),
            page: pageQuery,
          }),
          response: {
            200: z.object({
              items: z.array(ideaJson),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { q, tag: t, effort: e, recommended, page } = request.query;
        const r = await searchIdeas(ctx.db, {
          organisationIds: await organisationsReached(ctx.db, request.principal!, "community.contribute"),
          q: q?.trim() || undefined,
          tag: t,
          effort: e,
          recommendedOnly: recommended === "true",
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        return { items: r.rows.map((i) => toJson(request, i)), total: r.total, page, pageSize };
      },
    );

    app.get(
      "/ideas/:id",
      {
        config: contribute,
        schema: {
          tags,
          summary: 'One idea with its "we did this" notes',
          params: idParams,
          response: { 200: ideaJson.extend({ experienceNotes: z.array(experienceJson) }), ...errors },
        },
      },
      async (request) => {
        const idea = await visibleIdea(ctx, request.principal!, request.params.id);
        const notes = await experiencesOf(ctx.db, idea.id);
        return {
          ...toJson(request, idea),
          experienceNotes: notes.map((x) => ({
            departmentId: x.department_id,
            department: `${x.department_number} ${x.department_name}`,
            author: x.author_name,
            note: x.note,
            doneOn: x.done_on,
            updatedAt: x.updated_at,
          })),
        };
      },
    );

    app.post(
      "/ideas",
      {
        config: contribute,
        schema: { tags, summary: "Add an idea", body: ideaBody, response: { 201: ideaJson, ...errors } },
      },
      async (request, reply) => {
        const id = await createIdea(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.id,
          toBody(request.body),
        );
        return reply.code(201).send(toJson(request, await visibleIdea(ctx, request.principal!, id)));
      },
    );

    app.put(
      "/ideas/:id",
      {
        config: contribute,
        schema: {
          tags,
          summary: "Change an idea: your own, or any in an organisation you curate",
          params: idParams,
          body: ideaBody,
          response: { 200: ideaJson, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        await updateIdea(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.id,
          id,
          toBody(request.body),
        );
        return toJson(request, await visibleIdea(ctx, request.principal!, id));
      },
    );

    app.put(
      "/ideas/:id/experiences/:departmentId",
      {
        config: contribute,
        schema: {
          tags,
          summary: '"We did this": the department\'s short experience note (its board, or staff covering it)',
          params: z.object({ id: z.string().max(64), departmentId: z.string().max(64) }),
          body: z.object({ note: z.string().max(1000), doneOn: z.iso.date().optional() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const { id, departmentId } = request.params;
        await recordExperience(ctx, actorOf(request), request.principal!, request.user!.id, id, {
          departmentId,
          note: request.body.note,
          doneOn: request.body.doneOn ?? "",
        });
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/ideas/:id/recommended",
      {
        config: { permission: "community.curate" },
        schema: {
          tags,
          summary: "Put an idea on the recommended list, or take it off",
          params: idParams,
          body: z.object({ recommended: z.boolean() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await setRecommended(
          ctx,
          actorOf(request),
          request.principal!,
          request.params.id,
          request.body.recommended,
        );
        return reply.code(204).send(null);
      },
    );
  };
}
