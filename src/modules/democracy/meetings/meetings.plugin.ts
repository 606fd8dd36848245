import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { boardMeetingRoutes } from "./board.routes.tsx";
import { democracyApiRoutes } from "./democracy.api.ts";
import { meetingsApiRoutes } from "./meetings.api.ts";
import { minutesRoutes } from "./minutes.routes.tsx";
import { residentMeetingRoutes } from "./resident.routes.tsx";
import { runMeetingRoutes } from "./run.routes.tsx";
import { staffMeetingRoutes } from "./staff.routes.tsx";

/** Department meetings: the residents' democracy page, the board's proposals, staff planning and running meetings, minutes, decisions, and their API. */
export function meetingsPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(residentMeetingRoutes(ctx));
    await app.register(boardMeetingRoutes(ctx));
    await app.register(staffMeetingRoutes(ctx));
    await app.register(runMeetingRoutes(ctx));
    await app.register(minutesRoutes(ctx));
    await app.register(meetingsApiRoutes(ctx), { prefix: "/api/v1" });
    await app.register(democracyApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
