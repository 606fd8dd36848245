import { createHash } from "node:crypto";
import { ageOn } from "../../../platform/dates.ts";

/**
 * The voter roll, as rules without a database: who is an adult, how many ballots each adult of a
 * household may cast, and the roll's canonical text and SHA-256 (what "frozen and hashed" means).
 */

export interface HouseholdMember {
  householdId: string;
  personId: string;
  /** The household role from master data (tenant, co_tenant, adult, child). */
  role: string;
  /** Stored birth date, or the one in the CPR number (YYYY-MM-DD); null when neither is known. */
  birthDate: string | null;
}

export interface RollEntry {
  householdId: string;
  personId: string;
  /** 1, and 2 as well for a sole adult when the setting allows it. */
  seq: number;
}

/**
 * 18 or older on the day the vote opens. Without a birth date, the household role decides: a
 * lease holder or a member registered as adult counts, a member registered as child does not.
 */
export function isAdult(member: Pick<HouseholdMember, "role" | "birthDate">, on: string): boolean {
  if (member.birthDate) return ageOn(member.birthDate, on) >= 18;
  return member.role !== "child";
}

/**
 * The roll from the households' members: adults only; households without an adult are not on it.
 * A person listed in two households counts once, in the first given (callers order by newest
 * tenancy first). A household's two votes go to its adults; a sole adult may cast both.
 */
export function buildRoll(members: HouseholdMember[], on: string, soleAdultCastsBoth: boolean): RollEntry[] {
  const seen = new Set<string>();
  const adultsOf = new Map<string, string[]>();
  for (const m of members) {
    if (seen.has(m.personId) || !isAdult(m, on)) continue;
    seen.add(m.personId);
    const list = adultsOf.get(m.householdId) ?? [];
    list.push(m.personId);
    adultsOf.set(m.householdId, list);
  }
  const roll: RollEntry[] = [];
  for (const [householdId, adults] of adultsOf) {
    for (const personId of adults) roll.push({ householdId, personId, seq: 1 });
    if (adults.length === 1 && soleAdultCastsBoth) roll.push({ householdId, personId: adults[0]!, seq: 2 });
  }
  return roll;
}

/**
 * The canonical text of a roll: a header line naming the vote and the sole-adult rule, then one
 * line per household in id order, `household:person=ballots,person=ballots` with people in id
 * order. Anyone holding the roll can rebuild this text and its hash.
 */
export function canonicalRoll(voteId: string, soleAdultCastsBoth: boolean, roll: RollEntry[]): string {
  const ballots = new Map<string, Map<string, number>>();
  for (const e of roll) {
    const people = ballots.get(e.householdId) ?? new Map<string, number>();
    people.set(e.personId, (people.get(e.personId) ?? 0) + 1);
    ballots.set(e.householdId, people);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const lines = [...ballots.keys()].sort(byId).map((household) => {
    const people = ballots.get(household)!;
    const parts = [...people.keys()].sort(byId).map((person) => `${person}=${people.get(person)}`);
    return `${household}:${parts.join(",")}`;
  });
  return [`almen-vote-roll/v1 vote=${voteId} sole_adult_casts_both=${soleAdultCastsBoth}`, ...lines].join(
    "\n",
  );
}

export const rollHash = (canonical: string): string =>
  createHash("sha256").update(canonical, "utf8").digest("hex");

export interface RollCounts {
  households: number;
  people: number;
  /** The most ballots the roll allows: 2 per household with two or more adults or a sole adult casting both. */
  ballots: number;
}

export function rollCounts(roll: RollEntry[]): RollCounts {
  const households = new Map<string, number>();
  const people = new Set<string>();
  for (const e of roll) {
    households.set(e.householdId, (households.get(e.householdId) ?? 0) + 1);
    people.add(e.personId);
  }
  let ballots = 0;
  for (const entries of households.values()) ballots += Math.min(2, entries);
  return { households: households.size, people: people.size, ballots };
}
