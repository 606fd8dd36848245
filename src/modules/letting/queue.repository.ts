import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Database } from "../../db/database-types.ts";
import { prepareQuery } from "../../db/prepared.ts";

type Db = Kysely<Database>;

/**
 * The waiting-list queues: per department and list, the active applications in seniority order
 * (sign-up date, then id), each with its stored place (`rank`). Writes keep the ranks contiguous
 * (1, 2, 3 …) so reading a seeker's position is one index lookup, never a count.
 */

/** Two writers to one queue on PostgreSQL take turns (SQLite has one writer already). */
async function lockQueue(trx: Db, dialect: DialectName, departmentId: string, listId: string) {
  if (dialect === "postgres") {
    await sql`select pg_advisory_xact_lock(hashtext(${`${departmentId}/${listId}`}))`.execute(trx);
  }
}

/** A queue row's place along the queue index: its seniority, then its application's id. */
const placeOf = (eb: ExpressionBuilder<Database, "application_departments">) =>
  eb.refTuple("seniority_date", "application_id");

/** Puts an application's departments into their queues at its seniority; those behind move back one. */
export async function enterQueues(trx: Db, dialect: DialectName, applicationId: string): Promise<void> {
  const rows = await trx
    .selectFrom("application_departments")
    .select(["department_id", "list_id", "seniority_date"])
    .where("application_id", "=", applicationId)
    .where("rank", "is", null)
    .execute();
  for (const r of rows) {
    await lockQueue(trx, dialect, r.department_id, r.list_id);
    // Ranks follow seniority among ranked rows, so the nearest ranked row ahead holds the
    // highest rank ahead: one step back along the queue index.
    const ahead = await trx
      .selectFrom("application_departments")
      .select("rank")
      .where("department_id", "=", r.department_id)
      .where("list_id", "=", r.list_id)
      .where("rank", "is not", null)
      .where((eb) => eb(placeOf(eb), "<", eb.tuple(r.seniority_date, applicationId)))
      .orderBy("seniority_date", "desc")
      .orderBy("application_id", "desc")
      .limit(1)
      .executeTakeFirst();
    const rank = (ahead?.rank ?? 0) + 1;
    await trx
      .updateTable("application_departments")
      .set((eb) => ({ rank: eb("rank", "+", 1) }))
      .where("department_id", "=", r.department_id)
      .where("list_id", "=", r.list_id)
      .where("rank", "is not", null)
      .where((eb) => eb(placeOf(eb), ">", eb.tuple(r.seniority_date, applicationId)))
      .execute();
    await trx
      .updateTable("application_departments")
      .set({ rank, is_active: true })
      .where("application_id", "=", applicationId)
      .where("department_id", "=", r.department_id)
      .execute();
  }
}

/** Takes an application out of its queues (passive, removed, housed); those behind move up one. */
export async function leaveQueues(trx: Db, dialect: DialectName, applicationId: string): Promise<void> {
  const rows = await trx
    .selectFrom("application_departments")
    .select(["department_id", "list_id", "seniority_date"])
    .where("application_id", "=", applicationId)
    .where("rank", "is not", null)
    .execute();
  for (const r of rows) {
    await lockQueue(trx, dialect, r.department_id, r.list_id);
    await trx
      .updateTable("application_departments")
      .set({ rank: null, is_active: false })
      .where("application_id", "=", applicationId)
      .where("department_id", "=", r.department_id)
      .execute();
    // Those behind: the ranked rows after it along the queue index.
    await trx
      .updateTable("application_departments")
      .set((eb) => ({ rank: eb("rank", "-", 1) }))
      .where("department_id", "=", r.department_id)
      .where("list_id", "=", r.list_id)
      .where("rank", "is not", null)
      .where((eb) => eb(placeOf(eb), ">", eb.tuple(r.seniority_date, applicationId)))
      .execute();
  }
}

/** The application's plain values a queue row carries. */
export const queueValueFacts = [
  "seniority_date",
  "fee_paid_until",
  "quarantine_until",
  "rooms_min",
  "rooms_max",
  "max_rent_ore",
  "household_size",
] as const;
/** Its lists, as JSON texts. */
export const queueListFacts = ["kinds_json", "features_json", "flexible_json"] as const;
/** Its yes/no facts. */
export const queueFlagFacts = [
  "is_rehousing",
  "has_children",
  "is_owing_money",
  "has_payment_plan",
  "is_education_documented",
  "has_municipal_referral",
  "is_on_benefits_refusable",
] as const;
/** The application facts a queue row carries (kept equal afterwards by a trigger on update). */
export const queueFacts = [...queueValueFacts, ...queueListFacts, ...queueFlagFacts] as const;

/** A queue row's `is_flexible`, from its application's `flexible_json` (unqualified: read from it). */
export const isFlexibleFromApplication = sql<number>`case when flexible_json = '[]' then 0 else 1 end`;

/**
 * Adds an application's wished departments to their queues, unranked, with copies of its facts
 * (enterQueues then gives an active application its places).
 */
export async function addQueueRows(trx: Db, applicationId: string, departmentIds: readonly string[]) {
  for (const departmentId of departmentIds) {
    await trx
      .insertInto("application_departments")
      .columns(["application_id", "department_id", "list_id", "is_flexible", ...queueFacts])
      .expression((eb) =>
        eb
          .selectFrom("applications")
          .select([
            "id",
            eb.val(departmentId).as("department_id"),
            "list_id",
            isFlexibleFromApplication.as("is_flexible"),
            ...queueFacts,
          ])
          .where("id", "=", applicationId),
      )
      .execute();
  }
}

/** A person's place in every queue they are in: one lookup per application, no counting. */
export async function positionsOf(db: Db, personId: string) {
  return positions.execute(db, { personId });
}

/** Prepared: compiled once, and a named statement on PostgreSQL (planned once per connection). */
const positions = prepareQuery((db, p: { personId: string }) =>
  db
    .selectFrom("applications as a")
    .innerJoin("application_departments as q", "q.application_id", "a.id")
    .innerJoin("departments as d", "d.id", "q.department_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select([
      "a.id as applicationId",
      "l.kind as list",
      "d.id as departmentId",
      "d.number",
      "d.name",
      "q.rank",
    ])
    .where("a.person_id", "=", p.personId)
    .orderBy("d.number"),
);

/**
 * Recomputes every rank from the queue rows' own state (active, seniority) — as a repair, or after
 * an import into lists that held applications — and writes only the ranks that differ, so queues
 * that are already right cost one read. Numbering the active rows along the queue index (keyed by
 * seniority, with every row) gives each its place without a sort or a join.
 */
export async function rerankAll(db: Db, dialect: DialectName): Promise<void> {
  if (dialect === "sqlite") {
    await db.transaction().execute((trx) => rerankWithin(trx, dialect));
    return;
  }
  // PostgreSQL numbers the rows on one core per query: the departments in two halves, each in a
  // transaction of its own, use two (a queue lies wholly in one half). 1.9 s became 1.2 s here.
  const departments = await db.selectFrom("departments").select("id").orderBy("id").execute();
  const middle = departments[Math.floor(departments.length / 2)]?.id;
  const halves: Departments[] = middle ? [{ before: middle }, { from: middle }] : [{}];
  await Promise.all(
    halves.map((half) => db.transaction().execute((trx) => rerankWithin(trx, dialect, half))),
  );
}

/** Departments by id: from one (inclusive), before another (exclusive); all when neither is given. */
export interface Departments {
  from?: string;
  before?: string;
}

/** rerankAll inside the caller's transaction (the import ranks before it rebuilds its indexes). */
export async function rerankWithin(
  trx: Db,
  dialect: DialectName,
  departments: Departments = {},
): Promise<void> {
  // What finds a row again: its rowid on SQLite (nothing else is carried through the window, which
  // copies every column it carries: the ids made the numbering a sixth slower), its key on PostgreSQL.
  const key = dialect === "sqlite" ? sql`rowid as rid` : sql`application_id, department_id`;
  const within = sql.join(
    [
      sql`true`,
      ...(departments.from === undefined ? [] : [sql`department_id >= ${departments.from}`]),
      ...(departments.before === undefined ? [] : [sql`department_id < ${departments.before}`]),
    ],
    sql` and `,
  );
  // The rows whose place is wrong: active rows numbered in seniority order, and inactive rows
  // that still hold a place.
  const changed = sql`
    select * from (
      select ${key}, rank as old,
             row_number() over (
               partition by department_id, list_id order by seniority_date, application_id) as position
      from application_departments
      where is_active = 1 and ${within}) as numbered
    where old is null or old <> position
    union all
    select ${key}, rank as old, null as position
    from application_departments
    where is_active = 0 and rank is not null and ${within}`;
  if (dialect === "postgres") {
    // The window's sort and the join back stay in memory for a few million rows.
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`
      update application_departments set rank = changed.position
      from (${changed}) as changed
      where application_departments.application_id = changed.application_id
        and application_departments.department_id = changed.department_id`.execute(trx);
    return;
  }
  // SQLite: the changed rows into a temporary table keyed by rowid, then one keyed update.
  await sql`create temp table if not exists rerank (rid integer primary key, position integer)`.execute(trx);
  await sql`delete from rerank`.execute(trx);
  await sql`insert into rerank (rid, position) select rid, position from (${changed}) as changed`.execute(
    trx,
  );
  await sql`
    update application_departments
    set rank = (select position from rerank where rid = application_departments.rowid)
    where rowid in (select rid from rerank)`.execute(trx);
  await sql`delete from rerank`.execute(trx);
}
