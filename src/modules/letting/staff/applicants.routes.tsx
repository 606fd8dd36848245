import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import {
  type ApplicationFacts,
  type ApplicationFactsInput,
  applicantWithin,
  factsOf,
  staffApplicant,
  updateApplicationFacts,
} from "../applicants.service.ts";
import { pauseApplication, reactivateApplication, removeApplication } from "../lists.service.ts";
import { outcomeText } from "../offers/explain.ts";
import type { FactFlag, FactsValues } from "./applicant-forms.views.tsx";
import { type ApplicantRow, applicantOffers, searchApplicants } from "./applicants.repository.ts";
import { ApplicantListPage, ApplicantPage, type ApplicantView } from "./applicants.views.tsx";
import { oneLine } from "./vacancies.repository.ts";

const pageSize = 50;
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);
const qParam = z.string().max(100).catch("");
const idParam = z.object({ id: z.string().max(64) });

/** The service's fact names → the form's field names. */
const fieldOf: Record<keyof ApplicationFacts, keyof FactsValues> = {
  householdSize: "household_size",
  hasChildren: "has_children",
  isRehousing: "is_rehousing",
  flexibleCriteria: "flexible",
  isEducationDocumented: "is_education_documented",
  hasMunicipalReferral: "has_municipal_referral",
  isOnBenefitsRefusable: "is_on_benefits_refusable",
  isOwingMoney: "is_owing_money",
  hasPaymentPlan: "has_payment_plan",
};
const flags = Object.values(fieldOf).filter((f): f is FactFlag => f !== "household_size" && f !== "flexible");

const toApplicantItem = (r: ApplicantRow) => ({
  id: r.id,
  name: r.name,
  personNumber: r.person_number,
  organisation: r.organisation_name,
  list: r.list,
  status: r.status,
  seniorityDate: r.seniority_date,
});

/** The form showing what is stored. */
function valuesOf(f: ApplicationFacts): FactsValues {
  return {
    household_size: String(f.householdSize),
    has_children: f.hasChildren,
    is_rehousing: f.isRehousing,
    flexible: f.flexibleCriteria,
    is_education_documented: f.isEducationDocumented,
    has_municipal_referral: f.hasMunicipalReferral,
    is_on_benefits_refusable: f.isOnBenefitsRefusable,
    is_owing_money: f.isOwingMoney,
    has_payment_plan: f.hasPaymentPlan,
  };
}

/** The form as posted (an unticked box is simply absent). */
function postedValues(body: Record<string, unknown>): FactsValues {
  const flexible = [body.flexible ?? []].flat().filter((v): v is string => typeof v === "string");
  const values = {
    household_size: typeof body.household_size === "string" ? body.household_size.trim() : "",
    flexible,
  } as FactsValues;
  for (const f of flags) values[f] = body[f] === "ja";
  return values;
}

/** The service's input; the service validates it (a number that is not one stays NaN and is refused). */
function factsInput(v: FactsValues): ApplicationFactsInput {
  return {
    householdSize: /^\d{1,3}$/.test(v.household_size) ? Number(v.household_size) : Number.NaN,
    hasChildren: v.has_children,
    isRehousing: v.is_rehousing,
    flexibleCriteria: v.flexible as ApplicationFactsInput["flexibleCriteria"],
    isEducationDocumented: v.is_education_documented,
    hasMunicipalReferral: v.has_municipal_referral,
    isOnBenefitsRefusable: v.is_on_benefits_refusable,
    isOwingMoney: v.is_owing_money,
    hasPaymentPlan: v.has_payment_plan,
  };
}

type Loaded = Awaited<ReturnType<typeof staffApplicant>>;
type OfferRow = Awaited<ReturnType<typeof applicantOffers>>[number];

function toApplicantView(
  t: TFunction,
  lang: Lang,
  { application: a, departments }: Loaded,
  offers: OfferRow[],
) {
  return {
    id: a.id,
    name: a.name,
    personNumber: a.person_number,
    organisation: a.organisation_name,
    list: a.list,
    status: a.status,
    seniorityDate: a.seniority_date,
    birthDate: a.birth_date,
    email: a.email,
    phone: a.phone,
    feePaidUntil: a.fee_paid_until,
    unansweredOffers: a.unanswered_offers,
    quarantineUntil: a.quarantine_until,
    departments: departments.map((d) => ({
      id: d.department_id,
      label: `${d.number} ${d.name}`,
      rank: d.rank,
    })),
    offers: offers.map((o) => ({
      id: o.id,
      address: oneLine(o),
      department: `${o.department_number} ${o.department_name}`,
      offeredAt: o.created_at,
      deadlineAt: o.deadline_at,
      status: o.status,
      outcome: outcomeText(t, lang, o.outcome_json),
    })),
  } satisfies ApplicantView;
}

/** Letting staff: find applicants, see an application, record its facts, pause or remove it. */
export function applicantsRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const read = { config: { permission: "letting.read" } } as const;
    const manage = { config: { permission: "letting.manage" } } as const;

    app.get("/letting/applicants", read, async (request, reply) => {
      const { q: rawQ, page: rawPage } = request.query as { q?: unknown; page?: unknown };
      const q = qParam.parse(rawQ ?? "");
      const page = pageParam.parse(rawPage);
      const found = await searchApplicants(ctx.db, reachOf(request.principal!, "letting.read"), {
        q,
        page,
        pageSize,
      });
      return sendPage(
        reply,
        ApplicantListPage({
          ctx: pageContext(request, reply),
          q,
          applicants: found.rows.map(toApplicantItem),
          page,
          hasMore: found.hasMore,
        }),
      );
    });

    const detail = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      form: { values?: FactsValues; errors?: Record<string, string> } = {},
    ) => {
      const principal = request.principal!;
      const loaded = await staffApplicant(ctx, principal, id);
      const offers = await applicantOffers(ctx.db, id);
      const canManage = applicantWithin(
        reachOf(principal, "letting.manage"),
        loaded.application.organisation_id,
        loaded.departments.map((d) => d.department_id),
      );
      return sendPage(
        reply,
        ApplicantPage({
          ctx: pageContext(request, reply),
          applicant: toApplicantView(request.t, request.lang, loaded, offers),
          canManage,
          values: form.values ?? valuesOf(factsOf(loaded.application)),
          errors: form.errors,
        }),
        form.errors ? 400 : 200,
      );
    };

    app.get("/letting/applicants/:id", read, async (request, reply) =>
      detail(request, reply, idParam.parse(request.params).id),
    );

    app.post("/letting/applicants/:id", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await staffApplicant(ctx, request.principal!, id, "letting.manage");
      const values = postedValues((request.body ?? {}) as Record<string, unknown>);
      try {
        await updateApplicationFacts(ctx, actorOf(request), id, factsInput(values));
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== "validation" && e.code !== "conflict")) throw e;
        const errors = Object.fromEntries(
          Object.entries(formErrors(request, e)).map(([k, v]) => [
            fieldOf[k as keyof ApplicationFacts] ?? k,
            v,
          ]),
        );
        return detail(request, reply, id, { values, errors });
      }
      setFlash(request, request.t("letting.applicants.saved"));
      return reply.redirect(`/letting/applicants/${id}`, 303);
    });

    /** A status change from a button: done → flash; refused (e.g. no longer active) → its message. */
    const statusCommand = (
      action: "pause" | "reactivate" | "remove",
      run: (id: string, request: FastifyRequest) => Promise<void>,
    ) =>
      app.post(`/letting/applicants/:id/${action}`, manage, async (request, reply) => {
        const { id } = idParam.parse(request.params);
        await staffApplicant(ctx, request.principal!, id, "letting.manage");
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (action === "remove" && body.remove_confirm !== "ja") {
          return detail(request, reply, id, {
            errors: { remove_confirm: request.t("letting.applicants.errors.remove_confirm") },
          });
        }
        try {
          await run(id, request);
          setFlash(request, request.t(`letting.applicants.done.${action}`));
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== "conflict") throw e;
          setFlash(request, request.t(e.messageKey));
        }
        return reply.redirect(`/letting/applicants/${id}`, 303);
      });
    statusCommand("pause", (id, request) => pauseApplication(ctx, actorOf(request), id, "staff"));
    statusCommand("reactivate", (id, request) => reactivateApplication(ctx, actorOf(request), id));
    statusCommand("remove", (id, request) => removeApplication(ctx, actorOf(request), id, "staff"));
  };
}
