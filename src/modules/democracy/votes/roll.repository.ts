import { prepareQuery } from "../../../db/prepared.ts";
import type { Executor } from "../../../platform/audit.ts";
import type { HouseholdMember, RollEntry } from "./roll.ts";

/** Every query on the voter roll and its marks. */

/**
 * The members of the department's households on a date: tenancies started on or before it and
 * not ended before it. Newest tenancy first, so a person in two (a move inside the department)
 * counts in the newer one. The birth date is the stored one, which the import takes from the CPR
 * number when it has one.
 */
export async function householdMembersOn(
  db: Executor,
  departmentId: string,
  on: string,
): Promise<HouseholdMember[]> {
  const rows = await db
    .selectFrom("household_members as hm")
    .innerJoin("tenancies as t", "t.id", "hm.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .innerJoin("people as p", "p.id", "hm.person_id")
    .select(["hm.tenancy_id", "hm.person_id", "hm.role", "p.birth_date"])
    .where("u.department_id", "=", departmentId)
    .where("t.start_date", "<=", on)
    .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", on)]))
    .orderBy("t.start_date", "desc")
    .orderBy("t.id")
    .orderBy("hm.person_id")
    .execute();
  return rows.map((r) => ({
    householdId: r.tenancy_id,
    personId: r.person_id,
    role: r.role,
    birthDate: r.birth_date,
  }));
}

/** Writes the frozen roll (a few hundred rows a statement, well under SQLite's parameter limit). */
export async function insertRoll(db: Executor, voteId: string, roll: RollEntry[]): Promise<void> {
  const step = 200;
  for (let from = 0; from < roll.length; from += step) {
    await db
      .insertInto("vote_roll")
      .values(
        roll.slice(from, from + step).map((e) => ({
          vote_id: voteId,
          household_id: e.householdId,
          person_id: e.personId,
          seq: e.seq,
        })),
      )
      .execute();
  }
}

export async function rollOf(db: Executor, voteId: string): Promise<RollEntry[]> {
  const rows = await db
    .selectFrom("vote_roll")
    .select(["household_id", "person_id", "seq"])
    .where("vote_id", "=", voteId)
    .execute();
  return rows.map((r) => ({ householdId: r.household_id, personId: r.person_id, seq: r.seq }));
}

const rollAndMarks = prepareQuery((db, p: { voteId: string; personId: string }) =>
  db
    .selectFrom("vote_roll as r")
    .leftJoin("vote_roll_marks as m", (j) =>
      j.onRef("m.vote_id", "=", "r.vote_id").onRef("m.household_id", "=", "r.household_id"),
    )
    .select([
      "r.household_id",
      "r.seq",
      "m.slot",
      "m.person_id as marked_by",
      "m.seq as marked_seq",
      "m.channel",
    ])
    .where("r.vote_id", "=", p.voteId)
    .where("r.person_id", "=", p.personId),
);

export interface PlaceOnRoll {
  householdId: string;
  /** The person's entitlements on the roll (1, and 2 for a sole adult casting both). */
  seqs: number[];
  /** The household's roll marks so far. */
  marks: { slot: number; personId: string; seq: number; channel: "web" | "paper" }[];
}

/** A person's place on the roll with their household's marks, in one query; null when not on it. */
export async function placeOnRoll(
  db: Executor,
  voteId: string,
  personId: string,
): Promise<PlaceOnRoll | null> {
  const rows = await rollAndMarks.execute(db, { voteId, personId });
  if (rows.length === 0) return null;
  const marks = new Map<number, PlaceOnRoll["marks"][number]>();
  for (const r of rows) {
    if (r.slot !== null && r.marked_by !== null && r.marked_seq !== null && r.channel !== null) {
      marks.set(r.slot, { slot: r.slot, personId: r.marked_by, seq: r.marked_seq, channel: r.channel });
    }
  }
  return {
    householdId: rows[0]!.household_id,
    seqs: [...new Set(rows.map((r) => r.seq))].sort((a, b) => a - b),
    marks: [...marks.values()],
  };
}

/**
 * Puts a roll mark in the first free slot the constraints allow. `on conflict do nothing` lets the
 * database decide between concurrent casts (PostgreSQL waits for the other transaction first):
 * true when the mark went in, false when that slot or that entitlement was already taken.
 */
export async function tryMark(
  db: Executor,
  mark: {
    voteId: string;
    householdId: string;
    slot: number;
    personId: string;
    seq: number;
    channel: "web" | "paper";
  },
): Promise<boolean> {
  const result = await db
    .insertInto("vote_roll_marks")
    .values({
      vote_id: mark.voteId,
      household_id: mark.householdId,
      slot: mark.slot,
      person_id: mark.personId,
      seq: mark.seq,
      channel: mark.channel,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countMarks(db: Executor, voteId: string): Promise<number> {
  const row = await db
    .selectFrom("vote_roll_marks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("vote_id", "=", voteId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The roll with names and addresses, and who has voted by which channel: for staff. */
export async function rollWithMarks(db: Executor, voteId: string) {
  const rows = await db
    .selectFrom("vote_roll as r")
    .leftJoin("people as p", "p.id", "r.person_id")
    .leftJoin("tenancies as t", "t.id", "r.household_id")
    .leftJoin("units as u", "u.id", "t.unit_id")
    .leftJoin("vote_roll_marks as m", (j) =>
      j
        .onRef("m.vote_id", "=", "r.vote_id")
        .onRef("m.person_id", "=", "r.person_id")
        .onRef("m.seq", "=", "r.seq"),
    )
    .select([
      "r.household_id",
      "r.person_id",
      "r.seq",
      "p.name",
      "u.unit_number",
      "u.street",
      "u.house_number",
      "u.floor",
      "u.door",
      "m.channel",
    ])
    .where("r.vote_id", "=", voteId)
    .orderBy("u.unit_number")
    .orderBy("r.household_id")
    .orderBy("p.name")
    .orderBy("r.seq")
    .execute();
  return rows;
}
