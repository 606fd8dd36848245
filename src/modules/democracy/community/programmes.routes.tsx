import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FormValues } from "../../../ui/components.tsx";
import { organisationsReached } from "./community-access.ts";
import { formText } from "./community-ui.tsx";
import { courseOptions } from "./courses.repository.ts";
import {
  addStep,
  createProgramme,
  curatedProgramme,
  deleteStep,
  makeCurrent,
  moveStep,
  programmeSchema,
  programmesFor,
  stepSchema,
  updateProgramme,
  updateStep,
} from "./programmes.service.ts";
import { ProgrammePage, ProgrammesPage, StepPage } from "./programmes.views.tsx";

const idParam = z.object({ id: z.string().max(64) });
const stepFields = ["title", "description", "linkUrl", "dueOffsetDays", "courseId"] as const;

/** Runs a command from a form; a refusal comes back as form errors to show with what was typed. */
async function attempt(
  run: () => Promise<void>,
  request: FastifyRequest,
): Promise<Record<string, string> | null> {
  try {
    await run();
    return null;
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") return formErrors(request, e);
    throw e;
  }
}

/** The curator's pages: introduction programmes and their steps. */
export function programmesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const curate = { config: { permission: "community.curate" } } as const;

    const listPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors?: Record<string, string>,
    ) => {
      const principal = request.principal!;
      const orgIds = await organisationsReached(ctx.db, principal, "community.curate");
      let q = ctx.db.selectFrom("organisations").select(["id", "name"]).orderBy("number");
      if (orgIds) q = q.where("id", "in", orgIds.length ? orgIds : [""]);
      const orgs = await q.execute();
      const programmes = await programmesFor(ctx, principal);
      return sendPage(
        reply,
        ProgrammesPage({
          ctx: pageContext(request, reply),
          programmes: programmes.map((g) => ({
            id: g.id,
            title: g.title,
            organisation: g.organisation_name,
            steps: Number(g.step_count ?? 0),
            current: g.is_current,
          })),
          organisations: orgs.map((o) => ({ value: o.id, label: o.name })),
          values,
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    const programmePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      typed: {
        programme?: FormValues;
        step?: FormValues;
        programmeErrors?: Record<string, string>;
        stepErrors?: Record<string, string>;
      } = {},
    ) => {
      const { programme, steps } = await curatedProgramme(ctx, request.principal!, id);
      const courses = await courseOptions(ctx.db, programme.organisation_id);
      return sendPage(
        reply,
        ProgrammePage({
          ctx: pageContext(request, reply),
          programme: {
            id: programme.id,
            title: programme.title,
            intro: programme.intro,
            current: programme.is_current,
          },
          steps: steps.map((s) => ({
            id: s.id,
            title: s.title,
            description: s.description,
            link: s.link_url,
            offset: s.due_offset_days,
            course: s.course_title,
          })),
          courses,
          programmeValues: typed.programme ?? { title: programme.title, intro: programme.intro },
          stepValues: typed.step ?? { dueOffsetDays: "0" },
          programmeErrors: typed.programmeErrors,
          stepErrors: typed.stepErrors,
        }),
        typed.programmeErrors || typed.stepErrors ? 400 : 200,
      );
    };

    app.get("/onboarding/programmes", curate, (request, reply) => listPage(request, reply));

    app.post("/onboarding/programmes", curate, async (request, reply) => {
      const values = formText(request.body, "organisationId", "title", "intro");
      const input = parseInput(programmeSchema, values, request.lang, request.t);
      if (!input.ok) return listPage(request, reply, values, input.errors);
      const id = await createProgramme(ctx, actorOf(request), request.principal!, input.data);
      setFlash(request, request.t("community.programmes.created"));
      return reply.redirect(`/onboarding/programmes/${id}`, 303);
    });

    app.get("/onboarding/programmes/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return programmePage(request, reply, id);
    });

    app.post("/onboarding/programmes/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      // The page's step form has its own "title": this form's fields carry a prefix (unique ids).
      const f = formText(request.body, "programme_title", "programme_intro");
      const values = { title: f.programme_title!, intro: f.programme_intro! };
      const input = parseInput(
        programmeSchema.omit({ organisationId: true }),
        values,
        request.lang,
        request.t,
      );
      if (!input.ok) {
        const programmeErrors = Object.fromEntries(
          Object.entries(input.errors).map(([k, v]) => [k === "_form" ? k : `programme_${k}`, v]),
        );
        return programmePage(request, reply, id, { programme: values, programmeErrors });
      }
      await updateProgramme(ctx, actorOf(request), request.principal!, id, input.data);
      setFlash(request, request.t("community.programmes.saved"));
      return reply.redirect(`/onboarding/programmes/${id}`, 303);
    });

    app.post("/onboarding/programmes/:id/current", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const errors = await attempt(() => makeCurrent(ctx, actorOf(request), request.principal!, id), request);
      if (errors) return programmePage(request, reply, id, { programmeErrors: errors });
      setFlash(request, request.t("community.programmes.made_current"));
      return reply.redirect(`/onboarding/programmes/${id}`, 303);
    });

    app.post("/onboarding/programmes/:id/steps", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, ...stepFields);
      const input = parseInput(stepSchema, values, request.lang, request.t);
      const errors = input.ok
        ? await attempt(
            async () => void (await addStep(ctx, actorOf(request), request.principal!, id, input.data)),
            request,
          )
        : input.errors;
      if (errors) return programmePage(request, reply, id, { step: values, stepErrors: errors });
      setFlash(request, request.t("community.programmes.step_added"));
      return reply.redirect(`/onboarding/programmes/${id}`, 303);
    });

    const stepPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      stepId: string,
      typed?: FormValues,
      errors?: Record<string, string>,
    ) => {
      const step = await ctx.db
        .selectFrom("onboarding_steps")
        .selectAll()
        .where("id", "=", stepId)
        .executeTakeFirst();
      const { programme } = await curatedProgramme(ctx, request.principal!, step?.programme_id ?? "");
      const s = step!;
      return sendPage(
        reply,
        StepPage({
          ctx: pageContext(request, reply),
          stepId: s.id,
          programme: { id: programme.id, title: programme.title },
          courses: await courseOptions(ctx.db, programme.organisation_id),
          values: typed ?? {
            title: s.title,
            description: s.description,
            linkUrl: s.link_url ?? "",
            dueOffsetDays: String(s.due_offset_days),
            courseId: s.course_id ?? "",
          },
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/onboarding/steps/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return stepPage(request, reply, id);
    });

    app.post("/onboarding/steps/:id", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, ...stepFields);
      const input = parseInput(stepSchema, values, request.lang, request.t);
      const errors = input.ok
        ? await attempt(() => updateStep(ctx, actorOf(request), request.principal!, id, input.data), request)
        : input.errors;
      if (errors) return stepPage(request, reply, id, values, errors);
      const step = await ctx.db
        .selectFrom("onboarding_steps")
        .select("programme_id")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      setFlash(request, request.t("community.programmes.saved"));
      return reply.redirect(`/onboarding/programmes/${step.programme_id}`, 303);
    });

    app.post("/onboarding/steps/:id/delete", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const programmeId = await deleteStep(ctx, actorOf(request), request.principal!, id);
      setFlash(request, request.t("community.programmes.step_deleted"));
      return reply.redirect(`/onboarding/programmes/${programmeId}`, 303);
    });

    app.post("/onboarding/steps/:id/move", curate, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const direction = formText(request.body, "direction").direction === "up" ? "up" : "down";
      const programmeId = await moveStep(ctx, request.principal!, id, direction);
      return reply.redirect(`/onboarding/programmes/${programmeId}`, 303);
    });
  };
}
