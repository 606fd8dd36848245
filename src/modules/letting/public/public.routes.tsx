import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../../platform/context.ts";
import { pageContext, sendPage } from "../../../platform/http/request-context.ts";
import { lenientQuery, toFilters } from "./public.schemas.ts";
import { departmentProfile, vacantHomes } from "./public.service.ts";
import { DepartmentPage, VacanciesPage } from "./public.views.tsx";

/**
 * The pages anyone may see without logging in: vacant homes, and a page per department at
 * /afdelinger/<organisation number>-<department number> (e.g. /afdelinger/1-101; the department's
 * id works too).
 */
export function publicRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const anyone = { config: { permission: "public" } } as const;

    app.get("/boliger", anyone, async (request, reply) => {
      const { query, dropped } = lenientQuery(request.query);
      const result = await vacantHomes(ctx.db, toFilters(query), query.page);
      return sendPage(reply, VacanciesPage({ ctx: pageContext(request, reply), q: query, dropped, result }));
    });

    app.get("/afdelinger/:key", anyone, async (request, reply) => {
      const key = String((request.params as { key: string }).key).slice(0, 64);
      const d = await departmentProfile(ctx.db, ctx.clock, key);
      return sendPage(reply, DepartmentPage({ ctx: pageContext(request, reply), d }));
    });
  };
}
