import type { FastifyPluginAsync } from "fastify";
import { can } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { pageContext, sendPage } from "../../../platform/http/request-context.ts";
import { CommunityHomePage } from "./community.views.tsx";
import { organisationsReached } from "./community-access.ts";
import { searchIdeas } from "./ideas.repository.ts";
import { overviewReach } from "./interests.service.ts";

/** The community's front page. */
export function communityHomeRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get("/community", { config: { permission: "community.contribute" } }, async (request, reply) => {
      const principal = request.principal!;
      const recommended = await searchIdeas(ctx.db, {
        organisationIds: await organisationsReached(ctx.db, principal, "community.contribute"),
        recommendedOnly: true,
        limit: 6,
        offset: 0,
      });
      return sendPage(
        reply,
        CommunityHomePage({
          ctx: pageContext(request, reply),
          recommended: recommended.rows.map((i) => ({ id: i.id, title: i.title })),
          curate: can(principal, "community.curate"),
          overview: overviewReach(principal) !== null,
        }),
      );
    });
  };
}
