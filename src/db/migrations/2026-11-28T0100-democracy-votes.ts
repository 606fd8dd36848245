import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from "kysely";

// Resident democracy: votes and ballots (urafstemning, digital votes): frozen voter rolls, roll
// marks apart from ballots, sealed envelopes while the vote is open, the ballot box, receipts.
// See docs/democracy-votes.md for why the tables look the way they do (secrecy, integrity).
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * On SQLite, a table WITHOUT ROWID is stored in primary-key order and has no hidden insertion
 * counter: the row order of the ballot box then says nothing about when a ballot went in.
 */
// biome-ignore lint/suspicious/noExplicitAny: the schema builder's generics are not needed here
const withoutRowid = (db: AnyDb) => (t: CreateTableBuilder<any, any>) =>
  isPostgres(db) ? t : t.modifyEnd(sql`without rowid`);

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("votes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("department_id", "text", (c) => c.notNull().references("departments.id"))
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("agenda_item_id", "text")
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('ballot', 'digital')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('planned', 'open', 'closing', 'closed')`),
    )
    // Frozen when the vote opens, with the roll and its hash.
    .addColumn("is_sole_adult_casting_both", "integer")
    .addColumn("roll_hash", "text")
    .addColumn("roll_households", "integer")
    .addColumn("roll_people", "integer")
    .addColumn("roll_ballots", "integer")
    .addColumn("opened_at", "text")
    .addColumn("opened_by", "text", (c) => c.references("users.id"))
    .addColumn("closed_at", "text")
    .addColumn("closed_by", "text", (c) => c.references("users.id"))
    // The tally published when the vote closed (anyone with access can recount the ballot box).
    .addColumn("results_json", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("votes_department")
    .on("votes")
    .columns(["department_id", "opens_at"])
    .execute();
  await db.schema.createIndex("votes_due").on("votes").columns(["status", "opens_at", "closes_at"]).execute();

  // The frozen voter roll: one row per ballot a person may cast (seq 1, and 2 for a sole adult).
  await db.schema
    .createTable("vote_roll")
    .addColumn("vote_id", "text", (c) => c.notNull().references("votes.id"))
    .addColumn("household_id", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("vote_roll_pk", ["vote_id", "person_id", "seq"])
    .addUniqueConstraint("vote_roll_household_person", ["vote_id", "household_id", "person_id", "seq"])
    .addCheckConstraint("vote_roll_seq", sql`seq in (1, 2)`)
    .execute();

  // Roll marks: who has voted. Nothing here says what, or when.
  await db.schema
    .createTable("vote_roll_marks")
    .addColumn("vote_id", "text", (c) => c.notNull().references("votes.id"))
    .addColumn("household_id", "text", (c) => c.notNull())
    .addColumn("slot", "integer", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    // At most 2 votes per household, at most the person's own entitlement (1, or 2 for a sole adult).
    .addPrimaryKeyConstraint("vote_roll_marks_pk", ["vote_id", "household_id", "slot"])
    .addUniqueConstraint("vote_roll_marks_person", ["vote_id", "person_id", "seq"])
    .addCheckConstraint("vote_roll_marks_slot", sql`slot in (1, 2)`)
    .addCheckConstraint("vote_roll_marks_channel", sql`channel in ('web', 'paper')`)
    .addForeignKeyConstraint(
      "vote_roll_marks_on_roll",
      ["vote_id", "household_id", "person_id", "seq"],
      "vote_roll",
      ["vote_id", "household_id", "person_id", "seq"],
    )
    .$call(withoutRowid(db))
    .execute();

  // Sealed envelopes: the ballots of an open vote, encrypted, with a random id. Moved into the
  // ballot box in random order when the vote closes, and deleted in the same transaction.
  await db.schema
    .createTable("vote_envelopes")
    .addColumn("vote_id", "text", (c) => c.notNull().references("votes.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("sealed", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vote_envelopes_pk", ["vote_id", "id"])
    .$call(withoutRowid(db))
    .execute();

  // The ballot box: what was voted, with the voter's receipt code. No time, no person, no order.
  await db.schema
    .createTable("vote_ballots")
    .addColumn("vote_id", "text", (c) => c.notNull().references("votes.id"))
    .addColumn("receipt", "text", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vote_ballots_pk", ["vote_id", "receipt"])
    .addCheckConstraint("vote_ballots_choice", sql`choice in ('yes', 'no', 'blank')`)
    .$call(withoutRowid(db))
    .execute();
  await db.schema
    .createIndex("vote_ballots_choice")
    .on("vote_ballots")
    .columns(["vote_id", "choice"])
    .execute();

  if (isPostgres(db)) await postgresGuards(db);
  else await sqliteGuards(db);
}

/**
 * The database itself refuses what the code never does: changing or removing a ballot, a roll
 * row or a roll mark; putting an envelope or a mark into a vote that is not open; a ballot into
 * the box, or removing an envelope, outside the closing transaction. That transaction alone sets
 * the status 'closing' (and 'closed' before it commits), so no one else ever sees it.
 */
async function postgresGuards(db: AnyDb): Promise<void> {
  await sql`
    create function almen_votes_refuse() returns trigger language plpgsql as $$
    begin
      raise exception 'almen: % on % is not allowed', tg_op, tg_table_name using errcode = 'P0001';
    end $$`.execute(db);
  await sql`
    create function almen_votes_require_status() returns trigger language plpgsql as $$
    declare
      current_status text;
    begin
      select status into current_status from votes
        where id = case when tg_op = 'DELETE' then old.vote_id else new.vote_id end;
      if current_status is distinct from tg_argv[0] then
        raise exception 'almen: % on % needs the vote to be %', tg_op, tg_table_name, tg_argv[0]
          using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
  const guard = async (table: string, refuse: string, require: [string, string][]) => {
    await sql`create trigger ${sql.raw(`${table}_refuse`)} before ${sql.raw(refuse)} on ${sql.table(table)}
      for each row execute function almen_votes_refuse()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function almen_votes_refuse()`.execute(db);
    for (const [op, status] of require) {
      await sql`create trigger ${sql.raw(`${table}_${op}_when_${status}`)} before ${sql.raw(op)}
        on ${sql.table(table)} for each row execute function almen_votes_require_status(${sql.lit(status)})`.execute(
        db,
      );
    }
  };
  await guard("vote_roll", "update or delete", [["insert", "open"]]);
  await guard("vote_roll_marks", "update or delete", [["insert", "open"]]);
  await guard("vote_envelopes", "update", [
    ["insert", "open"],
    ["delete", "closing"],
  ]);
  await guard("vote_ballots", "update or delete", [["insert", "closing"]]);
}

async function sqliteGuards(db: AnyDb): Promise<void> {
  const refuse = async (table: string, op: "update" | "delete") => {
    await sql`create trigger ${sql.raw(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`almen: ${op} on ${table} is not allowed`)}); end`.execute(db);
  };
  const require = async (table: string, op: "insert" | "delete", status: string) => {
    const row = op === "delete" ? "old" : "new";
    await sql`create trigger ${sql.raw(`${table}_${op}_when_${status}`)} before ${sql.raw(op)}
      on ${sql.table(table)}
      when (select status from votes where id = ${sql.raw(row)}.vote_id) is not ${sql.lit(status)}
      begin select raise(abort, ${sql.lit(`almen: ${op} on ${table} needs the vote to be ${status}`)}); end`.execute(
      db,
    );
  };
  for (const table of ["vote_roll", "vote_roll_marks", "vote_ballots"]) {
    await refuse(table, "update");
    await refuse(table, "delete");
  }
  await refuse("vote_envelopes", "update");
  await require("vote_roll", "insert", "open");
  await require("vote_roll_marks", "insert", "open");
  await require("vote_envelopes", "insert", "open");
  await require("vote_envelopes", "delete", "closing");
  await require("vote_ballots", "insert", "closing");
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["vote_ballots", "vote_envelopes", "vote_roll_marks", "vote_roll", "votes"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  if (isPostgres(db)) {
    await sql`drop function if exists almen_votes_refuse()`.execute(db);
    await sql`drop function if exists almen_votes_require_status()`.execute(db);
  }
}
