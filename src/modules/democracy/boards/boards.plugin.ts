import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { boardsApiRoutes } from "./boards.api.ts";
import { demandsApiRoutes } from "./demands.api.ts";
import { demandRoutes } from "./demands.routes.tsx";
import { electionRoutes } from "./elections.routes.tsx";
import { residentBoardRoutes } from "./resident.routes.tsx";
import { staffBoardRoutes } from "./staff.routes.tsx";

/** Pages and API routes of resident democracy: boards, elections, extraordinary-meeting demands. */
export function boardsPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(staffBoardRoutes(ctx));
    await app.register(electionRoutes(ctx));
    await app.register(residentBoardRoutes(ctx));
    await app.register(demandRoutes(ctx));
    await app.register(boardsApiRoutes(ctx), { prefix: "/api/v1" });
    await app.register(demandsApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
