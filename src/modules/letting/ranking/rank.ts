import type { LettingSettings } from "../settings.ts";
import { exclusionFor } from "./exclusions.ts";
import { childrenFirst, flexibleOpen, listTurn, municipalTurn, rehousingFirst } from "./rules.ts";
import {
  type Candidate,
  type ExcludedCandidate,
  type ExclusionCode,
  type Explanation,
  type ExplanationStep,
  exclusionCodes,
  type FlexibleCriterion,
  type LettingHistory,
  type RankedCandidate,
  type RankingGroup,
  type RankingResult,
  type Vacancy,
  type WaitingList,
} from "./types.ts";

/** Two applications with one id would let the input order decide between them. */
export class DuplicateApplicationError extends Error {
  constructor(readonly applicationId: string) {
    super(`Application ${applicationId} appears more than once in the ranking input`);
    this.name = "DuplicateApplicationError";
  }
}

/** What the rules decided for this vacancy, applied to each candidate in turn. */
export interface Plan {
  rehousing: boolean;
  flexible: boolean;
  flexibleCriteria: readonly FlexibleCriterion[];
  children: boolean;
  firstList: WaitingList;
}

/**
 * The rules' decisions for a vacancy, each with its explanation step: whether it is the
 * municipality's turn and, if not, the order of the groups (the plan).
 */
export function decide(vacancy: Vacancy, settings: LettingSettings, history: LettingHistory) {
  const municipal = municipalTurn(vacancy, settings, history);
  const rules = {
    rehousing: rehousingFirst(settings),
    flexible: flexibleOpen(settings, history),
    children: childrenFirst(vacancy, settings),
    lists: listTurn(settings, history),
  };
  const plan: Plan = {
    rehousing: rules.rehousing.value,
    flexible: rules.flexible.value,
    flexibleCriteria: settings.flexibleCriteria,
    children: rules.children.value,
    firstList: rules.lists.value,
  };
  return { municipal, rules, plan };
}

/** The groups in the order the plan offers them: the priority groups, then the list with the turn. */
export function groupOrder(plan: Plan): RankingGroup[] {
  const other: WaitingList = plan.firstList === "internal" ? "external" : "internal";
  return [
    ...(plan.rehousing ? (["rehousing"] as const) : []),
    ...(plan.flexible ? (["flexible"] as const) : []),
    ...(plan.children ? (["children"] as const) : []),
    plan.firstList,
    other,
  ];
}

/**
 * The group an eligible candidate is ranked in: the first of the plan's groups they belong to
 * (rehousing, flexible, children, then their list). Builds nothing: offer rounds call it per row.
 */
export function groupOf(candidate: Candidate, plan: Plan): RankingGroup {
  if (plan.rehousing && candidate.rehousing) return "rehousing";
  if (plan.flexible && plan.flexibleCriteria.some((c) => candidate.flexibleCriteria.includes(c)))
    return "flexible";
  if (plan.children && candidate.hasChildren) return "children";
  return candidate.list;
}

interface Placed {
  candidate: Candidate;
  group: RankingGroup;
  /** The group's rank: 0 = first. */
  order: number;
  reason: Explanation;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** "Order by seniority within": the earlier sign-up first, then the application id, so ties never
 * depend on the input order (nor on the locale, hence no localeCompare). */
const bySeniority = (a: Candidate, b: Candidate): number =>
  compareText(a.seniorityDate, b.seniorityDate) || compareText(a.applicationId, b.applicationId);

/** The candidate's group with its order and the explanation of why they are in it. */
function place(candidate: Candidate, plan: Plan): Placed {
  const group = groupOf(candidate, plan);
  const params = { list: candidate.list, seniorityDate: candidate.seniorityDate };
  const at = (order: number, code: Explanation["code"], extra = {}): Placed => ({
    candidate,
    group,
    order,
    reason: { code, params: { ...params, ...extra } },
  });
  if (group === "rehousing") return at(0, "group_rehousing");
  if (group === "flexible") {
    const matched = plan.flexibleCriteria.filter((c) => candidate.flexibleCriteria.includes(c));
    return at(1, "group_flexible", { criteria: matched.join(",") });
  }
  if (group === "children") return at(2, "group_children");
  return group === plan.firstList ? at(3, "group_list_turn") : at(4, "group_list_other");
}

function assertUniqueIds(candidates: readonly Candidate[]): void {
  const seen = new Set<string>();
  for (const { applicationId } of candidates) {
    if (seen.has(applicationId)) throw new DuplicateApplicationError(applicationId);
    seen.add(applicationId);
  }
}

/** A copy, so the decision keeps the values in force even if the caller's object changes later. */
const snapshot = (settings: LettingSettings): LettingSettings => ({
  ...settings,
  flexibleCriteria: [...settings.flexibleCriteria],
});

function exclusionSteps(total: number, excluded: readonly ExcludedCandidate[]): ExplanationStep[] {
  const counts = new Map<ExclusionCode, number>();
  for (const { reason } of excluded) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const summary = { total, eligible: total - excluded.length, excluded: excluded.length };
  return [
    { code: "candidates", params: summary },
    ...exclusionCodes
      .filter((reason) => counts.has(reason))
      .map(
        (reason): ExplanationStep => ({ code: "excluded", params: { reason, count: counts.get(reason)! } }),
      ),
  ];
}

function groupSizeSteps(ranked: readonly RankedCandidate[]): ExplanationStep[] {
  const steps: ExplanationStep[] = [];
  for (const { group } of ranked) {
    const last = steps.at(-1);
    if (last?.params.group === group) last.params.count = Number(last.params.count) + 1;
    else steps.push({ code: "group_size", params: { group, count: 1 } });
  }
  return steps;
}

/**
 * The order in which applicants are offered a vacant unit (DOMAIN.md, "Order of rights"): the
 * municipality's turn first; otherwise every candidate is either excluded, with the first reason
 * that applies, or ranked by group and seniority. Pure and deterministic: `today` is given, and the
 * result does not depend on the order of `candidates`. O(n log n).
 */
export function rankCandidates(
  vacancy: Vacancy,
  candidates: Candidate[],
  settings: LettingSettings,
  history: LettingHistory,
  today: string,
): RankingResult {
  assertUniqueIds(candidates);
  const recorded = snapshot(settings);
  const { municipal, rules, plan } = decide(vacancy, settings, history);
  if (municipal.value) {
    // The municipality assigns this unit: staff record its referral instead of offering it.
    return {
      mode: "municipal_assignment",
      ranked: [],
      excluded: [],
      steps: [municipal.step],
      settings: recorded,
      today,
    };
  }

  const excluded: ExcludedCandidate[] = [];
  const eligible: Candidate[] = [];
  for (const candidate of [...candidates].sort(bySeniority)) {
    const exclusion = exclusionFor(candidate, vacancy, settings, today);
    if (exclusion) excluded.push(exclusion);
    else eligible.push(candidate);
  }

  // `eligible` is already in seniority order and the sort is stable, so the group alone decides.
  const placed = eligible.map((c) => place(c, plan)).sort((a, b) => a.order - b.order);
  const ranked = placed.map(
    (p, i): RankedCandidate => ({
      applicationId: p.candidate.applicationId,
      position: i + 1,
      group: p.group,
      reason: p.reason,
    }),
  );

  const steps: ExplanationStep[] = [
    municipal.step,
    ...exclusionSteps(candidates.length, excluded),
    rules.rehousing.step,
    rules.flexible.step,
    rules.children.step,
    rules.lists.step,
    ...groupSizeSteps(ranked),
    { code: "seniority_within_groups", params: { tieBreak: "application_id" } },
  ];
  return { mode: "lists", ranked, excluded, steps, settings: recorded, today };
}
