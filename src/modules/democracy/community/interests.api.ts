import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { errors, idParams, pageQuery, tags } from "./api-common.ts";
import { interestKinds } from "./community.table.ts";
import type { InterestRow } from "./interests.repository.ts";
import {
  interestedResidents,
  interestOverview,
  kindsOf,
  myInterests,
  saveInterest,
  withdrawInterest,
} from "./interests.service.ts";

const pageSize = 100;
const kinds = z.array(z.enum(interestKinds));

const interestJson = z.object({
  departmentId: z.string(),
  department: z.string(),
  interests: kinds,
  note: z.string().nullable(),
  contactConsent: z.boolean(),
  updatedAt: z.string(),
});
const residentJson = z.object({
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  interests: kinds,
  note: z.string().nullable(),
  updatedAt: z.string(),
});
const countJson = z.object({
  total: z.number(),
  board: z.number(),
  committee: z.number(),
  activities: z.number(),
});

const toJson = (r: InterestRow) => ({
  departmentId: r.department_id,
  department: `${r.department_number} ${r.department_name}`,
  interests: kindsOf(r),
  note: r.note,
  contactConsent: r.has_contact_consent,
  updatedAt: r.updated_at,
});

/** Recruitment for integrators: the resident's own interests, the board's list, the numbers. */
export function interestsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const participate = { permission: "democracy.participate" } as const;

    app.get(
      "/me/interests",
      {
        config: participate,
        schema: {
          tags,
          summary: "What you would join, per department",
          response: { 200: z.object({ items: z.array(interestJson) }), ...errors },
        },
      },
      async (request) => ({ items: (await myInterests(ctx, request.user!.personId)).map(toJson) }),
    );

    app.put(
      "/me/interests/:id",
      {
        config: participate,
        schema: {
          tags,
          summary: "Say what you would join in one of your departments (replaces what you said before)",
          params: idParams,
          body: z.object({
            interests: kinds.max(interestKinds.length),
            note: z.string().max(1000).optional(),
            contactConsent: z.boolean(),
          }),
          response: { 200: interestJson, ...errors },
        },
      },
      async (request) => {
        const departmentId = request.params.id;
        await saveInterest(ctx, actorOf(request), request.principal!, request.user!.personId, {
          departmentId,
          ...request.body,
        });
        const saved = (await myInterests(ctx, request.user!.personId)).find(
          (i) => i.department_id === departmentId,
        );
        return toJson(saved!);
      },
    );

    app.delete(
      "/me/interests/:id",
      {
        config: participate,
        schema: {
          tags,
          summary: "Withdraw what you said for a department (nothing of it is kept)",
          params: idParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await withdrawInterest(
          ctx,
          actorOf(request),
          request.principal!,
          request.user!.personId,
          request.params.id,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/departments/:id/interested-residents",
      {
        config: { permission: "board.work" },
        schema: {
          tags,
          summary: "The board's list: residents of its department who would join and agreed to be contacted",
          params: idParams,
          response: {
            200: z.object({
              department: z.string(),
              items: z.array(residentJson),
              withoutConsent: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const r = await interestedResidents(ctx, request.principal!, request.params.id);
        return {
          department: `${r.department.number} ${r.department.name}`,
          items: r.residents.map((x) => ({
            name: x.person_name,
            email: x.person_email,
            phone: x.person_phone,
            interests: kindsOf(x),
            note: x.note,
            updatedAt: x.updated_at,
          })),
          withoutConsent: r.withoutConsent,
        };
      },
    );

    app.get(
      "/interest-counts",
      {
        config: { permission: "democracy.view" },
        schema: {
          tags,
          summary:
            "Interested residents counted per department and kind (for community.curate or boards.manage; 404 otherwise)",
          querystring: z.object({ page: pageQuery }),
          response: {
            200: z.object({
              items: z.array(
                countJson.extend({
                  departmentId: z.string(),
                  departmentNumber: z.number(),
                  department: z.string(),
                }),
              ),
              totals: countJson,
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { page } = request.query;
        const r = await interestOverview(ctx, request.principal!, page, pageSize);
        return {
          items: r.rows.map((x) => ({
            departmentId: x.department_id,
            departmentNumber: x.department_number,
            department: x.department_name,
            total: x.total,
            board: x.board,
            committee: x.committee,
            activities: x.activities,
          })),
          totals: r.sums,
          total: r.total,
          page,
          pageSize,
        };
      },
    );
  };
}
