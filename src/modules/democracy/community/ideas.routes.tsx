import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError, NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { ideaEfforts, ideaTags } from "./community.table.ts";
import { isCurator, organisationsReached, placementChoices, placementValue } from "./community-access.ts";
import { byField, formList, formText } from "./community-ui.tsx";
import { placeOf } from "./guides.routes.tsx";
import { experiencesOf, type IdeaRow, searchIdeas } from "./ideas.repository.ts";
import {
  createIdea,
  experienceDepartments,
  experienceSchema,
  ideaSchema,
  mayEditIdea,
  recordExperience,
  setRecommended,
  updateIdea,
  visibleIdea,
} from "./ideas.service.ts";
import { IdeaFormPage, IdeaPage, IdeasPage, type IdeaView } from "./ideas.views.tsx";

const pageSize = 24;
const idParam = z.object({ id: z.string().max(64) });
export const ideaQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  tag: z.enum(ideaTags).or(z.literal("")).catch(""),
  effort: z.enum(ideaEfforts).or(z.literal("")).catch(""),
  recommended: z.literal("ja").or(z.literal("")).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Kroner as typed ("1.500", "250,50") in øre; "" is null; anything else undefined. */
export function kronerToOre(text: string): number | null | undefined {
  const v = text.replace(/\s|kr\.?/gi, "");
  if (!v) return null;
  const m = /^(\d{1,3}(?:\.\d{3})+|\d{1,9})(?:,(\d{1,2}))?$/.exec(v);
  if (!m) return undefined;
  return Number(m[1]!.replaceAll(".", "")) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

const oreToKroner = (ore: number | null) =>
  ore === null ? "" : ore % 100 ? (ore / 100).toFixed(2).replace(".", ",") : String(ore / 100);

/** The idea catalogue: browse, search, add, "we did this", recommend. */
export function ideasRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const contribute = { config: { permission: "community.contribute" } } as const;

    const toView = (request: FastifyRequest, i: IdeaRow): IdeaView => ({
      id: i.id,
      title: i.title,
      description: i.description,
      costMinOre: i.cost_min_ore,
      costMaxOre: i.cost_max_ore,
      effort: i.effort,
      tags: i.tags,
      recommended: i.is_recommended,
      author: i.author_name,
      place: placeOf(i),
      experiences: i.experience_count,
      canEdit: mayEditIdea(request.principal!, request.user!.id, i),
    });

    app.get("/community/ideas", contribute, async (request, reply) => {
      const f = ideaQuery.parse(request.query ?? {});
      const r = await searchIdeas(ctx.db, {
        organisationIds: await organisationsReached(ctx.db, request.principal!, "community.contribute"),
        q: f.q || undefined,
        tag: f.tag || undefined,
        effort: f.effort || undefined,
        recommendedOnly: f.recommended === "ja",
        limit: pageSize,
        offset: (f.page - 1) * pageSize,
      });
      return sendPage(
        reply,
        IdeasPage({
          ctx: pageContext(request, reply),
          ideas: r.rows.map((i) => toView(request, i)),
          filter: { q: f.q, tag: f.tag, effort: f.effort, recommended: f.recommended === "ja" },
          total: r.total,
          page: f.page,
          pages: Math.max(1, Math.ceil(r.total / pageSize)),
        }),
      );
    });

    const formPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      ideaId: string | null,
      values: FormValues,
      tags: string[],
      errors?: FieldErrors,
    ) => {
      const t = request.t;
      const placements = await placementChoices(ctx.db, request.principal!, "community.contribute", (name) =>
        t("community.fields.whole_organisation", { name }),
      );
      return sendPage(
        reply,
        IdeaFormPage({
          ctx: pageContext(request, reply),
          action: ideaId ? `/community/ideas/${ideaId}` : "/community/ideas",
          title: t(ideaId ? "community.ideas.edit" : "community.ideas.new"),
          placements: placements.map((x) => ({ value: x.value, label: x.label })),
          values,
          tags,
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    const save = async (request: FastifyRequest, reply: FastifyReply, ideaId: string | null) => {
      const values = formText(
        request.body,
        "placement",
        "title",
        "description",
        "costFrom",
        "costTo",
        "effort",
      );
      const tags = formList(request.body, "tags");
      const costMinOre = kronerToOre(values.costFrom!);
      const costMaxOre = kronerToOre(values.costTo!);
      const input = parseInput(
        ideaSchema,
        { ...values, costMinOre, costMaxOre, tags },
        request.lang,
        request.t,
      );
      const errors: Record<string, string> = input.ok ? {} : byField(input.errors);
      if (costMinOre === undefined) errors.costFrom = request.t("community.ideas.errors.cost");
      if (costMaxOre === undefined) errors.costTo = request.t("community.ideas.errors.cost");
      if (errors.costMinOre) errors.costFrom ??= errors.costMinOre;
      if (errors.costMaxOre) errors.costTo ??= errors.costMaxOre;
      delete errors.costMinOre;
      delete errors.costMaxOre;
      if (!input.ok || Object.keys(errors).length)
        return formPage(request, reply, ideaId, values, tags, errors);
      const actor = actorOf(request);
      let id = ideaId;
      try {
        if (id) await updateIdea(ctx, actor, request.principal!, request.user!.id, id, input.data);
        else id = await createIdea(ctx, actor, request.principal!, request.user!.id, input.data);
      } catch (e) {
        if (e instanceof AppError && e.code === "validation") {
          return formPage(request, reply, ideaId, values, tags, formErrors(request, e));
        }
        throw e;
      }
      setFlash(request, request.t("community.ideas.saved"));
      return reply.redirect(`/community/ideas/${id}`, 303);
    };

    app.get("/community/ideas/new", contribute, async (request, reply) => {
      const placements = await placementChoices(ctx.db, request.principal!, "community.contribute", (n) => n);
      const own = placements.find((x) => x.placement.departmentId) ?? placements[0];
      return formPage(request, reply, null, { placement: own?.value ?? "", effort: "small" }, []);
    });

    app.post("/community/ideas", contribute, (request, reply) => save(request, reply, null));

    const ideaPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      values: FormValues = {},
      errors?: FieldErrors,
    ) => {
      const principal = request.principal!;
      const idea = await visibleIdea(ctx, principal, id);
      const departments = await experienceDepartments(ctx, principal);
      return sendPage(
        reply,
        IdeaPage({
          ctx: pageContext(request, reply),
          idea: toView(request, idea),
          experiences: (await experiencesOf(ctx.db, idea.id)).map((x) => ({
            department: `${x.department_number} ${x.department_name}`,
            author: x.author_name,
            note: x.note,
            doneOn: x.done_on,
          })),
          departments: departments.map((d) => ({ value: d.id, label: `${d.number} ${d.name}` })),
          canCurate: isCurator(principal, idea.organisation_id),
          values,
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/community/ideas/:id", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return ideaPage(request, reply, id);
    });

    app.get("/community/ideas/:id/edit", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const idea = await visibleIdea(ctx, request.principal!, id);
      if (!mayEditIdea(request.principal!, request.user!.id, idea)) throw new NotFoundError();
      return formPage(
        request,
        reply,
        id,
        {
          placement: placementValue({
            organisationId: idea.organisation_id,
            departmentId: idea.department_id,
          }),
          title: idea.title,
          description: idea.description,
          costFrom: oreToKroner(idea.cost_min_ore),
          costTo: idea.cost_max_ore === idea.cost_min_ore ? "" : oreToKroner(idea.cost_max_ore),
          effort: idea.effort,
        },
        idea.tags,
      );
    });

    app.post("/community/ideas/:id", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const idea = await visibleIdea(ctx, request.principal!, id);
      if (!mayEditIdea(request.principal!, request.user!.id, idea)) throw new NotFoundError();
      return save(request, reply, id);
    });

    app.post("/community/ideas/:id/experiences", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const values = formText(request.body, "departmentId", "note", "doneOn");
      const input = parseInput(experienceSchema, values, request.lang, request.t);
      if (!input.ok) return ideaPage(request, reply, id, values, input.errors);
      try {
        await recordExperience(ctx, actorOf(request), request.principal!, request.user!.id, id, input.data);
      } catch (e) {
        if (e instanceof AppError && e.code === "validation")
          return ideaPage(request, reply, id, values, formErrors(request, e));
        throw e;
      }
      setFlash(request, request.t("community.ideas.experience_saved"));
      return reply.redirect(`/community/ideas/${id}`, 303);
    });

    app.post(
      "/community/ideas/:id/recommend",
      { config: { permission: "community.curate" } },
      async (request, reply) => {
        const { id } = idParam.parse(request.params);
        const recommended = formText(request.body, "recommended").recommended === "ja";
        await setRecommended(ctx, actorOf(request), request.principal!, id, recommended);
        setFlash(
          request,
          request.t(recommended ? "community.ideas.recommended_done" : "community.ideas.unrecommended_done"),
        );
        return reply.redirect(`/community/ideas/${id}`, 303);
      },
    );
  };
}
