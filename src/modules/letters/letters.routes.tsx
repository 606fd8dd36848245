import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import { can, reachOf } from "../../platform/access.ts";
import type { AppContext } from "../../platform/context.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { batchLetters, listBatches, searchLetters } from "./letters.repository.ts";
import { pdfOf, retryFailedLetter, staffBatch, staffLetter } from "./letters.service.ts";
import { toLetterListItem, toStaffLetterView } from "./presenters.ts";
import { StaffLetterPage } from "./views/letter.views.tsx";
import { BatchPage, LetterListPage, OutboxPage } from "./views/outbox.views.tsx";

const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const pages = (total: number) => Math.max(1, Math.ceil(total / pageSize));
const idParam = z.object({ id: z.string().max(64) });

export function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string, inline = true): FastifyReply {
  return reply
    .type("application/pdf")
    .header("content-disposition", `${inline ? "inline" : "attachment"}; filename="${filename}"`)
    .header("cache-control", "private, no-store")
    .send(pdf);
}

/** Staff: the outbox — batches, letters, their channel, status and why. */
export function lettersRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { permission: "letters.read" } } as const;

    app.get("/letters", read, async (request, reply) => {
      const page = pageParam.parse((request.query as { page?: string }).page);
      const principal = request.principal!;
      const result = await listBatches(ctx.db, reachOf(principal, "letters.read"), page, pageSize);
      return sendPage(
        reply,
        OutboxPage({
          ctx: pageContext(request, reply),
          batches: result.rows.map((b) => ({
            id: b.id,
            title: b.title,
            audience: b.audience_json.label,
            letterCount: b.letter_count,
            createdAt: b.created_at,
            createdBy: b.created_by_name,
            counts: b.counts,
          })),
          links: {
            send: can(principal, "letters.send"),
            print: can(principal, "letters.print"),
            templates: can(principal, "letters.templates"),
          },
          page,
          pages: pages(result.total),
        }),
      );
    });

    app.get("/letters/list", read, async (request, reply) => {
      const f = z
        .object({
          status: z
            .enum(["queued", "sending", "retrying", "sent", "failed", "in_print"])
            .optional()
            .catch(undefined),
          channel: z.enum(["digital_post", "email", "paper"]).optional().catch(undefined),
          page: pageParam,
        })
        .parse(request.query);
      const result = await searchLetters(ctx.db, reachOf(request.principal!, "letters.read"), {
        ...f,
        pageSize,
      });
      return sendPage(
        reply,
        LetterListPage({
          ctx: pageContext(request, reply),
          letters: result.rows.map(toLetterListItem),
          filter: { status: f.status, channel: f.channel },
          page: f.page,
          pages: pages(result.total),
          total: result.total,
        }),
      );
    });

    app.get("/letters/batches/:id", read, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const page = pageParam.parse((request.query as { page?: string }).page);
      const batch = await staffBatch(ctx, request.principal!, id);
      const letters = await batchLetters(ctx.db, id, page, pageSize);
      return sendPage(
        reply,
        BatchPage({
          ctx: pageContext(request, reply),
          batch: {
            id,
            title: batch.title,
            audience: batch.audience_json.label,
            type: batch.letter_type,
            createdAt: batch.created_at,
            createdBy: batch.created_by_name,
            letterCount: batch.letter_count,
            summary: letters.summary,
            letters: letters.rows.map(toLetterListItem),
            page,
            pages: pages(letters.total),
          },
        }),
      );
    });

    app.get("/letters/:id", read, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const letter = await staffLetter(ctx, request.principal!, id);
      return sendPage(
        reply,
        StaffLetterPage({
          ctx: pageContext(request, reply),
          letter: toStaffLetterView(letter),
          canRetry: can(request.principal, "letters.send"),
        }),
      );
    });

    app.get("/letters/:id/pdf", read, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const letter = await staffLetter(ctx, request.principal!, id);
      return sendPdf(reply, await pdfOf(ctx, id), `brev-${letter.reference}.pdf`);
    });

    app.post("/letters/:id/retry", { config: { permission: "letters.send" } }, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await retryFailedLetter(ctx, actorOf(request), request.principal!, id);
      setFlash(request, request.t("letters.retried"));
      return reply.redirect(`/letters/${id}`, 303);
    });
  };
}
