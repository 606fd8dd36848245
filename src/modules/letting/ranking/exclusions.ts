import type { LettingSettings } from "../settings.ts";
import {
  type Candidate,
  type ExcludedCandidate,
  type ExclusionCode,
  exclusionCodes,
  type Params,
  unitFeatures,
  type Vacancy,
} from "./types.ts";

interface CheckContext {
  vacancy: Vacancy;
  settings: LettingSettings;
  today: string;
}

/**
 * A failed check returns its detail (`noDetail` when there is nothing to add); a passed check null.
 * A passed check allocates nothing: every candidate read for an offer round goes through them all.
 */
type Check = (candidate: Candidate, ctx: CheckContext) => Params | null;

const noDetail: Params = Object.freeze({});

/** An empty list of wishes does not narrow: the applicant takes any. */
const allowsAny = <T>(wanted: readonly T[], actual: T): boolean =>
  wanted.length === 0 || wanted.includes(actual);

function roomsOutside(candidate: Candidate, rooms: number): Params | null {
  const { roomsMin, roomsMax } = candidate.criteria;
  const tooFew = roomsMin !== null && rooms < roomsMin;
  const tooMany = roomsMax !== null && rooms > roomsMax;
  if (!tooFew && !tooMany) return null;
  return { rooms, ...(roomsMin !== null && { roomsMin }), ...(roomsMax !== null && { roomsMax }) };
}

function missingFeatures(candidate: Candidate, vacancy: Vacancy): Params | null {
  const { requiredFeatures } = candidate.criteria;
  let missing = "";
  for (const f of unitFeatures)
    if (!vacancy.features[f] && requiredFeatures.includes(f)) missing = missing ? `${missing},${f}` : f;
  return missing ? { missing } : null;
}

/**
 * One check per code. The order of `exclusionCodes` is the order of checking: the applicant's own
 * state first (passive, quarantine, fee), then their wishes, then the organisation's grounds for
 * refusal ("owes the organisation money (without payment plan) or would be more than 2 persons
 * per room", education for youth units, municipal referral for senior units, kombineret udlejning).
 */
const checks: Record<ExclusionCode, Check> = {
  passive: (c) => (c.status === "passive" ? noDetail : null),
  // Quarantine runs to and including `quarantineUntil`; dates are YYYY-MM-DD, so strings compare.
  quarantine: (c, { today }) =>
    c.quarantineUntil !== null && c.quarantineUntil > today ? { until: c.quarantineUntil } : null,
  fee_unpaid: (c) => (c.feePaid ? null : noDetail),
  criteria_department: (c, { vacancy }) =>
    allowsAny(c.criteria.departmentIds, vacancy.departmentId) ? null : { departmentId: vacancy.departmentId },
  criteria_kind: (c, { vacancy }) =>
    allowsAny(c.criteria.kinds, vacancy.unitKind) ? null : { unitKind: vacancy.unitKind },
  criteria_rooms: (c, { vacancy }) => roomsOutside(c, vacancy.rooms),
  criteria_rent: (c, { vacancy }) =>
    c.criteria.maxRentOre !== null && vacancy.rentOre > c.criteria.maxRentOre
      ? { rentOre: vacancy.rentOre, maxRentOre: c.criteria.maxRentOre }
      : null,
  criteria_features: (c, { vacancy }) => missingFeatures(c, vacancy),
  owes_money: (c) => (c.owesMoney && !c.hasPaymentPlan ? noDetail : null),
  overcrowded: (c, { vacancy, settings }) =>
    c.householdSize > vacancy.rooms * settings.maxPersonsPerRoom
      ? {
          householdSize: c.householdSize,
          rooms: vacancy.rooms,
          maxPersonsPerRoom: settings.maxPersonsPerRoom,
        }
      : null,
  youth_without_education: (c, { vacancy }) =>
    vacancy.unitKind === "youth" && !c.educationDocumented ? noDetail : null,
  senior_without_referral: (c, { vacancy }) =>
    vacancy.unitKind === "senior" && !c.municipalReferral ? noDetail : null,
  combined_letting: (c, { settings }) =>
    settings.combinedLetting && c.onBenefitsRefusable ? noDetail : null,
};

/** The first exclusion that applies to this candidate, or null when they may be offered the unit. */
export function exclusionFor(
  candidate: Candidate,
  vacancy: Vacancy,
  settings: LettingSettings,
  today: string,
): ExcludedCandidate | null {
  const ctx = { vacancy, settings, today };
  for (const reason of exclusionCodes) {
    const detail = checks[reason](candidate, ctx);
    if (detail === null) continue;
    const excluded: ExcludedCandidate = { applicationId: candidate.applicationId, reason };
    return detail === noDetail ? excluded : { ...excluded, detail };
  }
  return null;
}
