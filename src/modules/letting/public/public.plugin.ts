import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";

/** Letting: the public pages and API routes. */
export function publicPlugin(_ctx: AppContext): FastifyPluginAsync {
  return async () => {};
}
