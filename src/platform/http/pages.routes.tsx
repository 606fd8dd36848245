import type { FastifyPluginAsync } from "fastify";
import { sql } from "kysely";
import type { AppContext } from "../context.ts";
import { AccessibilityPage, FrontPage } from "../views/pages.views.tsx";
import { pageContext, sendPage } from "./request-context.ts";

export function pageRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/", { config: { permission: "public" } }, async (request, reply) =>
      sendPage(reply, FrontPage({ ctx: pageContext(request, reply) })),
    );
    app.get("/accessibility", { config: { permission: "public" } }, async (request, reply) =>
      sendPage(reply, AccessibilityPage({ ctx: pageContext(request, reply) })),
    );
    app.get("/healthz", { config: { permission: "public" } }, async () => ({ status: "ok" }));
    app.get("/readyz", { config: { permission: "public" } }, async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: "ok", database: ctx.database.dialect };
      } catch (error) {
        _request.log.error({ err: error }, "database not reachable");
        return reply.code(503).send({ status: "unavailable" });
      }
    });
  };
}
