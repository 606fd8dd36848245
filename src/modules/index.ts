import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../platform/context.ts";
import { democracyPlugin } from "./democracy/democracy.plugin.ts";
import { homeRoutes } from "./home/index.ts";
import { lettersPlugin } from "./letters/letters.plugin.ts";
import { lettingPlugin } from "./letting/letting.plugin.ts";
import { masterdataRoutes } from "./masterdata/masterdata.plugin.ts";

/** Every module's routes, registered once by the composition root. */
export function moduleRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(homeRoutes(ctx));
    await app.register(masterdataRoutes(ctx));
    await app.register(lettersPlugin(ctx));
    await app.register(lettingPlugin(ctx));
    await app.register(democracyPlugin(ctx));
  };
}
