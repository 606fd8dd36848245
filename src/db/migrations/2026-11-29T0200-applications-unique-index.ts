import { type Kysely, PostgresAdapter, sql } from "kysely";

// "One application per person and list" becomes a unique index instead of a table constraint, so
// a big import can drop it and build it once at the end like the other indexes: kept live, each
// application went into it at a random place, about 6 of the 8 s SQLite spent writing a million.
// SQLite cannot drop a table's constraint: the table is made again, as its manual describes (the
// migrations run with foreign-key enforcement off, see db/migrate.ts). Frozen in time: never
// import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
type AnyDb = Kysely<any>;

const constraint = `, constraint "applications_list_person" unique ("list_id", "person_id")`;

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table applications drop constraint applications_list_person`.execute(db);
  } else {
    const schema = (
      await sql<{ type: string; sql: string }>`
        select type, sql from sqlite_master where tbl_name = 'applications' and sql is not null`.execute(db)
    ).rows;
    const table = schema.find((s) => s.type === "table")?.sql ?? "";
    if (!table.includes(constraint))
      throw new Error("applications: the unique constraint is not as expected");
    await sql.raw(table.replace(constraint, "").replace(/"applications"/, '"applications_new"')).execute(db);
    await sql`insert into applications_new select * from applications`.execute(db);
    await sql`drop table applications`.execute(db);
    await sql`alter table applications_new rename to applications`.execute(db);
    // Its indexes and the trigger went with the old table.
    for (const s of schema.filter((s) => s.type !== "table")) await sql.raw(s.sql).execute(db);
  }
  await sql`create unique index applications_list_person on applications (list_id, person_id)`.execute(db);
}
