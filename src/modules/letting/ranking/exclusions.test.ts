import { describe, expect, it } from "vitest";
import {
  buildCandidate,
  type CandidateOverrides,
  rank,
  rankedIds,
  type Scenario,
  TODAY,
} from "./test-support.ts";
import { type ExclusionCode, exclusionCodes, type Params } from "./types.ts";

describe("exclusions", () => {
  const cases: {
    reason: ExclusionCode;
    c: CandidateOverrides;
    s?: Scenario;
    detail?: Params;
    allowed: CandidateOverrides;
    allowedS?: Scenario;
  }[] = [
    { reason: "passive", c: { status: "passive" }, allowed: { status: "active" } },
    {
      reason: "quarantine",
      c: { quarantineUntil: "2026-11-28" },
      detail: { until: "2026-11-28" },
      allowed: { quarantineUntil: TODAY },
    },
    { reason: "fee_unpaid", c: { feePaid: false }, allowed: { feePaid: true } },
    {
      reason: "criteria_department",
      c: { criteria: { departmentIds: ["dept-2"] } },
      detail: { departmentId: "dept-1" },
      allowed: { criteria: { departmentIds: ["dept-2", "dept-1"] } },
    },
    {
      reason: "criteria_kind",
      c: { criteria: { kinds: ["youth"] } },
      detail: { unitKind: "family" },
      allowed: { criteria: { kinds: ["family"] } },
    },
    {
      reason: "criteria_rooms",
      c: { criteria: { roomsMin: 4 } },
      detail: { rooms: 3, roomsMin: 4 },
      allowed: { criteria: { roomsMin: 3, roomsMax: 3 } },
    },
    {
      reason: "criteria_rooms",
      c: { criteria: { roomsMin: 1, roomsMax: 2 } },
      detail: { rooms: 3, roomsMin: 1, roomsMax: 2 },
      allowed: { criteria: { roomsMax: 3 } },
    },
    {
      reason: "criteria_rent",
      c: { criteria: { maxRentOre: 749_999 } },
      detail: { rentOre: 750_000, maxRentOre: 749_999 },
      allowed: { criteria: { maxRentOre: 750_000 } },
    },
    {
      reason: "criteria_features",
      c: { criteria: { requiredFeatures: ["petsAllowed", "elevator", "stepFree"] } },
      detail: { missing: "stepFree,petsAllowed" },
      allowed: { criteria: { requiredFeatures: ["elevator", "balconyOrGarden"] } },
    },
    { reason: "owes_money", c: { owesMoney: true }, allowed: { owesMoney: true, hasPaymentPlan: true } },
    {
      reason: "overcrowded",
      c: { householdSize: 7 },
      detail: { householdSize: 7, rooms: 3, maxPersonsPerRoom: 2 },
      allowed: { householdSize: 6 },
    },
    {
      reason: "overcrowded",
      c: { householdSize: 4 },
      s: { settings: { maxPersonsPerRoom: 1 } },
      detail: { householdSize: 4, rooms: 3, maxPersonsPerRoom: 1 },
      allowed: { householdSize: 3 },
      allowedS: { settings: { maxPersonsPerRoom: 1 } },
    },
    {
      reason: "youth_without_education",
      c: {},
      s: { vacancy: { unitKind: "youth" } },
      allowed: { educationDocumented: true },
      allowedS: { vacancy: { unitKind: "youth" } },
    },
    {
      reason: "senior_without_referral",
      c: {},
      s: { vacancy: { unitKind: "senior" } },
      allowed: { municipalReferral: true },
      allowedS: { vacancy: { unitKind: "senior" } },
    },
    {
      reason: "combined_letting",
      c: { onBenefitsRefusable: true },
      s: { settings: { combinedLetting: true } },
      allowed: { onBenefitsRefusable: true },
    },
  ];

  it.each(cases)("$reason: excluded with its detail, and allowed just inside the rule", (t) => {
    const result = rank([buildCandidate("a", t.c)], t.s);
    expect(result.ranked).toEqual([]);
    expect(result.excluded).toEqual([
      { applicationId: "a", reason: t.reason, ...(t.detail && { detail: t.detail }) },
    ]);
    expect(result.steps).toContainEqual({ code: "excluded", params: { reason: t.reason, count: 1 } });
    expect(rankedIds(rank([buildCandidate("a", t.allowed)], t.allowedS))).toEqual(["a"]);
  });

  it("has a case for every exclusion code", () => {
    expect(new Set(cases.map((c) => c.reason))).toEqual(new Set(exclusionCodes));
  });

  it("gives the first reason in the documented order, one at a time", () => {
    // Fails every rule at once; then each fix uncovers the next reason in `exclusionCodes`.
    const s: Scenario = { vacancy: { unitKind: "youth" }, settings: { combinedLetting: true } };
    const fixes: CandidateOverrides[] = [
      { status: "passive" },
      { quarantineUntil: "2027-01-01" },
      { feePaid: false },
      { criteria: { departmentIds: ["dept-9"] } },
      { criteria: { kinds: ["family"] } },
      { criteria: { roomsMin: 5 } },
      { criteria: { maxRentOre: 1 } },
      { criteria: { requiredFeatures: ["stepFree"] } },
      { owesMoney: true },
      { householdSize: 9 },
      { educationDocumented: false },
      { onBenefitsRefusable: true },
    ];
    const seen: string[] = [];
    for (let fixed = 0; fixed <= fixes.length; fixed++) {
      const overrides: CandidateOverrides = { educationDocumented: true, criteria: {} };
      for (const f of fixes.slice(fixed))
        Object.assign(overrides, { ...f, criteria: { ...overrides.criteria, ...f.criteria } });
      const result = rank([buildCandidate("a", overrides)], s);
      seen.push(result.excluded[0]?.reason ?? "ranked");
    }
    const youthOrder = exclusionCodes.filter((c) => c !== "senior_without_referral");
    expect(seen).toEqual([...youthOrder, "ranked"]);
  });

  it("counts exclusions per reason in the steps, in the documented order", () => {
    const result = rank([
      buildCandidate("a", { feePaid: false }),
      buildCandidate("b", { status: "passive" }),
      buildCandidate("c", { feePaid: false }),
      buildCandidate("d"),
    ]);
    expect(result.steps.slice(1, 4)).toEqual([
      { code: "candidates", params: { total: 4, eligible: 1, excluded: 3 } },
      { code: "excluded", params: { reason: "passive", count: 1 } },
      { code: "excluded", params: { reason: "fee_unpaid", count: 2 } },
    ]);
  });
});
