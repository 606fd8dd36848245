import { type Kysely, PostgresAdapter, sql } from "kysely";

// The queue and its pools are keyed by seniority (department, list, sign-up date, application)
// instead of by stored rank. Among a queue's ranked rows the two orders are the same, so an offer
// round still reads the top of a queue from one index range; the queue index now also holds the
// unranked rows, and so does the work of the separate seniority index, which goes: one index of
// every queue row fewer to write on each change and to build after a big import (8.5 s of a
// million applications on SQLite). Frozen in time: never import app code here.

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The application facts copied onto each queue row (migration 2026-11-28T0300). */
const facts = [
  "fee_paid_until",
  "quarantine_until",
  "rooms_min",
  "rooms_max",
  "max_rent_ore",
  "household_size",
  "kinds_json",
  "features_json",
  "flexible_json",
  "is_owing_money",
  "has_payment_plan",
  "is_education_documented",
  "has_municipal_referral",
  "is_on_benefits_refusable",
  "is_rehousing",
  "has_children",
];

const key = ["department_id", "list_id", "seniority_date", "application_id"];

async function index(db: AnyDb, name: string, covered: string[], where?: string): Promise<void> {
  const keyList = sql.join(key.map((c) => sql.ref(c)));
  const rest = sql.join(covered.map((c) => sql.ref(c)));
  await sql`create index ${sql.ref(`application_departments_${name}`)} on application_departments
    ${isPostgres(db) ? sql`(${keyList}) include (${rest})` : sql`(${keyList}, ${rest})`}
    ${where ? sql`where ${sql.raw(where)}` : sql``}`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  for (const name of ["seniority", "queue", "is_rehousing", "is_flexible", "has_children"])
    await db.schema.dropIndex(`application_departments_${name}`).execute();
  // Every row: the re-rank numbers the active ones and finds the inactive ones still holding a place.
  await index(db, "queue", ["rank", "is_active", ...facts]);
  // Only ranked members: queries must say `is_rehousing = 1` literally to use them.
  for (const flag of ["is_rehousing", "is_flexible", "has_children"])
    await index(db, flag, ["rank", ...facts], `${flag} = 1 and rank is not null`);
}
