import type { Kysely } from "kysely";

// A person's place on a vote's roll is found by (vote, person). Without statistics SQLite took the
// (vote, household, person, seq) index for it, because it covers the query, and so read the whole
// roll of the vote on every cast. This index covers the query too and matches both equalities.
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("vote_roll_person")
    .on("vote_roll")
    .columns(["vote_id", "person_id", "household_id", "seq"])
    .execute();
}
