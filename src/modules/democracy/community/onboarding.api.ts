import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, pageQuery, tags } from "./api-common.ts";
import { toChecklistView, toProgressView } from "./onboarding.presenters.ts";
import type { ChecklistWithItems } from "./onboarding.service.ts";
import {
  chairProgress,
  checklistFor,
  myChecklists,
  organisationProgress,
  setItemDone,
} from "./onboarding.service.ts";
import {
  addStep,
  createProgramme,
  curatedProgramme,
  deleteStep,
  makeCurrent,
  programmesFor,
  updateProgramme,
  updateStep,
} from "./programmes.service.ts";

const pageSize = 100;

const checklistJson = z.object({
  id: z.string(),
  programme: z.string(),
  person: z.string(),
  department: z.string(),
  electedOn: z.string(),
  done: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      link: z.string().nullable(),
      course: z.object({ id: z.string(), title: z.string(), completed: z.boolean() }).nullable(),
      dueOn: z.string(),
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});
const progressJson = z.object({
  items: z.array(
    z.object({
      checklistId: z.string(),
      person: z.string(),
      department: z.string(),
      electedOn: z.string(),
      steps: z.number(),
      done: z.number(),
      overdue: z.number(),
      nextDueOn: z.string().nullable(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
const stepJson = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  description: z.string(),
  linkUrl: z.string().nullable(),
  dueOffsetDays: z.number(),
  courseId: z.string().nullable(),
});
const programmeJson = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  intro: z.string(),
  current: z.boolean(),
  steps: z.array(stepJson),
});
const stepBody = z.object({
  title: z.string().max(200),
  description: z.string().max(4000).optional(),
  linkUrl: z.string().max(500).optional(),
  dueOffsetDays: z.number().int().min(0).max(730),
  courseId: z.string().max(64).optional(),
});
const created = z.object({ id: z.string() });

/** Onboarding for integrators: checklists, progress, and the curator's programmes. */
export function onboardingApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const boardWork = { permission: "board.work" } as const;
    const curate = { permission: "community.curate" } as const;
    const view = (request: FastifyRequest, c: ChecklistWithItems) =>
      toChecklistView(c, todayInCopenhagen(ctx.clock), request.t("community.onboarding.organisation_board"));

    app.get(
      "/me/onboarding",
      {
        config: boardWork,
        schema: {
          tags,
          summary: "Your onboarding checklists, newest election first",
          response: { 200: z.object({ items: z.array(checklistJson) }), ...errors },
        },
      },
      async (request) => ({
        items: (await myChecklists(ctx, request.user!.personId)).map((c) => view(request, c)),
      }),
    );

    app.put(
      "/me/onboarding-items/:id",
      {
        config: boardWork,
        schema: {
          tags,
          summary: "Tick one of your checklist steps off (or undo it)",
          params: idParams,
          body: z.object({ done: z.boolean() }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await setItemDone(
          ctx,
          { id: request.user!.id, personId: request.user!.personId },
          request.params.id,
          request.body.done,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/onboarding-checklists/:id",
      {
        config: { permission: "community.contribute" },
        schema: {
          tags,
          summary:
            "One checklist: for its owner, the chair of its department, or a curator (404 for anyone else)",
          params: idParams,
          response: { 200: checklistJson, ...errors },
        },
      },
      async (request) =>
        view(request, await checklistFor(ctx, request.principal!, request.user!.personId, request.params.id)),
    );

    const progress = (summary: string, permission: "board.work" | "community.curate") =>
      ({
        config: { permission },
        schema: {
          tags,
          summary,
          querystring: z.object({ page: pageQuery }),
          response: { 200: progressJson, ...errors },
        },
      }) as const;

    app.get(
      "/board/onboarding-progress",
      progress(
        "The chair's view: onboarding progress of the members of the departments you chair",
        "board.work",
      ),
      async (request) => {
        const { page } = request.query;
        const window = { limit: pageSize, offset: (page - 1) * pageSize };
        const r = await chairProgress(ctx, request.principal!, window);
        const label = request.t("community.onboarding.organisation_board");
        return { items: r.rows.map((x) => toProgressView(x, label)), total: r.total, page, pageSize };
      },
    );

    app.get(
      "/onboarding-progress",
      progress(
        "The organisation's view: onboarding progress of every new board member within reach",
        "community.curate",
      ),
      async (request) => {
        const { page } = request.query;
        const window = { limit: pageSize, offset: (page - 1) * pageSize };
        const r = await organisationProgress(ctx, request.principal!, window);
        const label = request.t("community.onboarding.organisation_board");
        return { items: r.rows.map((x) => toProgressView(x, label)), total: r.total, page, pageSize };
      },
    );

    const programmeOut = async (principal: FastifyRequest["principal"], id: string) => {
      const { programme, steps } = await curatedProgramme(ctx, principal!, id);
      return {
        id: programme.id,
        organisationId: programme.organisation_id,
        title: programme.title,
        intro: programme.intro,
        current: programme.is_current,
        steps: steps.map((s) => ({
          id: s.id,
          position: s.position,
          title: s.title,
          description: s.description,
          linkUrl: s.link_url,
          dueOffsetDays: s.due_offset_days,
          courseId: s.course_id,
        })),
      };
    };

    app.get(
      "/onboarding-programmes",
      {
        config: curate,
        schema: {
          tags,
          summary: "Introduction programmes in the organisations you curate",
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  organisationId: z.string(),
                  title: z.string(),
                  current: z.boolean(),
                  steps: z.number(),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => ({
        items: (await programmesFor(ctx, request.principal!)).map((g) => ({
          id: g.id,
          organisationId: g.organisation_id,
          title: g.title,
          current: g.is_current,
          steps: Number(g.step_count ?? 0),
        })),
      }),
    );

    app.post(
      "/onboarding-programmes",
      {
        config: curate,
        schema: {
          tags,
          summary: "A new introduction programme (not current until made so)",
          body: z.object({
            organisationId: z.string().max(64),
            title: z.string().max(200),
            intro: z.string().max(4000).optional(),
          }),
          response: { 201: programmeJson, ...errors },
        },
      },
      async (request, reply) => {
        const id = await createProgramme(ctx, actorOf(request), request.principal!, request.body);
        return reply.code(201).send(await programmeOut(request.principal, id));
      },
    );

    app.get(
      "/onboarding-programmes/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "One programme with its steps in order",
          params: idParams,
          response: { 200: programmeJson, ...errors },
        },
      },
      async (request) => programmeOut(request.principal, request.params.id),
    );

    app.put(
      "/onboarding-programmes/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Change a programme's title and introduction",
          params: idParams,
          body: z.object({ title: z.string().max(200), intro: z.string().max(4000).optional() }),
          response: { 200: programmeJson, ...errors },
        },
      },
      async (request) => {
        await updateProgramme(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return programmeOut(request.principal, request.params.id);
      },
    );

    app.post(
      "/onboarding-programmes/:id/current",
      {
        config: curate,
        schema: {
          tags,
          summary: "Make this the programme new board members of its organisation get (it needs a step)",
          params: idParams,
          response: { 200: programmeJson, ...errors },
        },
      },
      async (request) => {
        await makeCurrent(ctx, actorOf(request), request.principal!, request.params.id);
        return programmeOut(request.principal, request.params.id);
      },
    );

    app.post(
      "/onboarding-programmes/:id/steps",
      {
        config: curate,
        schema: {
          tags,
          summary: "Add a step at the end",
          params: idParams,
          body: stepBody,
          response: { 201: created, ...errors },
        },
      },
      async (request, reply) => {
        const id = await addStep(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return reply.code(201).send({ id });
      },
    );

    app.put(
      "/onboarding-steps/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Change a step",
          params: idParams,
          body: stepBody,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await updateStep(ctx, actorOf(request), request.principal!, request.params.id, request.body);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/onboarding-steps/:id",
      {
        config: curate,
        schema: {
          tags,
          summary: "Remove a step (checklists already given keep theirs)",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteStep(ctx, actorOf(request), request.principal!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
