import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { publicPlugin } from "./public/public.plugin.ts";
import { seekerPlugin } from "./seeker/seeker.plugin.ts";
import { staffPlugin } from "./staff/staff.plugin.ts";

/** Every letting page and API route (kept out of index.ts so the CLI loads no HTTP code). */
export function lettingPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(publicPlugin(ctx));
    await app.register(seekerPlugin(ctx));
    await app.register(staffPlugin(ctx));
  };
}
