import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { signUp } from "../lists.service.ts";
import { featureChoices, unitKindChoices } from "./seeker.schemas.ts";
import { ensureSeekerPerson, myWaitingLists, reactivateOwn } from "./seeker.service.ts";

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const apiErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ["letting"];

const estimateJson = z
  .object({
    kind: z.enum(["none", "months", "years"]),
    low: z.number().optional(),
    high: z.number().optional(),
    lettingsPerYear: z.number().optional(),
  })
  .describe("Place ÷ lettings per year from the list in the last 24 months, ±30 %; none without lettings");

const applicationJson = z.object({
  id: z.string(),
  organisationName: z.string(),
  list: z.enum(["external", "internal"]),
  status: z.enum(["active", "passive"]),
  seniorityDate: z.string(),
  paidUntil: z.string().nullable(),
  departments: z.array(
    z.object({
      id: z.string(),
      number: z.number(),
      name: z.string(),
      rank: z
        .number()
        .nullable()
        .describe("Place among the active applicants (1 = next); null while passive"),
      estimate: estimateJson,
    }),
  ),
  openCharges: z.array(
    z.object({
      kind: z.string(),
      amountOre: z.number(),
      dueDate: z.string(),
      removalDate: z.string().nullable(),
      paymentId: z.string(),
      paymentLine: z.string(),
    }),
  ),
});

const signUpBody = z.object({
  organisationId: z.string().max(64),
  listKind: z.enum(["external", "internal"]).default("external"),
  departmentIds: z.array(z.string().max(64)).min(1).max(100),
  birthDate: z.iso.date().optional().describe("Needed when no birth date is on file (minimum age)"),
  roomsMin: z.number().int().min(1).max(10).nullable().optional(),
  roomsMax: z.number().int().min(1).max(10).nullable().optional(),
  maxRentOre: z.number().int().min(0).nullable().optional(),
  kinds: z.array(z.enum(unitKindChoices)).optional(),
  features: z.array(z.enum(featureChoices)).optional(),
  householdSize: z.number().int().min(1).max(20).optional(),
  hasChildren: z.boolean().optional(),
});

/** The seeker's own applications for integrators (and apps): the same services as the pages. */
export function seekerApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const apply = { permission: "letting.apply" } as const;

    app.get(
      "/me/applications",
      {
        config: apply,
        schema: {
          tags,
          summary: "Your waiting-list applications: places, waiting-time estimates and open fees",
          response: { 200: z.object({ items: z.array(applicationJson) }), ...apiErrors },
        },
      },
      async (request) => {
        const personId = request.user!.personId;
        return { items: personId ? await myWaitingLists(ctx, personId, request.lang) : [] };
      },
    );

    app.post(
      "/me/applications",
      {
        config: apply,
        schema: {
          tags,
          summary:
            "Sign up on an organisation's waiting list (seniority from today; a sign-up fee is charged)",
          body: signUpBody,
          response: { 201: z.object({ id: z.string(), chargeId: z.string().nullable() }), ...apiErrors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const b = request.body;
        const personId = await ensureSeekerPerson(ctx, actor, request.user!, b.organisationId);
        const result = await signUp(ctx, actor, { personId, ...b });
        return reply.code(201).send({ id: result.applicationId, chargeId: result.chargeId });
      },
    );

    app.post(
      "/me/applications/:id/reactivate",
      {
        config: apply,
        schema: {
          tags,
          summary: "Reactivate a passive application (it keeps its seniority)",
          params: z.object({ id: z.string().max(64) }),
          response: { 204: z.null(), ...apiErrors },
        },
      },
      async (request, reply) => {
        await reactivateOwn(ctx, actorOf(request), request.user!.personId, request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
