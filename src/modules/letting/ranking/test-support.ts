import { defaultLettingSettings, type LettingSettings } from "../settings.ts";
import { rankCandidates } from "./rank.ts";
import type { Candidate, LettingHistory, RankingResult, Vacancy } from "./types.ts";

/** Factories for the ranking tests: a plain eligible case, changed only where a test says so. */

export const TODAY = "2026-11-27";

export function buildVacancy(overrides: Partial<Vacancy> = {}): Vacancy {
  return {
    id: "vacancy-1",
    departmentId: "dept-1",
    unitKind: "family",
    rooms: 3,
    rentOre: 750_000,
    areaM2: 82,
    features: { stepFree: false, elevator: true, balconyOrGarden: true, petsAllowed: false },
    ...overrides,
  };
}

export type CandidateOverrides = Partial<Omit<Candidate, "criteria">> & {
  criteria?: Partial<Candidate["criteria"]>;
};

export function buildCandidate(applicationId: string, overrides: CandidateOverrides = {}): Candidate {
  const { criteria, ...rest } = overrides;
  return {
    applicationId,
    list: "external",
    seniorityDate: "2020-01-01",
    status: "active",
    feePaid: true,
    quarantineUntil: null,
    householdSize: 2,
    hasChildren: false,
    rehousing: false,
    flexibleCriteria: [],
    owesMoney: false,
    hasPaymentPlan: false,
    educationDocumented: false,
    municipalReferral: false,
    onBenefitsRefusable: false,
    ...rest,
    criteria: {
      departmentIds: [],
      roomsMin: null,
      roomsMax: null,
      maxRentOre: null,
      kinds: [],
      requiredFeatures: [],
      ...criteria,
    },
  };
}

export function buildHistory(overrides: Partial<LettingHistory> = {}): LettingHistory {
  return {
    familyUnitsSinceMunicipal: 0,
    lastListLetting: null,
    externalSinceInternal: 0,
    listLet: 0,
    flexibleLet: 0,
    ...overrides,
  };
}

export const settingsWith = (overrides: Partial<LettingSettings> = {}): LettingSettings => ({
  ...defaultLettingSettings,
  ...overrides,
});

export interface Scenario {
  vacancy?: Partial<Vacancy>;
  settings?: Partial<LettingSettings>;
  history?: Partial<LettingHistory>;
}

/** Rank with defaults everywhere the scenario says nothing. */
export function rank(candidates: Candidate[], s: Scenario = {}): RankingResult {
  return rankCandidates(
    buildVacancy(s.vacancy),
    candidates,
    settingsWith(s.settings),
    buildHistory(s.history),
    TODAY,
  );
}

export const rankedIds = (result: RankingResult): string[] => result.ranked.map((r) => r.applicationId);
