import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { votesApiRoutes } from "./votes.api.ts";
import { votesRoutes } from "./votes.routes.tsx";
import { votesStaffRoutes } from "./votes-staff.routes.tsx";

/** Pages and API routes of resident democracy: votes and ballots (urafstemning, digital votes): frozen voter rolls, roll marks apart from ballots, receipts, tallies. */
export function votesPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(votesRoutes(ctx));
    await app.register(votesStaffRoutes(ctx));
    await app.register(votesApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
