import { addYears } from "../../../platform/dates.ts";
import type { DemocracySettings } from "../settings.ts";
import type { BoardRole, NominationOutcome } from "./boards.table.ts";

/** The board rules as pure functions: terms, who sits on a day, the demand threshold, election ranking. */

/**
 * A term's planned end: members and the chair sit `boardTermYears` (half the board is elected each
 * year), alternates `alternateTermYears`. The end date is the first day the person no longer sits,
 * so a member elected at the meeting of 10 March 2026 sits until the meeting on or after 10 March 2028.
 */
export function termEnd(
  role: BoardRole,
  start: string,
  settings: Pick<DemocracySettings, "boardTermYears" | "alternateTermYears">,
): string {
  return addYears(start, role === "alternate" ? settings.alternateTermYears : settings.boardTermYears);
}

export interface TermDates {
  start_date: string;
  end_date: string;
  resigned_on: string | null;
}

/** The first day the person no longer sits: the term's end, or an earlier resignation. */
export const lastDayAfter = (m: TermDates): string =>
  m.resigned_on && m.resigned_on < m.end_date ? m.resigned_on : m.end_date;

/** Whether the person sits on the board on `day` (start inclusive, end and resignation exclusive). */
export const sitsOn = (m: TermDates, day: string): boolean => m.start_date <= day && day < lastDayAfter(m);

/**
 * Households needed for a valid demand: the share rounded up, in whole numbers (no floating point),
 * at least one. 25% of 28 households is exactly 7; of 29 it is 7.25, so 8.
 */
export function demandThreshold(households: number, percent: number): number {
  return Math.max(1, Math.floor((households * percent + 99) / 100));
}

/** Time left until a deadline, in whole days and hours (never negative). */
export function timeLeft(now: Date, deadline: Date): { days: number; hours: number; overdue: boolean } {
  const ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return { days: 0, hours: 0, overdue: true };
  const hours = Math.floor(ms / 3_600_000);
  return { days: Math.floor(hours / 24), hours: hours % 24, overdue: false };
}

export interface Candidate {
  id: string;
  votes: number;
  /** The recorded lot among tied candidates: 1 first. */
  lot: number | null;
}

export interface RankedCandidate {
  id: string;
  votes: number;
  outcome: NominationOutcome;
  /** 1 for the first alternate, … */
  alternateRank: number | null;
}

export type Ranking =
  | { ok: true; ranked: RankedCandidate[] }
  /** Tied candidates whose order decides a seat or an alternate's rank, without a valid lot. */
  | { ok: false; ties: string[][] };

/**
 * Ranks candidates by votes: the first `seats` are elected (for a chair election: the chair), the
 * next `alternateSeats` are alternates ranked in that order, the rest are not elected. Candidates
 * with the same votes are ordered by the recorded lot, and a lot is needed only where the order
 * matters: a tie across the seats' edge, across the alternates' edge, or among alternates.
 */
export function rankCandidates(
  candidates: Candidate[],
  seats: number,
  alternateSeats: number,
  seatOutcome: "member" | "chair" = "member",
): Ranking {
  const byVotes = new Map<number, Candidate[]>();
  for (const c of candidates) byVotes.set(c.votes, [...(byVotes.get(c.votes) ?? []), c]);
  const groups = [...byVotes.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g);
  const elected = seats + alternateSeats;
  const ties: string[][] = [];
  const order: Candidate[] = [];
  for (const group of groups) {
    const from = order.length;
    const to = from + group.length;
    const withinSeats = to <= seats;
    const beyond = from >= elected;
    if (group.length > 1 && !withinSeats && !beyond) {
      const lots = group.map((c) => c.lot);
      const valid =
        lots.every((l): l is number => l !== null) &&
        new Set(lots).size === group.length &&
        lots.every((l) => l >= 1 && l <= group.length);
      if (!valid) {
        ties.push(group.map((c) => c.id));
        order.push(...group);
        continue;
      }
      order.push(...[...group].sort((a, b) => a.lot! - b.lot!));
      continue;
    }
    order.push(...[...group].sort((a, b) => (a.lot ?? 0) - (b.lot ?? 0) || a.id.localeCompare(b.id)));
  }
  if (ties.length) return { ok: false, ties };
  return {
    ok: true,
    ranked: order.map((c, i) => ({
      id: c.id,
      votes: c.votes,
      outcome: i < seats ? seatOutcome : i < elected ? "alternate" : "not_elected",
      alternateRank: i >= seats && i < elected ? i - seats + 1 : null,
    })),
  };
}
