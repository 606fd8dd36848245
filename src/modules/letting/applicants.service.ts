import { z } from "zod";
import { type Permission, type Principal, type Reach, reaches, reachOf } from "../../platform/access.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import { nowIso } from "../../platform/clock.ts";
import type { AppContext } from "../../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { isTranslationKey } from "../../platform/i18n/index.ts";
import { flexibleCriteria } from "./settings.ts";
import { applicantDepartments, findApplicant } from "./staff/applicants.repository.ts";

const householdSize = "letting.applicants.errors.household_size";
const flag = z.boolean({ error: "errors.validation" });

/**
 * The facts about an application that letting staff record and the ranking uses (DOMAIN.md
 * "Letting"): household, rehousing, flexible-letting criteria, documented education (youth homes),
 * municipal referral (senior homes), refusable under kombineret udlejning, debt and payment plan.
 * Every field is optional: what is left out stays as it is.
 */
export const applicationFactsSchema = z
  .object({
    householdSize: z
      .number({ error: householdSize })
      .int(householdSize)
      .min(1, householdSize)
      .max(20, householdSize),
    hasChildren: flag,
    isRehousing: flag,
    flexibleCriteria: z
      .array(z.enum(flexibleCriteria, { error: "letting.applicants.errors.flexible" }))
      .max(flexibleCriteria.length),
    isEducationDocumented: flag,
    hasMunicipalReferral: flag,
    isOnBenefitsRefusable: flag,
    isOwingMoney: flag,
    hasPaymentPlan: flag,
  })
  .partial()
  .strict();

export type ApplicationFactsInput = z.input<typeof applicationFactsSchema>;
export type ApplicationFacts = Required<z.output<typeof applicationFactsSchema>>;
export const factNames = Object.keys(applicationFactsSchema.shape) as (keyof ApplicationFacts)[];

/** The fact columns of an application row. */
export interface FactColumns {
  household_size: number;
  has_children: boolean;
  is_rehousing: boolean;
  flexible_json: string[];
  is_education_documented: boolean;
  has_municipal_referral: boolean;
  is_on_benefits_refusable: boolean;
  is_owing_money: boolean;
  has_payment_plan: boolean;
}

const isCriterion = (c: string): c is ApplicationFacts["flexibleCriteria"][number] =>
  (flexibleCriteria as readonly string[]).includes(c);

/** The facts as stored on the application row. */
export function factsOf(a: FactColumns): ApplicationFacts {
  return {
    householdSize: a.household_size,
    hasChildren: a.has_children,
    isRehousing: a.is_rehousing,
    flexibleCriteria: a.flexible_json.filter(isCriterion),
    isEducationDocumented: a.is_education_documented,
    hasMunicipalReferral: a.has_municipal_referral,
    isOnBenefitsRefusable: a.is_on_benefits_refusable,
    isOwingMoney: a.is_owing_money,
    hasPaymentPlan: a.has_payment_plan,
  };
}

const issueKey = (message: string) => (isTranslationKey(message) ? message : "errors.validation");

/**
 * The facts after the change, or every field error at once: the schema's, then the rules between
 * the facts (checked on the whole record, with the fields that passed).
 */
function factsAfter(facts: unknown, before: ApplicationFacts): ApplicationFacts {
  const fields: Record<string, string> = {};
  const parsed = applicationFactsSchema.safeParse(facts);
  let change: Partial<ApplicationFacts> = {};
  if (parsed.success) change = parsed.data;
  else {
    for (const issue of parsed.error.issues)
      fields[String(issue.path[0] ?? "_form")] ??= issueKey(issue.message);
    const given = (typeof facts === "object" && facts !== null ? facts : {}) as Record<string, unknown>;
    for (const k of factNames) {
      if (fields[k] || !(k in given)) continue;
      const one = applicationFactsSchema.shape[k].safeParse(given[k]);
      if (one.success) change = { ...change, [k]: one.data };
    }
  }
  const after: ApplicationFacts = { ...before, ...change };
  if (after.hasChildren && after.householdSize < 2) {
    fields.householdSize ??= "letting.applicants.errors.children_household";
  }
  if (after.hasPaymentPlan && !after.isOwingMoney) {
    fields.hasPaymentPlan ??= "letting.applicants.errors.plan_without_debt";
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
  return after;
}

/**
 * Command: letting staff record the facts the ranking uses about an application. In one
 * transaction: the application, its queue rows' copy of the priority facts (so the priority
 * pools' partial indexes stay true) and the audit entry with before and after. Only active and
 * passive applications can change. Returns the facts now in force.
 */
export async function updateApplicationFacts(
  ctx: AppContext,
  actor: Actor,
  applicationId: string,
  facts: ApplicationFactsInput,
): Promise<ApplicationFacts> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("applications as a")
      .innerJoin("waiting_lists as l", "l.id", "a.list_id")
      .selectAll("a")
      .select("l.organisation_id")
      .where("a.id", "=", applicationId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError();
    if (row.status !== "active" && row.status !== "passive") {
      throw new ConflictError("letting.applicants.errors.closed");
    }
    const before = factsOf(row);
    const after = factsAfter(facts, before);
    const changed = factNames.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return after;
    await trx
      .updateTable("applications")
      .set({
        household_size: after.householdSize,
        has_children: after.hasChildren,
        is_rehousing: after.isRehousing,
        flexible_json: after.flexibleCriteria,
        is_education_documented: after.isEducationDocumented,
        has_municipal_referral: after.hasMunicipalReferral,
        is_on_benefits_refusable: after.isOnBenefitsRefusable,
        is_owing_money: after.isOwingMoney,
        has_payment_plan: after.hasPaymentPlan,
        updated_at: nowIso(ctx.clock),
      })
      .where("id", "=", applicationId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letting.application_facts",
      entity: "application",
      entityId: applicationId,
      organisationId: row.organisation_id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return after;
  });
}

/** An application is within reach through its list's organisation or one of the departments it wants. */
export function applicantWithin(reach: Reach, organisationId: string, departmentIds: string[]): boolean {
  return reaches(reach, organisationId) || departmentIds.some((d) => reaches(reach, organisationId, d));
}

/**
 * An application staff may see (or change, with letting.manage) with its wanted departments and
 * their stored places; outside the staff member's reach it is not found, so ids cannot be probed.
 */
export async function staffApplicant(
  ctx: AppContext,
  principal: Principal,
  applicationId: string,
  permission: Extract<Permission, "letting.read" | "letting.manage"> = "letting.read",
) {
  const application = await findApplicant(ctx.db, applicationId);
  if (!application) throw new NotFoundError();
  const departments = await applicantDepartments(ctx.db, applicationId);
  const reach = reachOf(principal, permission);
  const ids = departments.map((d) => d.department_id);
  if (!applicantWithin(reach, application.organisation_id, ids)) throw new NotFoundError();
  return { application, departments };
}
