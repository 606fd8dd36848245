import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Principal } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError, ValidationError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { parseInput } from "../../platform/validation.ts";
import { errors, idParams, language, letterType, pdfResponse, tags } from "./letters.api-schemas.ts";
import { sendPdf } from "./letters.routes.tsx";
import { confirmPrinted, createPrintBatch, paperOverview, printBatchPdf } from "./paper.service.ts";
import { mergeFieldNames } from "./templates/merge.ts";
import { templateHistory } from "./templates/templates.repository.ts";
import {
  requireTemplateAccess,
  saveTemplate,
  templateOrganisations,
  templateOverview,
  templateSchema,
} from "./templates/templates.service.ts";

const templateKey = z.object({ organisationId: z.string().max(64), type: letterType, language });
const templateVersion = z.object({
  version: z.number().int().describe("0 is the built-in default"),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable().describe("The id of the user who saved it"),
});
const organisation = z.object({ id: z.string(), number: z.number(), name: z.string() });

/** Organisation administrators' templates, and the paper letters' print batches. */
export function lettersAdminApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const templates = { permission: "letters.templates" } as const;
    const print = { permission: "letters.print" } as const;

    /** An organisation whose templates the user may edit; else not found. */
    const editable = async (principal: Principal, organisationId: string) => {
      requireTemplateAccess(principal, organisationId);
      const found = (await templateOrganisations(ctx, principal)).find((o) => o.id === organisationId);
      if (!found) throw new NotFoundError();
      return found;
    };

    app.get(
      "/letter-templates",
      {
        config: templates,
        schema: {
          tags,
          summary:
            "Every letter type in both languages with the template version in force (of your first organisation unless organisationId is given)",
          querystring: z.object({ organisationId: z.string().max(64).optional() }),
          response: {
            200: z.object({
              organisationId: z.string(),
              organisations: z.array(organisation).describe("The organisations whose templates you may edit"),
              mergeFields: z.array(z.string()).describe("The merge fields templates may use, as {{name}}"),
              items: z.array(z.object({ type: letterType, language }).extend(templateVersion.shape)),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const principal = request.principal!;
        const organisations = await templateOrganisations(ctx, principal);
        const wanted = request.query.organisationId;
        const chosen = wanted ? await editable(principal, wanted) : organisations[0];
        if (!chosen) throw new NotFoundError();
        const rows = await templateOverview(ctx, chosen.id);
        return {
          organisationId: chosen.id,
          organisations,
          mergeFields: [...mergeFieldNames],
          items: rows.flatMap((r) =>
            (["da", "en"] as const).map((lang) => ({
              type: r.type,
              language: lang,
              version: r[lang].version,
              subject: r[lang].subject,
              body: r[lang].body,
              createdAt: r[lang].createdAt,
              createdBy: r[lang].createdBy,
            })),
          ),
        };
      },
    );

    app.get(
      "/letter-templates/:organisationId/:type/:language",
      {
        config: templates,
        schema: {
          tags,
          summary: "One template: the version in force and every earlier version, newest first",
          params: templateKey,
          response: {
            200: templateKey.extend({
              current: templateVersion,
              history: z.array(templateVersion.extend({ createdByName: z.string().nullable() })),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { organisationId, type, language } = request.params;
        await editable(request.principal!, organisationId);
        const history = await templateHistory(ctx.db, organisationId, type, language);
        const version = ({ id: _, createdByName: __, ...v }: (typeof history)[number]) => v;
        return {
          organisationId,
          type,
          language,
          current: version(history[0]!),
          history: history.map((h) => ({ ...version(h), createdByName: h.createdByName })),
        };
      },
    );

    app.put(
      "/letter-templates/:organisationId/:type/:language",
      {
        config: templates,
        schema: {
          tags,
          summary:
            "Save a template as its next version (letters already made keep theirs); unknown merge fields are refused",
          params: templateKey,
          body: z.object({ subject: z.string(), body: z.string() }),
          response: { 200: z.object({ version: z.number().int() }), ...errors },
        },
      },
      async (request) => {
        const key = request.params;
        const principal = request.principal!;
        await editable(principal, key.organisationId);
        const input = parseInput(templateSchema, request.body, request.lang, request.t);
        if (!input.ok) throw new ValidationError(input.errors);
        return { version: await saveTemplate(ctx, actorOf(request), principal, key, input.data) };
      },
    );

    app.get(
      "/print-batches",
      {
        config: print,
        schema: {
          tags,
          summary: "Paper letters waiting to be printed per organisation, and the latest 50 print batches",
          response: {
            200: z.object({
              waiting: z.array(
                z.object({ organisationId: z.string(), organisationName: z.string(), count: z.number() }),
              ),
              batches: z.array(
                z.object({
                  id: z.string(),
                  organisationName: z.string(),
                  letterCount: z.number(),
                  createdAt: z.string(),
                  createdBy: z.string().nullable().describe("Name"),
                  printedAt: z.string().nullable().describe("Null until someone confirms it was printed"),
                  printedBy: z.string().nullable().describe("Name"),
                }),
              ),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const view = await paperOverview(ctx, request.principal!);
        return {
          waiting: view.waiting,
          batches: view.batches.map((b) => ({
            id: b.id,
            organisationName: b.organisation_name,
            letterCount: b.letter_count,
            createdAt: b.created_at,
            createdBy: b.created_by_name,
            printedAt: b.printed_at,
            printedBy: b.printed_by_name,
          })),
        };
      },
    );

    app.post(
      "/print-batches",
      {
        config: print,
        schema: {
          tags,
          summary:
            "Gather every paper letter of an organisation waiting to be printed into one print batch (409 if none wait)",
          body: z.object({ organisationId: z.string().max(64) }),
          response: { 201: z.object({ id: z.string(), letters: z.number() }), ...errors },
        },
      },
      async (request, reply) => {
        const batch = await createPrintBatch(
          ctx,
          actorOf(request),
          request.principal!,
          request.body.organisationId,
        );
        return reply.code(201).send({ id: batch.id, letters: batch.count });
      },
    );

    app.get(
      "/print-batches/:id/pdf",
      {
        config: print,
        schema: {
          tags,
          summary: "The print batch as one PDF, sorted by postcode, every letter on a fresh sheet",
          params: idParams,
          response: pdfResponse("The print batch"),
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        return sendPdf(reply, await printBatchPdf(ctx, request.principal!, id), `udskrift-${id}.pdf`, false);
      },
    );

    app.post(
      "/print-batches/:id/printed",
      {
        config: print,
        schema: {
          tags,
          summary: "Confirm the batch was printed and posted: its letters count as sent (409 if confirmed)",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await confirmPrinted(ctx, actorOf(request), request.principal!, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
