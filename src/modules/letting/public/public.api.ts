import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import {
  apiErrors,
  departmentProfileJson,
  toFilters,
  vacancyQuery,
  vacantHomeJson,
} from "./public.schemas.ts";
import { departmentProfile, vacantHomes } from "./public.service.ts";

const tags = ["public"];

/** The public pages' data for anyone (no token needed): vacant homes and department figures. */
export function publicApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const anyone = { permission: "public" } as const;

    app.get(
      "/public/vacancies",
      {
        config: anyone,
        schema: {
          tags,
          summary: "Vacant and soon-vacant homes, soonest first, with the filters of the /boliger page",
          querystring: vacancyQuery,
          response: {
            200: z.object({
              items: z.array(vacantHomeJson),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...apiErrors,
          },
        },
      },
      async (request) => vacantHomes(ctx.db, toFilters(request.query), request.query.page),
    );

    app.get(
      "/public/departments/:id",
      {
        config: anyone,
        schema: {
          tags,
          summary:
            "A department's public figures: homes by kind, rent per m² per year, facilities, energy labels, typical waiting time",
          params: z.object({
            id: z
              .string()
              .max(64)
              .describe("organisation number-department number (e.g. 1-101), or the department's id"),
          }),
          response: { 200: departmentProfileJson, ...apiErrors },
        },
      },
      async (request) => departmentProfile(ctx.db, ctx.clock, request.params.id),
    );
  };
}
