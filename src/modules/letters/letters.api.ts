import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reachOf } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { ValidationError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { parseInput } from "../../platform/validation.ts";
import {
  batchDetailJson,
  batchJson,
  channel,
  countsByChannel,
  errors,
  idParams,
  letterJson,
  letterStatus,
  noticeBody,
  noticePreview,
  ownLetterItem,
  ownLetterJson,
  page,
  pageQuery,
  pageSize,
  pdfResponse,
  tags,
  toBatchJson,
} from "./letters.api-schemas.ts";
import { batchLetters, inboxLetters, listBatches, searchLetters } from "./letters.repository.ts";
import { sendPdf } from "./letters.routes.tsx";
import { ownLetter, pdfOf, retryFailedLetter, staffBatch, staffLetter } from "./letters.service.ts";
import { lettersAdminApiRoutes } from "./letters-admin.api.ts";
import { noticeSchema, previewNotice, sendNotice } from "./notices.service.ts";
import { toLetterJson } from "./presenters.ts";

/** The notice form's field names (notices.service.ts) → the JSON names of this API. */
const jsonNames: Record<string, string> = {
  department_id: "departmentId",
  building_number: "buildingNumber",
  unit_numbers: "unitNumbers",
};
const toJsonNames = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [jsonNames[k] ?? k, v]));

/** Letters for integrators: the same services, rules and audit as the pages. */
export function lettersApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const own = { permission: "inbox.read" } as const;
    const read = { permission: "letters.read" } as const;
    const send = { permission: "letters.send" } as const;

    app.get(
      "/me/letters",
      {
        config: own,
        schema: {
          tags,
          summary: "Your own letters, newest first, whatever channel they went by",
          querystring: z.object({ page: pageQuery }),
          response: { 200: page(ownLetterItem), ...errors },
        },
      },
      async (request) => {
        const personId = request.user!.personId;
        const { page } = request.query;
        const result = await inboxLetters(ctx.db, personId ? [personId] : [], page, pageSize);
        return {
          items: result.rows.map((r) => ({
            id: r.id,
            type: r.letter_type,
            reference: r.reference,
            subject: r.subject,
            channel: r.channel,
            status: r.status,
            createdAt: r.created_at,
            sentAt: r.sent_at,
          })),
          total: result.total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      "/me/letters/:id",
      {
        config: own,
        schema: {
          tags,
          summary: "One of your own letters",
          params: idParams,
          response: { 200: ownLetterJson, ...errors },
        },
      },
      async (request) => {
        const l = await ownLetter(ctx, request.user!.personId, request.params.id);
        return {
          id: l.id,
          type: l.letter_type,
          reference: l.reference,
          subject: l.subject,
          body: l.body,
          date: l.document_date,
          language: l.language,
          channel: l.channel,
          status: l.status,
          createdAt: l.created_at,
          sentAt: l.sent_at,
        };
      },
    );

    app.get(
      "/me/letters/:id/pdf",
      {
        config: own,
        schema: {
          tags,
          summary: "One of your own letters as PDF",
          params: idParams,
          response: pdfResponse("The letter"),
        },
      },
      async (request, reply) => {
        const l = await ownLetter(ctx, request.user!.personId, request.params.id);
        return sendPdf(reply, await pdfOf(ctx, l.id), `brev-${l.reference}.pdf`);
      },
    );

    app.get(
      "/letters",
      {
        config: read,
        schema: {
          tags,
          summary: "Letters within your reach, newest first, by status, channel or notice batch",
          querystring: z.object({
            status: letterStatus.optional(),
            channel: channel.optional(),
            batch: z.string().max(64).optional().describe("Only the letters of this notice batch"),
            page: pageQuery,
          }),
          response: { 200: page(letterJson), ...errors },
        },
      },
      async (request) => {
        const { status, channel, batch, page } = request.query;
        const result = await searchLetters(ctx.db, reachOf(request.principal!, "letters.read"), {
          status,
          channel,
          batchId: batch,
          page,
          pageSize,
        });
        return { items: result.rows.map(toLetterJson), total: result.total, page, pageSize };
      },
    );

    app.get(
      "/letters/:id",
      {
        config: read,
        schema: {
          tags,
          summary: "One letter: recipient, channel and why, status, attempts and template version",
          params: idParams,
          response: { 200: letterJson, ...errors },
        },
      },
      async (request) => toLetterJson(await staffLetter(ctx, request.principal!, request.params.id)),
    );

    app.get(
      "/letters/:id/pdf",
      {
        config: read,
        schema: { tags, summary: "One letter as PDF", params: idParams, response: pdfResponse("The letter") },
      },
      async (request, reply) => {
        const letter = await staffLetter(ctx, request.principal!, request.params.id);
        return sendPdf(reply, await pdfOf(ctx, letter.id), `brev-${letter.reference}.pdf`);
      },
    );

    app.post(
      "/letters/:id/retry",
      {
        config: send,
        schema: {
          tags,
          summary: "Send a failed letter again, by the same channel, now (409 unless it failed)",
          params: idParams,
          response: { 200: letterJson, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        await retryFailedLetter(ctx, actorOf(request), request.principal!, id);
        return toLetterJson(await staffLetter(ctx, request.principal!, id));
      },
    );

    /** The notice as notices.service.ts takes it; field errors come back under the JSON names. */
    const noticeInput = (request: FastifyRequest, b: z.infer<typeof noticeBody>) => {
      const input = parseInput(
        noticeSchema,
        {
          department_id: b.departmentId,
          audience: b.audience,
          building_number: b.buildingNumber ?? "",
          unit_numbers: (b.unitNumbers ?? []).join("\n"),
          subject: b.subject,
          message: b.message,
        },
        request.lang,
        request.t,
      );
      if (!input.ok) throw new ValidationError(toJsonNames(input.errors));
      return input.data;
    };
    /** The services' field errors under the JSON names; the error handler still answers them. */
    const renamingErrors = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (e) {
        if (e instanceof ValidationError)
          throw new ValidationError(toJsonNames(e.fields ?? {}), e.messageKey, e.params);
        throw e;
      }
    };

    app.post(
      "/notices",
      {
        config: send,
        schema: {
          tags,
          summary:
            "Send a notice to the households of a department, a building or some units (dryRun: preview only)",
          body: noticeBody,
          response: {
            200: noticePreview,
            201: z.object({ batchId: z.string(), letters: z.number() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const input = noticeInput(request, request.body);
        const principal = request.principal!;
        if (request.body.dryRun) {
          const preview = await renamingErrors(() => previewNotice(ctx, principal, input));
          return reply.code(200).send({
            total: preview.total,
            counts: preview.counts,
            samples: preview.samples.map((s) => ({
              channel: s.row.channel,
              channelRule: s.row.channel_rule,
              recipientName: s.document.recipient.name,
              subject: s.document.subject,
              body: s.document.body,
            })),
          });
        }
        const sent = await renamingErrors(() => sendNotice(ctx, actorOf(request), principal, input));
        return reply.code(201).send({ batchId: sent.batchId, letters: sent.count });
      },
    );

    app.get(
      "/letter-batches",
      {
        config: read,
        schema: {
          tags,
          summary: "Notice batches within your reach, newest first, with their letters counted by status",
          querystring: z.object({ page: pageQuery }),
          response: { 200: page(batchJson), ...errors },
        },
      },
      async (request) => {
        const { page } = request.query;
        const result = await listBatches(ctx.db, reachOf(request.principal!, "letters.read"), page, pageSize);
        return {
          items: result.rows.map((b) => toBatchJson(b, b.counts)),
          total: result.total,
          page,
          pageSize,
        };
      },
    );

    app.get(
      "/letter-batches/:id",
      {
        config: read,
        schema: {
          tags,
          summary: "One notice batch with its letters counted by status for each channel",
          params: idParams,
          response: { 200: batchDetailJson, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        const b = await staffBatch(ctx, request.principal!, id);
        const { summary } = await batchLetters(ctx.db, id, 1, 1);
        const counts = countsByChannel(summary);
        return { ...toBatchJson(b, counts.all), channels: counts.byChannel };
      },
    );

    await app.register(lettersAdminApiRoutes(ctx));
  };
}
