import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";

/** Letting: the seeker pages and API routes. */
export function seekerPlugin(_ctx: AppContext): FastifyPluginAsync {
  return async () => {};
}
