import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type Principal, reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import {
  applicationFactsSchema,
  factsOf,
  staffApplicant,
  updateApplicationFacts,
} from "../applicants.service.ts";
import { outcomeText } from "../offers/explain.ts";
import { flexibleCriteria } from "../settings.ts";
import { applicantOffers, searchApplicants } from "./applicants.repository.ts";
import { errors, idParams, pageSize, tags } from "./letting-staff.api-schemas.ts";
import { oneLine } from "./vacancies.repository.ts";

const statuses = z.enum(["active", "passive", "removed", "housed"]);
const lists = z.enum(["external", "internal"]);

const applicantJson = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  personNumber: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  list: lists,
  status: statuses,
  seniorityDate: z.string(),
});

const factsJson = z.object({
  householdSize: z.number(),
  hasChildren: z.boolean(),
  isRehousing: z.boolean(),
  flexibleCriteria: z.array(z.enum(flexibleCriteria)),
  isEducationDocumented: z.boolean(),
  hasMunicipalReferral: z.boolean(),
  isOnBenefitsRefusable: z.boolean(),
  isOwingMoney: z.boolean(),
  hasPaymentPlan: z.boolean(),
});

const applicationJson = applicantJson.extend({
  feePaidUntil: z.string().nullable(),
  unansweredOffers: z.number(),
  quarantineUntil: z.string().nullable(),
  facts: factsJson,
  departments: z.array(
    z.object({
      departmentId: z.string(),
      number: z.number(),
      name: z.string(),
      /** The stored place in the queue (1 = next); null while the application is not active. */
      rank: z.number().nullable(),
    }),
  ),
  offers: z.array(
    z.object({
      id: z.string(),
      vacancyId: z.string(),
      address: z.string(),
      department: z.string(),
      position: z.number(),
      status: z.string(),
      offeredAt: z.string(),
      deadlineAt: z.string(),
      answeredAt: z.string().nullable(),
      outcome: z.object({ code: z.string(), text: z.string() }).nullable(),
    }),
  ),
});

/** Letting staff for integrators: find applications, read one with its places and offers, record its facts. */
export function applicantsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    const full = async (
      principal: Principal,
      id: string,
      t: Parameters<typeof outcomeText>[0],
      lang: "da" | "en",
    ) => {
      const { application: a, departments } = await staffApplicant(ctx, principal, id);
      const offers = await applicantOffers(ctx.db, id);
      return {
        id: a.id,
        personId: a.person_id,
        name: a.name,
        personNumber: a.person_number,
        organisationId: a.organisation_id,
        organisationName: a.organisation_name,
        list: a.list,
        status: a.status,
        seniorityDate: a.seniority_date,
        feePaidUntil: a.fee_paid_until,
        unansweredOffers: a.unanswered_offers,
        quarantineUntil: a.quarantine_until,
        facts: factsOf(a),
        departments: departments.map((d) => ({
          departmentId: d.department_id,
          number: d.number,
          name: d.name,
          rank: d.rank,
        })),
        offers: offers.map((o) => {
          const code = o.outcome_json?.code;
          return {
            id: o.id,
            vacancyId: o.vacancy_id,
            address: oneLine(o),
            department: `${o.department_number} ${o.department_name}`,
            position: o.position,
            status: o.status,
            offeredAt: o.created_at,
            deadlineAt: o.deadline_at,
            answeredAt: o.answered_at,
            outcome:
              typeof code === "string" ? { code, text: outcomeText(t, lang, o.outcome_json) ?? "" } : null,
          };
        }),
      };
    };

    app.get(
      "/applications",
      {
        config: { permission: "letting.read" },
        schema: {
          tags,
          summary:
            "Applications within your reach whose person's name starts with q (any capitalisation), or whose person number is q; by name",
          querystring: z.object({
            q: z.string().trim().min(1).max(100),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
          }),
          response: {
            200: z.object({
              items: z.array(applicantJson),
              page: z.number(),
              pageSize: z.number(),
              hasMore: z.boolean(),
            }),
            ...errors,
          },
        },
      },
      async (request) => {
        const { q, page } = request.query;
        const found = await searchApplicants(ctx.db, reachOf(request.principal!, "letting.read"), {
          q,
          page,
          pageSize,
        });
        return {
          items: found.rows.map((r) => ({
            id: r.id,
            personId: r.person_id,
            name: r.name,
            personNumber: r.person_number,
            organisationId: r.organisation_id,
            organisationName: r.organisation_name,
            list: r.list,
            status: r.status as z.infer<typeof statuses>,
            seniorityDate: r.seniority_date,
          })),
          page,
          pageSize,
          hasMore: found.hasMore,
        };
      },
    );

    app.get(
      "/applications/:id",
      {
        config: { permission: "letting.read" },
        schema: {
          tags,
          summary:
            "One application: the person, list, status, facts, wanted departments with stored places, offers",
          params: idParams,
          response: { 200: applicationJson, ...errors },
        },
      },
      async (request) => full(request.principal!, request.params.id, request.t, request.lang),
    );

    app.patch(
      "/applications/:id",
      {
        config: { permission: "letting.manage" },
        schema: {
          tags,
          summary:
            "Record the facts the ranking uses (fields left out stay as they are); 409 once removed or housed",
          params: idParams,
          body: applicationFactsSchema,
          response: { 200: applicationJson, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        await staffApplicant(ctx, request.principal!, id, "letting.manage");
        await updateApplicationFacts(ctx, actorOf(request), id, request.body);
        return full(request.principal!, id, request.t, request.lang);
      },
    );
  };
}
