import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultLettingSettings, type LettingSettings } from "../settings.ts";
import { rankCandidates } from "./rank.ts";
import { buildVacancy, TODAY } from "./test-support.ts";
import {
  type Candidate,
  exclusionCodes,
  type LettingHistory,
  type RankingGroup,
  type RankingResult,
  unitKinds,
  type Vacancy,
} from "./types.ts";

const runs = { numRuns: 300 };

/** Mostly the eligible value, so that rankings are not all exclusions. */
const mostly = <T>(usual: T, rare: T) => fc.constantFrom(usual, usual, usual, usual, rare);
const nullOr = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 2 });
const flexibleCriteria = ["work", "education", "divorce", "care", "other"] as const;
const features = ["stepFree", "elevator", "balconyOrGarden", "petsAllowed"] as const;
// Few distinct dates, so that ties on seniority are common and the id must break them.
const date = fc.constantFrom(
  "2010-05-01",
  "2015-01-01",
  "2019-09-30",
  "2024-02-29",
  "2026-11-27",
  "2027-01-01",
);

const candidateFields = fc.record({
  list: fc.constantFrom<Candidate["list"]>("internal", "external"),
  seniorityDate: date,
  status: mostly<Candidate["status"]>("active", "passive"),
  feePaid: mostly(true, false),
  quarantineUntil: fc.option(date, { nil: null, freq: 1 }),
  criteria: fc.record({
    departmentIds: fc.subarray(["dept-1", "dept-2"]),
    roomsMin: nullOr(fc.integer({ min: 1, max: 4 })),
    roomsMax: nullOr(fc.integer({ min: 2, max: 6 })),
    maxRentOre: nullOr(fc.integer({ min: 500_000, max: 1_200_000 })),
    kinds: fc.subarray([...unitKinds]),
    requiredFeatures: fc.subarray([...features], { maxLength: 1 }),
  }),
  householdSize: fc.integer({ min: 1, max: 8 }),
  hasChildren: fc.boolean(),
  rehousing: mostly(false, true),
  flexibleCriteria: fc.subarray([...flexibleCriteria]),
  owesMoney: mostly(false, true),
  hasPaymentPlan: fc.boolean(),
  educationDocumented: mostly(true, false),
  municipalReferral: mostly(true, false),
  onBenefitsRefusable: mostly(false, true),
});

const candidates: fc.Arbitrary<Candidate[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-zA-Z0-9]{1,4}$/), { maxLength: 30 })
  .chain((ids) =>
    fc
      .array(candidateFields, { minLength: ids.length, maxLength: ids.length })
      .map((fields) => fields.map((f, k) => ({ applicationId: ids[k], ...f }))),
  );

const vacancy: fc.Arbitrary<Vacancy> = fc.record({
  id: fc.constant("vacancy-1"),
  departmentId: fc.constantFrom("dept-1", "dept-2"),
  unitKind: fc.constantFrom(...unitKinds),
  rooms: fc.integer({ min: 1, max: 6 }),
  rentOre: fc.integer({ min: 400_000, max: 1_300_000 }),
  areaM2: fc.integer({ min: 20, max: 150 }),
  features: fc.record({
    stepFree: fc.boolean(),
    elevator: fc.boolean(),
    balconyOrGarden: fc.boolean(),
    petsAllowed: fc.boolean(),
  }),
});

const settings: fc.Arbitrary<LettingSettings> = fc
  .record({
    municipalAssignmentEvery: fc.integer({ min: 0, max: 10 }),
    municipalAssignmentExempt: fc.boolean(),
    rehousingPriority: fc.boolean(),
    flexibleSharePercent: fc.integer({ min: 0, max: 100 }),
    flexibleCriteria: fc.subarray([...flexibleCriteria]),
    childrenPriorityMinRooms: fc.integer({ min: 0, max: 5 }),
    internalEvery: fc.integer({ min: 0, max: 10 }),
    combinedLetting: fc.boolean(),
    maxPersonsPerRoom: fc.integer({ min: 1, max: 5 }),
  })
  .map((s) => ({ ...defaultLettingSettings, ...s }));

const history: fc.Arbitrary<LettingHistory> = fc
  .record({
    familyUnitsSinceMunicipal: fc.integer({ min: 0, max: 30 }),
    lastListLetting: fc.constantFrom<LettingHistory["lastListLetting"]>("internal", "external", null),
    externalSinceInternal: fc.integer({ min: 0, max: 12 }),
    listLet: fc.integer({ min: 0, max: 40 }),
    flexibleLet: fc.integer({ min: 0, max: 40 }),
  })
  .map((h) => ({ ...h, flexibleLet: Math.min(h.flexibleLet, h.listLet) }));

const input = fc.record({ vacancy, candidates, settings, history });
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;
const run = (i: Input): RankingResult =>
  rankCandidates(i.vacancy, i.candidates, i.settings, i.history, TODAY);

describe("rankCandidates, for any input", () => {
  it("never ranks an earlier sign-up below a later one in the same group and list", () => {
    fc.assert(
      fc.property(input, (i) => {
        const byId = new Map(i.candidates.map((c) => [c.applicationId, c]));
        const ranked = run(i).ranked.map((r) => ({ ...r, c: byId.get(r.applicationId)! }));
        for (let k = 1; k < ranked.length; k++) {
          const [a, b] = [ranked[k - 1], ranked[k]];
          if (a.group !== b.group || a.c.list !== b.c.list) continue;
          expect(a.c.seniorityDate <= b.c.seniorityDate).toBe(true);
          if (a.c.seniorityDate === b.c.seniorityDate) expect(a.applicationId < b.applicationId).toBe(true);
        }
      }),
      runs,
    );
  });

  it("keeps the groups in order: rehousing, flexible, children, the list on turn, the other list", () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = run(i);
        const first = result.steps.find((s) => s.code.startsWith("list_alternation"))?.params.first;
        const order: RankingGroup[] = [
          "rehousing",
          "flexible",
          "children",
          ...(first === "internal"
            ? (["internal", "external"] as const)
            : (["external", "internal"] as const)),
        ];
        const ranks = result.ranked.map((r) => order.indexOf(r.group));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }),
      runs,
    );
  });

  it("ranks or excludes every candidate exactly once, with a reason when excluded", () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = run(i);
        if (result.mode === "municipal_assignment") return;
        const ranked = result.ranked.map((r) => r.applicationId);
        const excluded = result.excluded.map((e) => e.applicationId);
        expect([...ranked, ...excluded].sort()).toEqual(i.candidates.map((c) => c.applicationId).sort());
        expect(result.ranked.map((r) => r.position)).toEqual(ranked.map((_, k) => k + 1));
        for (const e of result.excluded) {
          expect(exclusionCodes).toContain(e.reason);
          expect(ranked).not.toContain(e.applicationId);
        }
      }),
      runs,
    );
  });

  it("gives the same result for the same input, in any order", () => {
    const shuffled = input.chain((i) =>
      fc.tuple(fc.constant(i), fc.shuffledSubarray(i.candidates, { minLength: i.candidates.length })),
    );
    fc.assert(
      fc.property(shuffled, ([i, permuted]) => {
        const once = run(i);
        expect(run(i)).toEqual(once);
        expect(run({ ...i, candidates: permuted })).toEqual(once);
      }),
      runs,
    );
  });
});

describe("municipal assignment over a sequence of vacancies", () => {
  it("takes every 4th family unit with the default settings, unless the department is exempt", () => {
    const kinds = fc.array(fc.constantFrom(...unitKinds), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(kinds, fc.boolean(), (sequence, exempt) => {
        const s = { ...defaultLettingSettings, municipalAssignmentExempt: exempt };
        let sinceMunicipal = 0;
        let familyUnits = 0;
        for (const unitKind of sequence) {
          const h = {
            familyUnitsSinceMunicipal: sinceMunicipal,
            lastListLetting: null,
            externalSinceInternal: 0,
            listLet: 0,
            flexibleLet: 0,
          };
          const { mode } = rankCandidates(buildVacancy({ unitKind }), [], s, h, TODAY);
          if (unitKind !== "family") {
            expect(mode).toBe("lists");
            continue;
          }
          familyUnits++;
          expect(mode).toBe(!exempt && familyUnits % 4 === 0 ? "municipal_assignment" : "lists");
          // The caller's count: family units let since the municipality last assigned one.
          sinceMunicipal = mode === "municipal_assignment" ? 0 : sinceMunicipal + 1;
        }
      }),
      runs,
    );
  });
});
