import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { todayInCopenhagen } from "../../platform/dates.ts";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { updateApplicationFacts } from "./applicants.service.ts";
import { loadCandidates, toRankingVacancy } from "./candidates.repository.ts";
import { removeApplication } from "./lists.service.ts";
import { runOfferRound } from "./offers/rounds.service.ts";
import {
  type Applicant,
  applicant,
  type Fixture,
  freeUnit,
  offersOfVacancy,
  roundsScenario,
  staffPrincipal,
  testActor,
  vacancyOnFreeUnit,
} from "./offers/test-fixtures.ts";
import { rankCandidates } from "./ranking/index.ts";
import { lettingSettingsFor } from "./settings.service.ts";

let app: TestApp;
let f: Fixture;
let people: Applicant[];

beforeAll(async () => {
  app = await buildTestApp();
  ({ f, people } = await roundsScenario(app));
});
afterAll(async () => {
  await app.close();
});

const quiet = {
  familyUnitsSinceMunicipal: 0,
  lastListLetting: null,
  externalSinceInternal: 0,
  listLet: 0,
  flexibleLet: 0,
};

/** The ranking of the department's queue for a free unit, as an offer round would read it. */
async function rankingNow() {
  const unit = await app.ctx.db
    .selectFrom("units")
    .selectAll()
    .where("id", "=", await freeUnit(app, f))
    .executeTakeFirstOrThrow();
  const vacancy = toRankingVacancy("preview", unit, unit.rent_ore);
  const settings = await lettingSettingsFor(app.ctx.db, f.organisationId, f.departmentId);
  const today = todayInCopenhagen(app.ctx.clock);
  const candidates = await loadCandidates(app.ctx.db, {
    dialect: app.ctx.database.dialect,
    organisationId: f.organisationId,
    vacancy,
    settings,
    history: quiet,
    today,
    wanted: 100,
    skip: new Set(),
  });
  return rankCandidates(vacancy, candidates, settings, quiet, today);
}

const queueRows = (applicationId: string) =>
  app.ctx.db
    .selectFrom("application_departments")
    .select(["is_rehousing", "is_flexible", "has_children"])
    .where("application_id", "=", applicationId)
    .execute();

const auditCount = async (applicationId: string) =>
  (
    await app.ctx.db
      .selectFrom("audit_log")
      .select("id")
      .where("entity_id", "=", applicationId)
      .where("action", "=", "letting.application_facts")
      .execute()
  ).length;

describe("facts recorded by staff change the ranking", () => {
  it("offers a rehousing applicant with the latest seniority first once staff mark them", async () => {
    const late = await applicant(app, f, { seniority: "2025-06-01", name: "Sen Genhusning" });
    const before = await rankingNow();
    const placeBefore = before.ranked.find((r) => r.applicationId === late.applicationId)?.position;
    expect(placeBefore).toBe(before.ranked.length);
    expect(placeBefore).toBeGreaterThan(3);

    await updateApplicationFacts(app.ctx, testActor, late.applicationId, { isRehousing: true });

    const vacancyId = await vacancyOnFreeUnit(app, f);
    const round = await runOfferRound(app.ctx, testActor, staffPrincipal, vacancyId);
    expect(round.mode).toBe("lists");
    const offers = await offersOfVacancy(app, vacancyId);
    expect(offers[0]!.application_id).toBe(late.applicationId);
    expect((offers[0]!.reason_json as { reason: { code: string } }).reason.code).toBe("group_rehousing");
    // Everyone else keeps seniority order behind them.
    expect(offers.slice(1).map((o) => o.application_id)).toEqual([
      people[0]!.applicationId,
      people[2]!.applicationId,
    ]);
  });

  it("excludes an applicant who owes money without a payment plan, with the reason; a plan lets them in", async () => {
    const debtor = await applicant(app, f, { seniority: "2010-01-01", name: "Skylder Penge" });
    const id = debtor.applicationId;
    expect((await rankingNow()).ranked.some((r) => r.applicationId === id)).toBe(true);

    await updateApplicationFacts(app.ctx, testActor, id, { isOwingMoney: true });
    const owing = await rankingNow();
    expect(owing.excluded).toContainEqual({ applicationId: id, reason: "owes_money" });
    expect(owing.ranked.some((r) => r.applicationId === id)).toBe(false);

    await updateApplicationFacts(app.ctx, testActor, id, { hasPaymentPlan: true });
    const withPlan = await rankingNow();
    expect(withPlan.excluded.some((e) => e.applicationId === id)).toBe(false);
    expect(withPlan.ranked.find((r) => r.applicationId === id)?.group).toBe("external");
  });

  it("excludes from a youth home until education is documented, and from a senior home until referred", async () => {
    const id = people[3]!.applicationId;
    const unit = await app.ctx.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", await freeUnit(app, f))
      .executeTakeFirstOrThrow();
    const settings = await lettingSettingsFor(app.ctx.db, f.organisationId, f.departmentId);
    const today = todayInCopenhagen(app.ctx.clock);
    const reasonFor = async (kind: "youth" | "senior") => {
      const vacancy = { ...toRankingVacancy("v", unit, unit.rent_ore), unitKind: kind };
      const candidates = await loadCandidates(app.ctx.db, {
        dialect: app.ctx.database.dialect,
        organisationId: f.organisationId,
        vacancy,
        settings,
        history: quiet,
        today,
        wanted: 100,
        skip: new Set(),
      });
      const r = rankCandidates(vacancy, candidates, settings, quiet, today);
      return r.excluded.find((e) => e.applicationId === id)?.reason ?? null;
    };
    expect(await reasonFor("youth")).toBe("youth_without_education");
    expect(await reasonFor("senior")).toBe("senior_without_referral");
    await updateApplicationFacts(app.ctx, testActor, id, {
      isEducationDocumented: true,
      hasMunicipalReferral: true,
    });
    expect(await reasonFor("youth")).toBeNull();
    expect(await reasonFor("senior")).toBeNull();
  });
});

describe("updateApplicationFacts", () => {
  it("keeps the queue rows' priority flags with the application, and audits before and after", async () => {
    const id = people[4]!.applicationId;
    const audited = await auditCount(id);
    await updateApplicationFacts(app.ctx, testActor, id, {
      householdSize: 3,
      hasChildren: true,
      flexibleCriteria: ["work", "divorce"],
    });
    expect(await queueRows(id)).toEqual([{ is_rehousing: false, is_flexible: true, has_children: true }]);
    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .select(["before_json", "after_json", "organisation_id"])
      .where("entity_id", "=", id)
      .where("action", "=", "letting.application_facts")
      .orderBy("at", "desc")
      .executeTakeFirstOrThrow();
    expect(entry.organisation_id).toBe(f.organisationId);
    expect(entry.before_json).toEqual({ householdSize: 1, hasChildren: false, flexibleCriteria: [] });
    expect(entry.after_json).toEqual({
      householdSize: 3,
      hasChildren: true,
      flexibleCriteria: ["work", "divorce"],
    });

    const facts = await updateApplicationFacts(app.ctx, testActor, id, {
      flexibleCriteria: [],
      hasChildren: false,
      isRehousing: true,
    });
    expect(facts).toMatchObject({
      householdSize: 3,
      hasChildren: false,
      isRehousing: true,
      flexibleCriteria: [],
    });
    expect(await queueRows(id)).toEqual([{ is_rehousing: true, is_flexible: false, has_children: false }]);
    const row = await app.ctx.db
      .selectFrom("applications")
      .select(["is_rehousing", "has_children", "flexible_json", "household_size"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_rehousing: true, has_children: false, flexible_json: [], household_size: 3 });
    expect(await auditCount(id)).toBe(audited + 2);

    // Nothing changed: nothing written, nothing audited.
    await updateApplicationFacts(app.ctx, testActor, id, { isRehousing: true });
    expect(await auditCount(id)).toBe(audited + 2);
  });

  it("refuses invalid facts field by field and writes nothing", async () => {
    const id = people[5]!.applicationId;
    const refused = async (facts: Parameters<typeof updateApplicationFacts>[3]) => {
      const e = await updateApplicationFacts(app.ctx, testActor, id, facts).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).fields ?? {};
    };
    expect(await refused({ householdSize: 0 })).toEqual({
      householdSize: "letting.applicants.errors.household_size",
    });
    expect(await refused({ householdSize: Number.NaN })).toEqual({
      householdSize: "letting.applicants.errors.household_size",
    });
    expect(await refused({ flexibleCriteria: ["lottery" as "work"] })).toEqual({
      flexibleCriteria: "letting.applicants.errors.flexible",
    });
    expect(await refused({ hasChildren: true, isRehousing: true })).toEqual({
      householdSize: "letting.applicants.errors.children_household",
    });
    expect(await refused({ hasPaymentPlan: true })).toEqual({
      hasPaymentPlan: "letting.applicants.errors.plan_without_debt",
    });
    // Every error at once: the schema's, and the rules between the fields that passed it.
    expect(await refused({ householdSize: -1, hasChildren: true, hasPaymentPlan: true })).toEqual({
      householdSize: "letting.applicants.errors.household_size",
      hasPaymentPlan: "letting.applicants.errors.plan_without_debt",
    });
    expect(Object.keys(await refused({ seniorityDate: "2000-01-01" } as never))).toEqual(["_form"]);
    expect(await auditCount(id)).toBe(0);
    const row = await app.ctx.db
      .selectFrom("applications")
      .select(["is_rehousing", "has_children", "has_payment_plan"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_rehousing: false, has_children: false, has_payment_plan: false });
  });

  it("leaves a removed application as it was", async () => {
    const gone = await applicant(app, f, { seniority: "2024-01-01" });
    await removeApplication(app.ctx, testActor, gone.applicationId, "test");
    await expect(
      updateApplicationFacts(app.ctx, testActor, gone.applicationId, { isRehousing: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await queueRows(gone.applicationId)).toEqual([
      { is_rehousing: false, is_flexible: false, has_children: false },
    ]);
  });
});
