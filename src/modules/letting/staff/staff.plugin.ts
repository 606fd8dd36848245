import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { offersRoutes } from "../offers/offers.routes.tsx";
import { applicantsApiRoutes } from "./applicants.api.ts";
import { applicantsRoutes } from "./applicants.routes.tsx";
import { lettingStaffApiRoutes } from "./letting-staff.api.ts";
import { vacanciesRoutes } from "./vacancies.routes.tsx";

/** Letting: the staff pages and API routes, and the applicant's offers. */
export function staffPlugin(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    await app.register(vacanciesRoutes(ctx));
    await app.register(offersRoutes(ctx));
    await app.register(applicantsRoutes(ctx));
    await app.register(lettingStaffApiRoutes(ctx), { prefix: "/api/v1" });
    await app.register(applicantsApiRoutes(ctx), { prefix: "/api/v1" });
  };
}
