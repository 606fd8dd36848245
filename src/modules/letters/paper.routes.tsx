import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../platform/context.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { sendPdf } from "./letters.routes.tsx";
import { confirmPrinted, createPrintBatch, paperOverview, printBatchPdf } from "./paper.service.ts";
import { PaperPage } from "./views/paper.views.tsx";

const idParam = z.object({ id: z.string().max(64) });

/** Staff: paper letters into print batches, the batch PDF, and confirming it was printed. */
export function paperRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const print = { config: { permission: "letters.print" } } as const;

    app.get("/letters/paper", print, async (request, reply) =>
      sendPage(
        reply,
        PaperPage({ ctx: pageContext(request, reply), view: await paperOverview(ctx, request.principal!) }),
      ),
    );

    app.post("/letters/paper/batches", print, async (request, reply) => {
      const { organisation_id } = z.object({ organisation_id: z.string().max(64) }).parse(request.body ?? {});
      const batch = await createPrintBatch(ctx, actorOf(request), request.principal!, organisation_id);
      setFlash(request, request.t("letters.paper.batch_created", { count: batch.count }));
      return reply.redirect("/letters/paper", 303);
    });

    app.get("/letters/paper/batches/:id/pdf", print, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return sendPdf(reply, await printBatchPdf(ctx, request.principal!, id), `udskrift-${id}.pdf`, false);
    });

    app.post("/letters/paper/batches/:id/printed", print, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await confirmPrinted(ctx, actorOf(request), request.principal!, id);
      setFlash(request, request.t("letters.paper.confirmed"));
      return reply.redirect("/letters/paper", 303);
    });
  };
}
