import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { demandJson, errors, idParams, signatureResultJson, tags } from "./api-schemas.ts";
import { householdCount, householdOf } from "./board.repository.ts";
import { type DemandRow, demandById, demandsOf, signedByHousehold } from "./demands.repository.ts";
import { signDemand, startDemand, startDemandSchema } from "./demands.service.ts";
import { demandView } from "./presenters.ts";

/** The demands of a department within the viewer's reach, each with the viewer's household's signature. */
async function demandsOut(
  ctx: AppContext,
  _principal: Principal,
  personId: string | null,
  rows: DemandRow[],
) {
  const first = rows[0];
  if (!first) return [];
  const today = todayInCopenhagen(ctx.clock);
  const households = await householdCount(ctx.db, first.department_id, today);
  const tenancyId = personId ? await householdOf(ctx.db, personId, first.department_id, today) : undefined;
  const signed = await signedByHousehold(
    ctx.db,
    rows.map((r) => r.id),
    tenancyId,
  );
  const now = ctx.clock.now();
  return rows.map((r) => demandView(r, now, households, signed.has(r.id)));
}

/** Extraordinary-meeting demands and their signatures (one per household). */
export function demandsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const view = { permission: "democracy.view" } as const;
    const participate = { permission: "democracy.participate" } as const;

    const oneDemand = async (principal: Principal, personId: string | null, id: string) => {
      const d = await demandById(ctx.db, id);
      if (!d) throw new NotFoundError();
      requireAccess(principal, "democracy.view", {
        organisationId: d.organisation_id,
        departmentId: d.department_id,
      });
      return (await demandsOut(ctx, principal, personId, [d]))[0]!;
    };

    app.get(
      "/demands",
      {
        config: view,
        schema: {
          tags,
          summary: "A department's demands for an extraordinary meeting, newest first",
          querystring: z.object({ departmentId: z.string().max(64) }),
          response: { 200: z.object({ items: z.array(demandJson) }), ...errors },
        },
      },
      async (request) => {
        const dept = await ctx.db
          .selectFrom("departments")
          .select(["id", "organisation_id"])
          .where("id", "=", request.query.departmentId)
          .executeTakeFirst();
        if (!dept) throw new NotFoundError();
        requireAccess(request.principal, "democracy.view", {
          organisationId: dept.organisation_id,
          departmentId: dept.id,
        });
        const rows = await demandsOf(ctx.db, dept.id);
        return { items: await demandsOut(ctx, request.principal!, request.user!.personId, rows) };
      },
    );

    app.get(
      "/demands/:id",
      {
        config: view,
        schema: {
          tags,
          summary:
            "One demand: households signed and needed; once reached, the convening deadline and the time left",
          params: idParams,
          response: { 200: demandJson, ...errors },
        },
      },
      async (request) => oneDemand(request.principal!, request.user!.personId, request.params.id),
    );

    app.post(
      "/demands",
      {
        config: participate,
        schema: {
          tags,
          summary:
            "Start a demand in your department (what the meeting is to decide, and why); your household signs it",
          body: startDemandSchema.extend({ departmentId: z.string().max(64) }),
          response: { 201: demandJson, ...errors },
        },
      },
      async (request, reply) => {
        const { departmentId, ...input } = request.body;
        const personId = request.user!.personId;
        const id = await startDemand(
          ctx,
          actorOf(request),
          request.principal!,
          personId,
          departmentId,
          input,
        );
        return reply.code(201).send(await oneDemand(request.principal!, personId, id));
      },
    );

    app.post(
      "/demands/:id/signatures",
      {
        config: participate,
        schema: {
          tags,
          summary: "Sign a demand for your household (one signature per household; 409 when it has signed)",
          description:
            "The signature that reaches the share of households (demandThresholdPercent, rounded up) marks the demand reached, starts the convening deadline and sends the board its letters.",
          params: idParams,
          response: { 201: signatureResultJson, ...errors },
        },
      },
      async (request, reply) => {
        const r = await signDemand(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.personId,
          request.params.id,
        );
        return reply.code(201).send(r);
      },
    );
  };
}
