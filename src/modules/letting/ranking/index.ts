/** The ranking engine's public door: who is offered a vacant unit, in which order, and why. */
export { exclusionFor } from "./exclusions.ts";
export { DuplicateApplicationError, decide, groupOf, groupOrder, type Plan, rankCandidates } from "./rank.ts";
export {
  type Candidate,
  type ExcludedCandidate,
  type ExclusionCode,
  type Explanation,
  type ExplanationStep,
  exclusionCodes,
  type FlexibleCriterion,
  type LettingHistory,
  type Params,
  type RankedCandidate,
  type RankingGroup,
  type RankingResult,
  type ReasonCode,
  rankingCodes,
  rankingGroups,
  reasonCodes,
  type StepCode,
  stepCodes,
  type UnitFeature,
  type UnitKind,
  unitFeatures,
  unitKinds,
  type Vacancy,
  type WaitingList,
} from "./types.ts";
