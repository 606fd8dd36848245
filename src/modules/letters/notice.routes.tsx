import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { ValidationError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { parseInput } from "../../platform/validation.ts";
import { sendPdf } from "./letters.routes.tsx";
import { noticeSchema, previewNotice, sendableDepartments, sendNotice } from "./notices.service.ts";
import { renderLetterPdf } from "./pdf/letter-pdf.ts";
import { senderFacts } from "./recipients.repository.ts";
import { NoticeFormPage, NoticePreviewPage, type NoticeValues } from "./views/notice.views.tsx";

const noticeValues = (body: Record<string, unknown>): NoticeValues => {
  const s = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : "");
  return {
    department_id: s("department_id"),
    audience: s("audience") || "department",
    building_number: s("building_number"),
    unit_numbers: s("unit_numbers"),
    subject: s("subject"),
    message: s("message"),
  };
};

/** Staff write a notice, preview it per channel, and send it to the households. */
export function noticeRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const send = { config: { permission: "letters.send" } } as const;

    const form = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: NoticeValues,
      errors?: Record<string, string>,
    ) =>
      sendPage(
        reply,
        NoticeFormPage({
          ctx: pageContext(request, reply),
          departments: await sendableDepartments(ctx, request.principal!),
          values,
          errors,
        }),
        errors ? 400 : 200,
      );

    /** Parses and resolves the audience; on bad input, answers with the form and its errors. */
    const checked = async (request: FastifyRequest, reply: FastifyReply) => {
      const values = noticeValues((request.body ?? {}) as Record<string, unknown>);
      const input = parseInput(noticeSchema, values, request.lang, request.t);
      if (!input.ok) {
        await form(request, reply, values, input.errors);
        return { ok: false as const };
      }
      try {
        return {
          ok: true as const,
          values,
          preview: await previewNotice(ctx, request.principal!, input.data),
        };
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        await form(request, reply, values, formErrors(request, e));
        return { ok: false as const };
      }
    };

    app.get("/letters/new", send, async (request, reply) => form(request, reply, noticeValues({})));

    app.post("/letters/new/edit", send, async (request, reply) =>
      form(request, reply, noticeValues((request.body ?? {}) as Record<string, unknown>)),
    );

    app.post("/letters/new/preview", send, async (request, reply) => {
      const result = await checked(request, reply);
      if (!result.ok) return reply;
      const { preview, values } = result;
      const sender = await senderFacts(ctx.db, preview.audience.organisationId);
      return sendPage(
        reply,
        NoticePreviewPage({
          ctx: pageContext(request, reply),
          values,
          audience: preview.audience.label,
          total: preview.total,
          counts: preview.counts,
          organisationName: sender?.name ?? "",
          samples: preview.samples.map((s) => ({
            channel: s.row.channel,
            rule: s.row.channel_rule,
            recipientName: s.document.recipient.name,
            subject: s.document.subject,
            body: s.document.body,
            email: s.row.recipient_email ?? null,
          })),
        }),
      );
    });

    app.post("/letters/new/preview.pdf", send, async (request, reply) => {
      const result = await checked(request, reply);
      if (!result.ok) return reply;
      const sample = result.preview.samples[0];
      if (!sample) return form(request, reply, result.values, { audience: "letters.errors.no_households" });
      return sendPdf(reply, await renderLetterPdf(sample.document), "brev-proeve.pdf");
    });

    app.post("/letters/new", send, async (request, reply) => {
      const values = noticeValues((request.body ?? {}) as Record<string, unknown>);
      const input = parseInput(noticeSchema, values, request.lang, request.t);
      if (!input.ok) return form(request, reply, values, input.errors);
      let sent: Awaited<ReturnType<typeof sendNotice>>;
      try {
        sent = await sendNotice(ctx, actorOf(request), request.principal!, input.data);
      } catch (e) {
        if (e instanceof ValidationError) return form(request, reply, values, formErrors(request, e));
        throw e;
      }
      setFlash(request, request.t("letters.notice.sent", { count: sent.count }));
      return reply.redirect(`/letters/batches/${sent.batchId}`, 303);
    });
  };
}
