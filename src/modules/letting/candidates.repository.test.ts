import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { updateApplicationFacts } from "./applicants.service.ts";
import { loadCandidates, toRankingVacancy } from "./candidates.repository.ts";
import { applicant, type Fixture, freeUnit, lettingFixture, testActor } from "./offers/test-fixtures.ts";
import { rankCandidates } from "./ranking/index.ts";
import { effectiveSettings } from "./settings.ts";

let app: TestApp;
let f: Fixture;
const ids: string[] = [];
const history = {
  familyUnitsSinceMunicipal: 0,
  lastListLetting: null,
  externalSinceInternal: 0,
  listLet: 0,
  flexibleLet: 0,
};

beforeAll(async () => {
  app = await buildTestApp();
  f = await lettingFixture(app, {});
  for (let i = 0; i < 40; i++) {
    const seniority = `20${String(10 + Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-01`;
    const unpaid = i % 5 === 1 ? "2020-01-01" : null;
    ids.push(
      (
        await applicant(app, f, {
          seniority,
          feePaidUntil: unpaid,
          list: i % 3 === 0 ? "internal" : "external",
        })
      ).applicationId,
    );
  }
  // The last in the queue is being rehoused (staff record it): rehousing comes first wherever they stand.
  await updateApplicationFacts(app.ctx, testActor, ids[39]!, { isRehousing: true });
});
afterAll(async () => {
  await app.close();
});

describe("candidates for a vacancy", () => {
  it("reads a few pages by rank, and the top N equals the ranking over the whole queue", async () => {
    const settings = effectiveSettings({ municipalAssignmentEvery: 0, childrenPriorityMinRooms: 0 }, {});
    const unit = await app.ctx.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", await freeUnit(app, f))
      .executeTakeFirstOrThrow();
    const vacancy = toRankingVacancy("v1", unit, unit.rent_ore);
    const today = "2026-11-27";
    const some = await loadCandidates(app.ctx.db, {
      dialect: app.ctx.database.dialect,
      organisationId: f.organisationId,
      vacancy,
      settings,
      history,
      today,
      wanted: 4,
      skip: new Set(),
      pageSize: 3,
    });
    const all = await loadCandidates(app.ctx.db, {
      dialect: app.ctx.database.dialect,
      organisationId: f.organisationId,
      vacancy,
      settings,
      history,
      today,
      wanted: 1000,
      skip: new Set(),
    });
    expect(all).toHaveLength(40);
    expect(some.length).toBeLessThan(20);
    const top = (c: typeof all) =>
      rankCandidates(vacancy, c, settings, history, today)
        .ranked.slice(0, 4)
        .map((r) => r.applicationId);
    expect(top(some)).toEqual(top(all));
    expect(top(some)[0]).toBe(ids[39]);
    const ranking = rankCandidates(vacancy, some, settings, history, today);
    // Everyone read is explained: ranked with a reason or excluded with one.
    expect(ranking.ranked.length + ranking.excluded.length).toBe(some.length);
    expect(ranking.excluded.every((e) => e.reason === "fee_unpaid")).toBe(true);
  });

  it("skips applicants already offered the vacancy", async () => {
    const settings = effectiveSettings({ municipalAssignmentEvery: 0 }, {});
    const unit = await app.ctx.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", await freeUnit(app, f))
      .executeTakeFirstOrThrow();
    const vacancy = toRankingVacancy("v2", unit, unit.rent_ore);
    const got = await loadCandidates(app.ctx.db, {
      dialect: app.ctx.database.dialect,
      organisationId: f.organisationId,
      vacancy,
      settings,
      history,
      today: "2026-11-27",
      wanted: 2,
      skip: new Set([ids[0]!]),
    });
    expect(got.map((c) => c.applicationId)).not.toContain(ids[0]);
  });

  it("reads the application's facts from its queue rows, which follow every update of the application", async () => {
    const id = ids[7]!;
    const settings = effectiveSettings({ municipalAssignmentEvery: 0 }, {});
    const unit = await app.ctx.db
      .selectFrom("units")
      .selectAll()
      .where("id", "=", await freeUnit(app, f))
      .executeTakeFirstOrThrow();
    const vacancy = toRankingVacancy("v3", unit, unit.rent_ore);
    const candidate = async () =>
      (
        await loadCandidates(app.ctx.db, {
          dialect: app.ctx.database.dialect,
          organisationId: f.organisationId,
          vacancy,
          settings,
          history,
          today: "2026-11-27",
          wanted: 1000,
          skip: new Set(),
        })
      ).find((c) => c.applicationId === id)!;
    // Any code path that updates the application: the queue row's copy follows (a trigger).
    await app.ctx.db
      .updateTable("applications")
      .set({
        rooms_min: 2,
        rooms_max: 4,
        max_rent_ore: 900_000,
        kinds_json: ["family"],
        features_json: ["elevator"],
        household_size: 5,
        fee_paid_until: "2030-01-01",
        quarantine_until: "2027-03-01",
        is_owing_money: true,
        has_payment_plan: true,
        is_education_documented: true,
        has_municipal_referral: true,
      })
      .where("id", "=", id)
      .execute();
    await updateApplicationFacts(app.ctx, testActor, id, {
      hasChildren: true,
      flexibleCriteria: ["work"],
      isOnBenefitsRefusable: true,
    });
    const c = await candidate();
    expect(c.criteria).toMatchObject({
      roomsMin: 2,
      roomsMax: 4,
      maxRentOre: 900_000,
      kinds: ["family"],
      requiredFeatures: ["elevator"],
    });
    expect(c).toMatchObject({
      householdSize: 5,
      feePaid: true,
      quarantineUntil: "2027-03-01",
      owesMoney: true,
      hasPaymentPlan: true,
      educationDocumented: true,
      municipalReferral: true,
      hasChildren: true,
      flexibleCriteria: ["work"],
      onBenefitsRefusable: true,
    });
    const row = await app.ctx.db
      .selectFrom("application_departments")
      .select(["is_flexible", "has_children"])
      .where("application_id", "=", id)
      .executeTakeFirstOrThrow();
    // The pools' flags follow too, so the partial indexes find the applicant.
    expect(row).toEqual({ is_flexible: true, has_children: true });
    await updateApplicationFacts(app.ctx, testActor, id, { flexibleCriteria: [] });
    expect((await candidate()).flexibleCriteria).toEqual([]);

    // The yes/no facts come folded into one number: each reads as itself, alone.
    const yesNo = {
      is_rehousing: "rehousing",
      has_children: "hasChildren",
      is_owing_money: "owesMoney",
      has_payment_plan: "hasPaymentPlan",
      is_education_documented: "educationDocumented",
      has_municipal_referral: "municipalReferral",
      is_on_benefits_refusable: "onBenefitsRefusable",
    } as const;
    const none = Object.fromEntries(Object.keys(yesNo).map((column) => [column, false]));
    for (const [column, fact] of Object.entries(yesNo)) {
      await app.ctx.db
        .updateTable("applications")
        .set({ ...none, [column]: true })
        .where("id", "=", id)
        .execute();
      const read = await candidate();
      const facts = Object.fromEntries(Object.values(yesNo).map((f) => [f, read[f]]));
      expect(facts, column).toEqual(Object.fromEntries(Object.values(yesNo).map((f) => [f, f === fact])));
    }
  });
});
