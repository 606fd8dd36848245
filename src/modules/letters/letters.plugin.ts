import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { inboxRoutes } from "./inbox.routes.tsx";
import { lettersApiRoutes } from "./letters.api.ts";
import { lettersRoutes } from "./letters.routes.tsx";
import { noticeRoutes } from "./notice.routes.tsx";
import { paperRoutes } from "./paper.routes.tsx";
import { templatesRoutes } from "./templates.routes.tsx";

/** Every letters page and API route (kept out of index.ts so the CLI loads no HTTP code). */
export function lettersPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(inboxRoutes(ctx));
    await app.register(lettersRoutes(ctx));
    await app.register(noticeRoutes(ctx));
    await app.register(paperRoutes(ctx));
    await app.register(templatesRoutes(ctx));
    await app.register(lettersApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
