import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";

/** Letting: the staff pages and API routes. */
export function staffPlugin(_ctx: AppContext): FastifyPluginAsync {
  return async () => {};
}
