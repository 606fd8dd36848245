import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";
import { loadCandidates, toRankingVacancy } from "./candidates.repository.ts";
import { applicant, type Fixture, freeUnit, lettingFixture } from "./offers/test-fixtures.ts";
import { type LettingHistory, rankCandidates, type Vacancy } from "./ranking/index.ts";
import { effectiveSettings } from "./settings.ts";

// The offer round reads only the top of the queues, group by group: whatever the rules, the
// history, the vacancy and the page size, its top N must be the top N of ranking everyone.

let app: TestApp;
let f: Fixture;
let vacancy: Vacancy;
const today = "2026-11-27";

beforeAll(async () => {
  app = await buildTestApp();
  f = await lettingFixture(app, {});
  const unit = await app.ctx.db
    .selectFrom("units")
    .selectAll()
    .where("id", "=", await freeUnit(app, f))
    .executeTakeFirstOrThrow();
  vacancy = toRankingVacancy("v", unit, unit.rent_ore);
  // 60 applicants with facts spread by a fixed pattern: both lists, ties on seniority, every pool,
  // unpaid fees, wishes the unit does not meet and households too big for small units.
  for (let i = 0; i < 60; i++) {
    const { applicationId } = await applicant(app, f, {
      seniority: `20${10 + (i % 7)}-0${1 + (i % 3)}-01`,
      list: i % 4 === 0 ? "internal" : "external",
      feePaidUntil: i % 11 === 5 ? "2020-01-01" : null,
    });
    await app.ctx.db
      .updateTable("applications")
      .set({
        has_children: i % 3 === 1,
        is_rehousing: i % 13 === 7,
        flexible_json: i % 5 === 2 ? ["work"] : i % 9 === 4 ? ["care"] : [],
        rooms_min: i % 8 === 3 ? vacancy.rooms + 1 : null,
        household_size: 1 + (i % 6),
      })
      .where("id", "=", applicationId)
      .execute();
  }
});
afterAll(async () => {
  await app.close();
});

const settingsArb = fc.record({
  rehousingPriority: fc.boolean(),
  flexibleSharePercent: fc.constantFrom(0, 30, 50),
  flexibleCriteria: fc.subarray(["work", "education", "care"] as const, { minLength: 1 }),
  childrenPriorityMinRooms: fc.integer({ min: 0, max: 5 }),
  internalEvery: fc.integer({ min: 0, max: 3 }),
  municipalAssignmentEvery: fc.constantFrom(0, 4),
  maxPersonsPerRoom: fc.integer({ min: 1, max: 3 }),
});
const historyArb: fc.Arbitrary<LettingHistory> = fc.record({
  familyUnitsSinceMunicipal: fc.integer({ min: 0, max: 7 }),
  lastListLetting: fc.constantFrom(null, "internal" as const, "external" as const),
  externalSinceInternal: fc.integer({ min: 0, max: 3 }),
  listLet: fc.integer({ min: 0, max: 10 }),
  flexibleLet: fc.integer({ min: 0, max: 10 }),
});

describe("candidates read for an offer round", () => {
  it("give the same top N as ranking the whole queue", async () => {
    await fc.assert(
      fc.asyncProperty(
        settingsArb,
        historyArb,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        // Either way of reading: every pool's first page in one query (PostgreSQL's), or each pool
        // as the scan reaches it (SQLite's); both run on either database.
        fc.constantFrom("sqlite" as const, "postgres" as const),
        async (values, history, rooms, wanted, pageSize, strategy) => {
          const settings = effectiveSettings(values, {});
          const v = { ...vacancy, rooms };
          const query = {
            dialect: strategy,
            organisationId: f.organisationId,
            vacancy: v,
            settings,
            history,
            today,
          };
          const some = await loadCandidates(app.ctx.db, { ...query, wanted, skip: new Set(), pageSize });
          const all = await loadCandidates(app.ctx.db, { ...query, wanted: 1000, skip: new Set() });
          const top = (candidates: typeof all) => {
            const r = rankCandidates(v, candidates, settings, history, today);
            return { mode: r.mode, ids: r.ranked.slice(0, wanted).map((c) => c.applicationId) };
          };
          const whole = top(all);
          expect(top(some)).toEqual(whole);
          if (whole.mode === "lists") expect(all.length).toBe(60);
          else expect(some).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });
});
