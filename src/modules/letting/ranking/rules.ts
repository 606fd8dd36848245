import type { LettingSettings } from "../settings.ts";
import type { ExplanationStep, LettingHistory, Vacancy, WaitingList } from "./types.ts";

/** Each rule decides once per vacancy and says why in one step. */
export interface RuleDecision<T> {
  value: T;
  step: ExplanationStep;
}

const step = (code: ExplanationStep["code"], params: ExplanationStep["params"] = {}): ExplanationStep => ({
  code,
  params,
});

/**
 * "The municipality may assign every 4th vacant family unit (... some departments are exempt)".
 * This unit is number `familyUnitsSinceMunicipal + 1` in the count; every n-th is the municipality's.
 */
export function municipalTurn(
  vacancy: Vacancy,
  settings: LettingSettings,
  history: LettingHistory,
): RuleDecision<boolean> {
  const every = settings.municipalAssignmentEvery;
  if (vacancy.unitKind !== "family") {
    return { value: false, step: step("municipal_not_family", { unitKind: vacancy.unitKind }) };
  }
  if (every === 0) return { value: false, step: step("municipal_off") };
  if (settings.municipalAssignmentExempt) return { value: false, step: step("municipal_exempt") };
  const unitNumber = history.familyUnitsSinceMunicipal + 1;
  const turn = unitNumber % every === 0;
  return { value: turn, step: step(turn ? "municipal_turn" : "municipal_not_turn", { unitNumber, every }) };
}

/** "genhusning (rehousing of residents due to renovation) has priority when registered". */
export function rehousingFirst(settings: LettingSettings): RuleDecision<boolean> {
  return settings.rehousingPriority
    ? { value: true, step: step("rehousing_priority") }
    : { value: false, step: step("rehousing_off") };
}

/**
 * "fleksibel udlejning: a share (often up to 50%) goes to applicants meeting agreed criteria".
 * The flexible group goes first only while the share so far, flexibleLet / max(listLet, 1), is
 * below the target; compared in whole numbers so 1/3 against 33 % cannot round the wrong way.
 */
export function flexibleOpen(settings: LettingSettings, history: LettingHistory): RuleDecision<boolean> {
  const target = settings.flexibleSharePercent;
  if (target === 0) return { value: false, step: step("flexible_off") };
  const listLet = Math.max(history.listLet, 1);
  const open = history.flexibleLet * 100 < target * listLet;
  const share = Math.round((history.flexibleLet * 1000) / listLet) / 10;
  const params = {
    share,
    target,
    flexibleLet: history.flexibleLet,
    listLet: history.listLet,
    criteria: settings.flexibleCriteria.join(","),
  };
  return { value: open, step: step(open ? "flexible_share" : "flexible_share_reached", params) };
}

/** "Families with children may get priority for units with 3+ rooms (if agreed)". */
export function childrenFirst(vacancy: Vacancy, settings: LettingSettings): RuleDecision<boolean> {
  const minRooms = settings.childrenPriorityMinRooms;
  if (minRooms === 0) return { value: false, step: step("children_off") };
  const params = { rooms: vacancy.rooms, minRooms };
  return vacancy.rooms >= minRooms
    ? { value: true, step: step("children_priority", params) }
    : { value: false, step: step("children_too_few_rooms", params) };
}

/**
 * Which list comes first. "Since 2019 only every second unit let from the lists may go to the
 * internal list": with `internalEvery` = n the internal list has the turn when
 * - no letting from the lists is on record, or
 * - n = 1 (every unit may go to the internal list), or
 * - the previous one went to the external list and at least n − 1 in a row have (with n = 2 the
 *   previous one alone decides: the lists alternate).
 * A turn the internal list cannot use (no eligible applicant) passes to the external list and stays
 * due for the next unit, because the count of external lettings keeps growing.
 * n = 0 gives the internal list no turn: the external list first, like the other "0 = none" settings.
 */
export function listTurn(settings: LettingSettings, history: LettingHistory): RuleDecision<WaitingList> {
  const every = settings.internalEvery;
  if (every === 0) return { value: "external", step: step("list_alternation_off", { first: "external" }) };
  const last = history.lastListLetting;
  // A last letting to the external list is itself one in a row, whatever the count says.
  const externalInRow = last === "external" ? Math.max(history.externalSinceInternal, 1) : 0;
  const internalTurn = last === null || externalInRow >= every - 1;
  const first: WaitingList = internalTurn ? "internal" : "external";
  const params = { first, every, last: last ?? "none", externalInRow };
  return { value: first, step: step("list_alternation", params) };
}
