import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { lettingSettingsRoutes } from "../settings.routes.tsx";
import { publicApiRoutes } from "./public.api.ts";
import { publicRoutes } from "./public.routes.tsx";
import { settingsApiRoutes } from "./settings.api.ts";

/** Letting: the public pages and API routes, and the rules (settings) of administrators. */
export function publicPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(publicRoutes(ctx));
    await app.register(lettingSettingsRoutes(ctx));
    await app.register(publicApiRoutes(ctx), { prefix: "/api/v1" });
    await app.register(settingsApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
