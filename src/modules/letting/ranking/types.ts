import type { LettingSettings } from "../settings.ts";

/** The ranking's inputs and outputs. Results carry codes, never text: the UI translates them. */

export const unitKinds = ["family", "youth", "senior"] as const;
export type UnitKind = (typeof unitKinds)[number];

export const unitFeatures = ["stepFree", "elevator", "balconyOrGarden", "petsAllowed"] as const;
export type UnitFeature = (typeof unitFeatures)[number];

export type WaitingList = "internal" | "external";
export type FlexibleCriterion = LettingSettings["flexibleCriteria"][number];

export interface Vacancy {
  id: string;
  departmentId: string;
  unitKind: UnitKind;
  rooms: number;
  rentOre: number;
  areaM2: number;
  features: Record<UnitFeature, boolean>;
}

/** One application on one list, as it stands on the day of ranking. */
export interface Candidate {
  applicationId: string;
  list: WaitingList;
  /** Sign-up date, YYYY-MM-DD: the earlier, the higher. */
  seniorityDate: string;
  status: "active" | "passive";
  feePaid: boolean;
  /** YYYY-MM-DD: no offers until after this day. */
  quarantineUntil: string | null;
  /** What the applicant asked for. Empty lists and null limits do not narrow. */
  criteria: {
    departmentIds: string[];
    roomsMin: number | null;
    roomsMax: number | null;
    maxRentOre: number | null;
    kinds: UnitKind[];
    requiredFeatures: UnitFeature[];
  };
  householdSize: number;
  hasChildren: boolean;
  rehousing: boolean;
  flexibleCriteria: FlexibleCriterion[];
  owesMoney: boolean;
  hasPaymentPlan: boolean;
  educationDocumented: boolean;
  municipalReferral: boolean;
  onBenefitsRefusable: boolean;
}

/** What has been let before, in this department (the caller counts; the ranking only reads). */
export interface LettingHistory {
  /** Vacant family units let since the last municipal assignment. */
  familyUnitsSinceMunicipal: number;
  /** Which list the previous unit let from the lists went to (null: none on record). */
  lastListLetting: WaitingList | null;
  /**
   * Units let from the lists to the external list since the last one to the internal list.
   * Needed only when `internalEvery` > 2 (with 2, `lastListLetting` says it all).
   */
  externalSinceInternal: number;
  /** Lettings from the lists in the period, and how many of them were flexible. */
  listLet: number;
  flexibleLet: number;
}

/** Exclusions, checked in this order; an excluded candidate carries the first that applies. */
export const exclusionCodes = [
  "passive",
  "quarantine",
  "fee_unpaid",
  "criteria_department",
  "criteria_kind",
  "criteria_rooms",
  "criteria_rent",
  "criteria_features",
  "owes_money",
  "overcrowded",
  "youth_without_education",
  "senior_without_referral",
  "combined_letting",
] as const;
export type ExclusionCode = (typeof exclusionCodes)[number];

/** Priority groups, highest first (the two lists' order depends on whose turn it is). */
export const rankingGroups = ["rehousing", "flexible", "children", "internal", "external"] as const;
export type RankingGroup = (typeof rankingGroups)[number];

/** The trail of rules for the whole ranking, in the order they were applied. */
export const stepCodes = [
  "municipal_not_family",
  "municipal_off",
  "municipal_exempt",
  "municipal_turn",
  "municipal_not_turn",
  "candidates",
  "excluded",
  "rehousing_priority",
  "rehousing_off",
  "flexible_off",
  "flexible_share",
  "flexible_share_reached",
  "children_off",
  "children_priority",
  "children_too_few_rooms",
  "list_alternation",
  "list_alternation_off",
  "group_size",
  "seniority_within_groups",
] as const;
export type StepCode = (typeof stepCodes)[number];

/** Each ranked applicant's own line: why they stand in their group. */
export const reasonCodes = [
  "group_rehousing",
  "group_flexible",
  "group_children",
  "group_list_turn",
  "group_list_other",
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** Every code a ranking result may contain, so the UI can check each has a translation. */
export const rankingCodes = [...stepCodes, ...reasonCodes, ...exclusionCodes] as const;

export type Params = Record<string, string | number>;

export interface Explanation {
  code: ReasonCode;
  params: Params;
}

export interface ExplanationStep {
  code: StepCode;
  params: Params;
}

export interface RankedCandidate {
  applicationId: string;
  /** 1-based. */
  position: number;
  group: RankingGroup;
  reason: Explanation;
}

export interface ExcludedCandidate {
  applicationId: string;
  reason: ExclusionCode;
  detail?: Params;
}

export interface RankingResult {
  mode: "municipal_assignment" | "lists";
  ranked: RankedCandidate[];
  excluded: ExcludedCandidate[];
  steps: ExplanationStep[];
  /** The values in force, recorded with the decision. */
  settings: LettingSettings;
  today: string;
}
