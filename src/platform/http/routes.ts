import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../context.ts";
import { accountRoutes } from "./account.routes.tsx";
import { adminRoutes } from "./admin.routes.tsx";
import { platformApiRoutes } from "./api.routes.ts";
import { authRoutes } from "./auth.routes.tsx";
import { oidcRoutes } from "./oidc.routes.ts";
import { pageRoutes } from "./pages.routes.tsx";

/** Every route the platform itself serves (modules add theirs through modules/index.ts). */
export function platformRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(pageRoutes(ctx));
    await app.register(authRoutes(ctx));
    await app.register(oidcRoutes(ctx));
    await app.register(accountRoutes(ctx));
    await app.register(adminRoutes(ctx));
    await app.register(platformApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
