import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { contactRoutes } from "./contact.routes.tsx";
import { masterdataApiRoutes } from "./masterdata.api.ts";
import { masterdataRoutes as browseRoutes } from "./masterdata.routes.tsx";
import { masterdataEditRoutes } from "./masterdata-edit.routes.tsx";
import { masterdataImportRoutes } from "./masterdata-import.routes.tsx";

/** Every master-data page and API route (kept out of index.ts so the CLI loads no HTTP code). */
export function masterdataRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(browseRoutes(ctx));
    await app.register(masterdataEditRoutes(ctx));
    await app.register(masterdataImportRoutes(ctx));
    await app.register(contactRoutes(ctx));
    await app.register(masterdataApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
