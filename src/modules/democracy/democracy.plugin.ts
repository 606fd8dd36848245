import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { boardsPlugin } from "./boards/boards.plugin.ts";
import { communityPlugin } from "./community/community.plugin.ts";
import { meetingsPlugin } from "./meetings/meetings.plugin.ts";
import { votesPlugin } from "./votes/votes.plugin.ts";

/** Every resident-democracy page and API route. */
export function democracyPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(meetingsPlugin(ctx));
    await app.register(boardsPlugin(ctx));
    await app.register(votesPlugin(ctx));
    await app.register(communityPlugin(ctx));
  };
}
