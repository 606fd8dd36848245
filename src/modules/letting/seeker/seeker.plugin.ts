import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { feesApiRoutes } from "../fees/fees.api.ts";
import { feesRoutes } from "../fees/fees.routes.tsx";
import { seekerApiRoutes } from "./seeker.api.ts";
import { seekerRoutes } from "./seeker.routes.tsx";

/** Letting: the seeker pages and API routes, and the staff's fee pages. */
export function seekerPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(seekerRoutes(ctx));
    await app.register(feesRoutes(ctx));
    await app.register(seekerApiRoutes(ctx), { prefix: "/api/v1" });
    await app.register(feesApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
