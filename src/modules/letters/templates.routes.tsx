import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { parseInput } from "../../platform/validation.ts";
import { letterTypeNames } from "./letter-types.ts";
import { sendPdf } from "./letters.routes.tsx";
import { renderLetterPdf } from "./pdf/letter-pdf.ts";
import { currentTemplate, templateHistory } from "./templates/templates.repository.ts";
import {
  previewDocument,
  requireTemplateAccess,
  saveTemplate,
  templateOrganisations,
  templateOverview,
  templateSchema,
} from "./templates/templates.service.ts";
import { TemplateEditPage, TemplatesPage } from "./views/templates.views.tsx";

const keyParams = z.object({
  organisationId: z.string().max(64),
  type: z.enum(letterTypeNames as [string, ...string[]]),
  language: z.enum(["da", "en"]),
});
type Key = { organisationId: string; type: (typeof letterTypeNames)[number]; language: "da" | "en" };

/** Organisation administrators edit the letter templates, with a preview and a version history. */
export function templatesRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const edit = { config: { permission: "letters.templates" } } as const;

    const keyOf = (request: FastifyRequest): Key => {
      const parsed = keyParams.safeParse(request.params);
      if (!parsed.success) throw new NotFoundError();
      requireTemplateAccess(request.principal!, parsed.data.organisationId);
      return parsed.data as Key;
    };

    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      key: Key,
      values: { subject: string; body: string },
      extra: { errors?: Record<string, string>; preview?: { subject: string; body: string } } = {},
    ) => {
      const org = await ctx.db
        .selectFrom("organisations")
        .select("name")
        .where("id", "=", key.organisationId)
        .executeTakeFirst();
      if (!org) throw new NotFoundError();
      const history = await templateHistory(ctx.db, key.organisationId, key.type, key.language);
      return sendPage(
        reply,
        TemplateEditPage({
          ctx: pageContext(request, reply),
          view: { ...key, organisationName: org.name, values, history, preview: extra.preview },
          errors: extra.errors,
        }),
        extra.errors ? 400 : 200,
      );
    };

    app.get("/letters/templates", edit, async (request, reply) => {
      const organisations = await templateOrganisations(ctx, request.principal!);
      const wanted = (request.query as { organisation?: string }).organisation;
      const organisation = organisations.find((o) => o.id === wanted) ?? organisations[0];
      if (!organisation) throw new NotFoundError();
      const rows = await templateOverview(ctx, organisation.id);
      return sendPage(
        reply,
        TemplatesPage({
          ctx: pageContext(request, reply),
          organisations,
          organisationId: organisation.id,
          rows,
        }),
      );
    });

    app.get("/letters/templates/:organisationId/:type/:language", edit, async (request, reply) => {
      const key = keyOf(request);
      const current = await currentTemplate(ctx.db, key.organisationId, key.type, key.language);
      return page(request, reply, key, { subject: current.subject, body: current.body });
    });

    const submitted = (request: FastifyRequest) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = {
        subject: typeof body.subject === "string" ? body.subject : "",
        body: typeof body.body === "string" ? body.body : "",
      };
      return { values, input: parseInput(templateSchema, values, request.lang, request.t) };
    };

    app.post("/letters/templates/:organisationId/:type/:language", edit, async (request, reply) => {
      const key = keyOf(request);
      const { values, input } = submitted(request);
      if (!input.ok) return page(request, reply, key, values, { errors: input.errors });
      try {
        const version = await saveTemplate(ctx, actorOf(request), request.principal!, key, input.data);
        setFlash(request, request.t("letters.templates.saved", { version }));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        return page(request, reply, key, values, { errors: formErrors(request, e) });
      }
      return reply.redirect(`/letters/templates/${key.organisationId}/${key.type}/${key.language}`, 303);
    });

    app.post("/letters/templates/:organisationId/:type/:language/preview", edit, async (request, reply) => {
      const key = keyOf(request);
      const { values, input } = submitted(request);
      if (!input.ok) return page(request, reply, key, values, { errors: input.errors });
      const doc = await previewDocument(ctx, key.organisationId, key.type, key.language, input.data);
      return page(request, reply, key, values, { preview: { subject: doc.subject, body: doc.body } });
    });

    app.post(
      "/letters/templates/:organisationId/:type/:language/preview.pdf",
      edit,
      async (request, reply) => {
        const key = keyOf(request);
        const { values, input } = submitted(request);
        if (!input.ok) return page(request, reply, key, values, { errors: input.errors });
        const doc = await previewDocument(ctx, key.organisationId, key.type, key.language, input.data);
        return sendPdf(reply, await renderLetterPdf(doc), "skabelon-proeve.pdf");
      },
    );
  };
}
