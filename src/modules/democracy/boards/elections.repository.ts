import type { Executor } from "../../../platform/audit.ts";

/** Queries of elections and their nominations. */

export function electionById(db: Executor, id: string) {
  return db
    .selectFrom("board_elections as e")
    .innerJoin("boards as b", "b.id", "e.board_id")
    .leftJoin("meetings as mt", "mt.id", "e.meeting_id")
    .selectAll("e")
    .select([
      "b.organisation_id",
      "b.department_id",
      "mt.title as meetingTitle",
      "mt.starts_at as meetingStartsAt",
    ])
    .where("e.id", "=", id)
    .executeTakeFirst();
}
export type ElectionRow = NonNullable<Awaited<ReturnType<typeof electionById>>>;

/** A board's elections, newest first. */
export function electionsOf(db: Executor, boardId: string) {
  return db
    .selectFrom("board_elections as e")
    .leftJoin("meetings as mt", "mt.id", "e.meeting_id")
    .selectAll("e")
    .select(["mt.title as meetingTitle", "mt.starts_at as meetingStartsAt"])
    .where("e.board_id", "=", boardId)
    .orderBy("e.election_date", "desc")
    .orderBy("e.id", "desc")
    .limit(20)
    .execute();
}

/** An election's nominations with the candidates' names, by votes once decided. */
export function nominationsOf(db: Executor, electionId: string) {
  return db
    .selectFrom("board_nominations as n")
    .innerJoin("people as p", "p.id", "n.person_id")
    .leftJoin("people as by", "by.id", "n.nominated_by_person_id")
    .selectAll("n")
    .select(["p.name", "by.name as nominatedByName"])
    .where("n.election_id", "=", electionId)
    .orderBy("n.votes", "desc")
    .orderBy("n.lot_rank")
    .orderBy("p.name")
    .execute();
}
export type NominationRow = Awaited<ReturnType<typeof nominationsOf>>[number];

export function nominationById(db: Executor, id: string) {
  return db.selectFrom("board_nominations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Nominations waiting for this person's consent, in elections still open. */
export function pendingConsentsOf(db: Executor, personId: string) {
  return db
    .selectFrom("board_nominations as n")
    .innerJoin("board_elections as e", "e.id", "n.election_id")
    .leftJoin("meetings as mt", "mt.id", "e.meeting_id")
    .leftJoin("people as by", "by.id", "n.nominated_by_person_id")
    .select(["n.id", "e.election_date", "mt.title as meetingTitle", "by.name as nominatedByName"])
    .where("n.person_id", "=", personId)
    .where("n.status", "=", "pending_consent")
    .where("e.status", "=", "open")
    .orderBy("e.election_date")
    .execute();
}
