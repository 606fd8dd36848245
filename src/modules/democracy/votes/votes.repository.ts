import { type Selectable, sql } from "kysely";
import type { DialectName } from "../../../db/database.ts";
import { prepareQuery } from "../../../db/prepared.ts";
import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import type { Choice, VoteStatus, VotesTable } from "./votes.table.ts";

/** Every query on votes, envelopes and the ballot box. */

export type VoteRow = Selectable<VotesTable> & { department_name: string; department_number: number };

const voteColumns = [
  "v.id",
  "v.organisation_id",
  "v.department_id",
  "v.meeting_id",
  "v.agenda_item_id",
  "v.kind",
  "v.title",
  "v.question",
  "v.opens_at",
  "v.closes_at",
  "v.status",
  "v.is_sole_adult_casting_both",
  "v.roll_hash",
  "v.roll_households",
  "v.roll_people",
  "v.roll_ballots",
  "v.opened_at",
  "v.opened_by",
  "v.closed_at",
  "v.closed_by",
  "v.results_json",
  "v.created_by",
  "v.created_at",
  "v.updated_at",
  "d.name as department_name",
  "d.number as department_number",
] as const;

/** Read on every vote page and every cast: built and compiled once (see db/prepared.ts). */
const voteById = prepareQuery((db, p: { id: string }) =>
  db
    .selectFrom("votes as v")
    .innerJoin("departments as d", "d.id", "v.department_id")
    .select(voteColumns)
    .where("v.id", "=", p.id),
);

export async function findVote(db: Executor, id: string): Promise<VoteRow | undefined> {
  return voteById.executeTakeFirst(db, { id });
}

const voteForCast = prepareQuery((db, p: { id: string }) =>
  db
    .selectFrom("votes")
    .select(["id", "status", "opens_at", "closes_at", "organisation_id", "department_id"])
    .where("id", "=", p.id),
);

/**
 * What a cast needs of the vote, read before its transaction: a close that comes between is
 * caught by the database's guards (see closeVote and the migration).
 */
export function voteForCasting(db: Executor, id: string) {
  return voteForCast.executeTakeFirst(db, { id });
}

/**
 * PostgreSQL: waits until every transaction that has put envelopes in (of any vote) has finished,
 * and keeps new ones waiting behind it until this transaction ends. Lock requests queue fairly,
 * so a stream of casts cannot starve the close, which a row lock would allow. SQLite runs one
 * transaction at a time and needs nothing.
 */
export async function lockEnvelopes(db: Executor, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") await sql`lock table vote_envelopes in share row exclusive mode`.execute(db);
}

/** The vote's row, locked for a change of status (waits for casts in flight on PostgreSQL). */
export function voteForUpdate(db: Executor, dialect: DialectName, id: string) {
  return db
    .selectFrom("votes")
    .selectAll()
    .where("id", "=", id)
    .$if(dialect === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
}

/** Votes within a reach, newest opening first; `status` filters. */
export async function votesWithin(
  db: Executor,
  reach: Reach,
  options: { status?: VoteStatus; limit?: number } = {},
): Promise<VoteRow[]> {
  return db
    .selectFrom("votes as v")
    .innerJoin("departments as d", "d.id", "v.department_id")
    .select(voteColumns)
    .where(withinReach(reach, "v.organisation_id", "v.department_id"))
    .$if(options.status !== undefined, (q) => q.where("v.status", "=", options.status!))
    .orderBy("v.opens_at", "desc")
    .orderBy("v.id")
    .limit(options.limit ?? 200)
    .execute();
}

/** Votes whose status is behind the clock: planned past opening, open past closing. */
export function dueVotes(db: Executor, nowIso: string) {
  return db
    .selectFrom("votes")
    .select(["id", "status"])
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "planned"), eb("opens_at", "<=", nowIso)]),
        eb.and([eb("status", "=", "open"), eb("closes_at", "<=", nowIso)]),
      ]),
    )
    .execute();
}

export async function insertEnvelopes(
  db: Executor,
  voteId: string,
  envelopes: { id: string; sealed: string }[],
): Promise<void> {
  await db
    .insertInto("vote_envelopes")
    .values(envelopes.map((e) => ({ vote_id: voteId, id: e.id, sealed: e.sealed })))
    .execute();
}

export function envelopesOf(db: Executor, voteId: string) {
  return db.selectFrom("vote_envelopes").select(["sealed"]).where("vote_id", "=", voteId).execute();
}

export async function countEnvelopes(db: Executor, voteId: string): Promise<number> {
  const row = await db
    .selectFrom("vote_envelopes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("vote_id", "=", voteId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Empties an open vote's envelopes once their ballots are in the box (the database allows it only then). */
export async function deleteEnvelopes(db: Executor, voteId: string): Promise<void> {
  await db.deleteFrom("vote_envelopes").where("vote_id", "=", voteId).execute();
}

/** Puts ballots into the box in the order given (callers shuffle first). */
export async function insertBallots(
  db: Executor,
  voteId: string,
  ballots: { receipt: string; choice: Choice }[],
): Promise<void> {
  const step = 300;
  for (let from = 0; from < ballots.length; from += step) {
    await db
      .insertInto("vote_ballots")
      .values(ballots.slice(from, from + step).map((b) => ({ vote_id: voteId, ...b })))
      .execute();
  }
}

/** The ballot box counted: ballots per choice. */
export async function countBallots(db: Executor, voteId: string): Promise<Record<Choice, number>> {
  const rows = await db
    .selectFrom("vote_ballots")
    .select((eb) => ["choice", eb.fn.countAll<number>().as("n")])
    .where("vote_id", "=", voteId)
    .groupBy("choice")
    .execute();
  const counts: Record<Choice, number> = { yes: 0, no: 0, blank: 0 };
  for (const r of rows) counts[r.choice] = Number(r.n);
  return counts;
}

/** The published receipt codes, sorted, so their order says nothing. */
export async function receiptsOf(db: Executor, voteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("vote_ballots")
    .select("receipt")
    .where("vote_id", "=", voteId)
    .orderBy("receipt")
    .execute();
  return rows.map((r) => r.receipt);
}

export async function hasReceipt(db: Executor, voteId: string, receipt: string): Promise<boolean> {
  const row = await db
    .selectFrom("vote_ballots")
    .select("receipt")
    .where("vote_id", "=", voteId)
    .where("receipt", "=", receipt)
    .executeTakeFirst();
  return row !== undefined;
}
