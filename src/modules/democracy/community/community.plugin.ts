import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { communityHomeRoutes } from "./community.routes.tsx";
import { coursePagesApiRoutes } from "./course-pages.api.ts";
import { coursePagesRoutes } from "./course-pages.routes.tsx";
import { coursesApiRoutes } from "./courses.api.ts";
import { coursesRoutes } from "./courses.routes.tsx";
import { guidesApiRoutes } from "./guides.api.ts";
import { guidesRoutes } from "./guides.routes.tsx";
import { ideasApiRoutes } from "./ideas.api.ts";
import { ideasRoutes } from "./ideas.routes.tsx";
import { interestsApiRoutes } from "./interests.api.ts";
import { interestsRoutes } from "./interests.routes.tsx";
import { onboardingApiRoutes } from "./onboarding.api.ts";
import { onboardingRoutes } from "./onboarding.routes.tsx";
import { programmesRoutes } from "./programmes.routes.tsx";
import { sessionsRoutes } from "./sessions.routes.tsx";

/** Pages and API routes of resident democracy: recruitment, onboarding programmes, courses, knowledge sharing and the idea catalogue. */
export function communityPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(communityHomeRoutes(ctx));
    await app.register(interestsRoutes(ctx));
    await app.register(onboardingRoutes(ctx));
    await app.register(programmesRoutes(ctx));
    await app.register(coursesRoutes(ctx));
    await app.register(sessionsRoutes(ctx));
    await app.register(coursePagesRoutes(ctx));
    await app.register(guidesRoutes(ctx));
    await app.register(ideasRoutes(ctx));
    for (const api of [
      interestsApiRoutes,
      onboardingApiRoutes,
      coursesApiRoutes,
      coursePagesApiRoutes,
      guidesApiRoutes,
      ideasApiRoutes,
    ]) {
      await app.register(api(ctx), { prefix: "/api/v1" });
    }
  };
}
