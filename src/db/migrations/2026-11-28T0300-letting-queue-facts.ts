import { type Kysely, PostgresAdapter, sql } from "kysely";

// The queue rows carry every fact the ranking reads, so an offer round reads the top of a queue
// from one index range and never visits the applications table: at a million applications, one
// random table page per candidate cost more than all the rest of an allocation. A trigger keeps
// the copies equal to the application on every update, whichever code path makes it.
// Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Copied from applications, with the same names and types. */
const facts: [name: string, type: "text" | "integer" | "bigint", defaultValue?: string][] = [
  ["fee_paid_until", "text"],
  ["quarantine_until", "text"],
  ["rooms_min", "integer"],
  ["rooms_max", "integer"],
  ["max_rent_ore", "bigint"],
  ["household_size", "integer", "1"],
  ["kinds_json", "text", `'["family"]'`],
  ["features_json", "text", `'[]'`],
  ["flexible_json", "text", `'[]'`],
  ["is_owing_money", "integer", "0"],
  ["has_payment_plan", "integer", "0"],
  ["is_education_documented", "integer", "0"],
  ["has_municipal_referral", "integer", "0"],
  ["is_on_benefits_refusable", "integer", "0"],
];
/** The copies that were there before: the pools' flags (is_flexible is derived from flexible_json). */
const flags = ["is_rehousing", "has_children"];
const copied = [...facts.map(([name]) => name), ...flags];

/** What the candidate query reads besides the key: the index alone answers it. */
const covered = ["application_id", "seniority_date", ...copied];

export async function up(db: AnyDb): Promise<void> {
  const postgres = isPostgres(db);
  for (const name of ["queue", "is_rehousing", "is_flexible", "has_children"])
    await db.schema.dropIndex(`application_departments_${name}`).execute();
  for (const [name, type, defaultValue] of facts) {
    await db.schema
      .alterTable("application_departments")
      .addColumn(name, type, (c) => (defaultValue ? c.notNull().defaultTo(sql.raw(defaultValue)) : c))
      .execute();
  }
  await sql`
    update application_departments set
      ${sql.join(
        copied.map((c) => sql`${sql.ref(c)} = a.${sql.ref(c)}`),
        sql`, `,
      )},
      is_flexible = case when a.flexible_json = '[]' then 0 else 1 end
    from applications as a
    where a.id = application_departments.application_id`.execute(db);

  // Only ranked (active) rows are ever read by rank; a pool index holds only its own members.
  const index = async (name: string, where: string) => {
    const key = sql`department_id, list_id, rank`;
    const rest = sql.join(covered.map((c) => sql.ref(c)));
    await sql`create index ${sql.ref(`application_departments_${name}`)} on application_departments
      ${postgres ? sql`(${key}) include (${rest})` : sql`(${key}, ${rest})`}
      where ${sql.raw(where)}`.execute(db);
  };
  await index("queue", "rank is not null");
  for (const flag of ["is_rehousing", "is_flexible", "has_children"])
    await index(flag, `${flag} = 1 and rank is not null`);

  if (postgres) await postgresCopy(db);
  else await sqliteCopy(db);
}

const assignments = (from: string) =>
  sql.join(
    [
      ...copied.map((c) => sql`${sql.ref(c)} = ${sql.raw(from)}.${sql.ref(c)}`),
      sql`is_flexible = case when ${sql.raw(from)}.flexible_json = '[]' then 0 else 1 end`,
    ],
    sql`, `,
  );

const factColumns = sql.join(copied.map((c) => sql.ref(c)));

async function postgresCopy(db: AnyDb): Promise<void> {
  await sql`
    create function almen_application_facts_to_queue() returns trigger language plpgsql as $$
    begin
      update application_departments set ${assignments("new")} where application_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger applications_facts_to_queue after update of ${factColumns} on applications
    for each row execute function almen_application_facts_to_queue()`.execute(db);
}

async function sqliteCopy(db: AnyDb): Promise<void> {
  await sql`
    create trigger applications_facts_to_queue after update of ${factColumns} on applications
    begin
      update application_departments set ${assignments("new")} where application_id = new.id;
    end`.execute(db);
}
