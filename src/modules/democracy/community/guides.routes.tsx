import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { guideKinds } from "./community.table.ts";
import { organisationsReached, placementValue } from "./community-access.ts";
import { byField, formText } from "./community-ui.tsx";
import { type GuideRow, guideTagCounts, searchGuides } from "./guides.repository.ts";
import {
  createGuide,
  deleteGuide,
  editableGuide,
  guideSchema,
  mayEditGuide,
  updateGuide,
  visibleGuide,
  writePlacements,
} from "./guides.service.ts";
import { GuideFormPage, GuidePage, GuidesPage, type GuideView } from "./guides.views.tsx";

const pageSize = 20;
const idParam = z.object({ id: z.string().max(64) });
export const guideQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  tag: z.string().trim().max(40).catch(""),
  kind: z.enum(guideKinds).or(z.literal("")).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** "101 Æblehaven", or the organisation's name for something organisation-wide. */
export const placeOf = (g: Pick<GuideRow, "department_number" | "department_name" | "organisation_name">) =>
  g.department_number === null ? g.organisation_name : `${g.department_number} ${g.department_name}`;

/** Guides and good examples: search, read, write; authors and curators change them. */
export function guidesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const contribute = { config: { permission: "community.contribute" } } as const;

    const toView = (request: FastifyRequest, g: GuideRow): GuideView => ({
      id: g.id,
      kind: g.kind,
      title: g.title,
      body: g.body,
      author: g.author_name,
      place: placeOf(g),
      updatedAt: g.updated_at,
      tags: g.tags,
      canEdit: mayEditGuide(request.principal!, request.user!.id, g),
    });

    app.get("/community/guides", contribute, async (request, reply) => {
      const f = guideQuery.parse(request.query ?? {});
      const organisationIds = await organisationsReached(ctx.db, request.principal!, "community.contribute");
      const r = await searchGuides(ctx.db, {
        organisationIds,
        q: f.q || undefined,
        tag: f.tag || undefined,
        kind: f.kind || undefined,
        limit: pageSize,
        offset: (f.page - 1) * pageSize,
      });
      return sendPage(
        reply,
        GuidesPage({
          ctx: pageContext(request, reply),
          guides: r.rows.map((g) => toView(request, g)),
          filter: { q: f.q, tag: f.tag, kind: f.kind },
          tags: await guideTagCounts(ctx.db, organisationIds),
          total: r.total,
          page: f.page,
          pages: Math.max(1, Math.ceil(r.total / pageSize)),
        }),
      );
    });

    const formPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      guideId: string | null,
      values: FormValues,
      errors?: FieldErrors,
    ) => {
      const t = request.t;
      const placements = await writePlacements(ctx, request.principal!, (name) =>
        t("community.fields.whole_organisation", { name }),
      );
      return sendPage(
        reply,
        GuideFormPage({
          ctx: pageContext(request, reply),
          action: guideId ? `/community/guides/${guideId}` : "/community/guides",
          title: t(guideId ? "community.guides.edit" : "community.guides.new"),
          placements: placements.map((x) => ({ value: x.value, label: x.label })),
          values,
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    const save = async (request: FastifyRequest, reply: FastifyReply, guideId: string | null) => {
      const values = formText(request.body, "placement", "kind", "title", "body", "tags");
      const input = parseInput(guideSchema, values, request.lang, request.t);
      if (!input.ok) return formPage(request, reply, guideId, values, byField(input.errors));
      const actor = actorOf(request);
      let id = guideId;
      try {
        if (id) await updateGuide(ctx, actor, request.principal!, request.user!.id, id, input.data);
        else id = await createGuide(ctx, actor, request.principal!, request.user!.id, input.data);
      } catch (e) {
        if (e instanceof AppError && e.code === "validation") {
          return formPage(request, reply, guideId, values, formErrors(request, e));
        }
        throw e;
      }
      setFlash(request, request.t("community.guides.saved"));
      return reply.redirect(`/community/guides/${id}`, 303);
    };

    app.get("/community/guides/new", contribute, async (request, reply) => {
      const placements = await writePlacements(ctx, request.principal!, (n) => n);
      const own = placements.find((x) => x.placement.departmentId) ?? placements[0];
      return formPage(request, reply, null, { kind: "guide", placement: own?.value ?? "" });
    });

    app.post("/community/guides", contribute, (request, reply) => save(request, reply, null));

    app.get("/community/guides/:id", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const g = await visibleGuide(ctx, request.principal!, id);
      return sendPage(reply, GuidePage({ ctx: pageContext(request, reply), guide: toView(request, g) }));
    });

    app.get("/community/guides/:id/edit", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const g = await editableGuide(ctx, request.principal!, request.user!.id, id);
      return formPage(request, reply, id, {
        placement: placementValue({ organisationId: g.organisation_id, departmentId: g.department_id }),
        kind: g.kind,
        title: g.title,
        body: g.body,
        tags: g.tags.join(", "),
      });
    });

    app.post("/community/guides/:id", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await editableGuide(ctx, request.principal!, request.user!.id, id);
      return save(request, reply, id);
    });

    app.post("/community/guides/:id/delete", contribute, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await deleteGuide(ctx, actorOf(request), request.principal!, request.user!.id, id);
      setFlash(request, request.t("community.guides.deleted"));
      return reply.redirect("/community/guides", 303);
    });
  };
}
