import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../platform/context.ts";
import { pageContext, sendPage } from "../../platform/http/request-context.ts";
import { inboxLetters } from "./letters.repository.ts";
import { sendPdf } from "./letters.routes.tsx";
import { ownLetter, pdfOf } from "./letters.service.ts";
import { InboxLetterPage, InboxPage } from "./views/inbox.views.tsx";

const pageSize = 25;
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
const idParam = z.object({ id: z.string().max(64) });

/** Residents and housing seekers: every letter sent to them, whatever channel it went by. */
export function inboxRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const own = { config: { permission: "inbox.read" } } as const;

    app.get("/inbox", own, async (request, reply) => {
      const page = pageParam.parse((request.query as { page?: string }).page);
      const personId = request.user!.personId;
      const result = await inboxLetters(ctx.db, personId ? [personId] : [], page, pageSize);
      return sendPage(
        reply,
        InboxPage({
          ctx: pageContext(request, reply),
          items: result.rows.map((r) => ({
            id: r.id,
            subject: r.subject,
            reference: r.reference,
            channel: r.channel,
            status: r.status,
            createdAt: r.created_at,
          })),
          page,
          pages: Math.max(1, Math.ceil(result.total / pageSize)),
        }),
      );
    });

    app.get("/inbox/:id", own, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const l = await ownLetter(ctx, request.user!.personId, id);
      return sendPage(
        reply,
        InboxLetterPage({
          ctx: pageContext(request, reply),
          letter: {
            id: l.id,
            subject: l.subject,
            body: l.body,
            reference: l.reference,
            channel: l.channel,
            status: l.status,
            documentDate: l.document_date,
            sentAt: l.sent_at,
          },
        }),
      );
    });

    app.get("/inbox/:id/pdf", own, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const l = await ownLetter(ctx, request.user!.personId, id);
      return sendPdf(reply, await pdfOf(ctx, id), `brev-${l.reference}.pdf`);
    });
  };
}
