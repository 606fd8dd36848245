import { type Kysely, sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import type { Database } from "../../db/database-types.ts";

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
    // Ranks follow seniority among active rows, so the nearest active row ahead holds the
    // highest rank ahead: one step back along the seniority index.
    const ahead = await trx
      .selectFrom("application_departments")
      .select("rank")
      .where("department_id", "=", r.department_id)
      .where("list_id", "=", r.list_id)
      .where("rank", "is not", null)
      .where((eb) =>
        eb.or([
          eb("seniority_date", "<", r.seniority_date),
          eb.and([eb("seniority_date", "=", r.seniority_date), eb("application_id", "<", applicationId)]),
        ]),
      )
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
      .where("rank", ">=", rank)
      .execute();
    await trx
      .updateTable("application_departments")
      .set({ rank })
      .where("application_id", "=", applicationId)
      .where("department_id", "=", r.department_id)
      .execute();
  }
}

/** Takes an application out of its queues (passive, removed, housed); those behind move up one. */
export async function leaveQueues(trx: Db, dialect: DialectName, applicationId: string): Promise<void> {
  const rows = await trx
    .selectFrom("application_departments")
    .select(["department_id", "list_id", "rank"])
    .where("application_id", "=", applicationId)
    .where("rank", "is not", null)
    .execute();
  for (const r of rows) {
    await lockQueue(trx, dialect, r.department_id, r.list_id);
    await trx
      .updateTable("application_departments")
      .set({ rank: null })
      .where("application_id", "=", applicationId)
      .where("department_id", "=", r.department_id)
      .execute();
    await trx
      .updateTable("application_departments")
      .set((eb) => ({ rank: eb("rank", "-", 1) }))
      .where("department_id", "=", r.department_id)
      .where("list_id", "=", r.list_id)
      .where("rank", ">", r.rank as number)
      .execute();
  }
}

/** A person's place in every queue they are in: one lookup per application, no counting. */
export async function positionsOf(db: Db, personId: string) {
  return db
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
    .where("a.person_id", "=", personId)
    .orderBy("d.number")
    .execute();
}

/**
 * Recomputes every rank from scratch (after an import or a repair): one window-function pass.
 * Rows of applications that are not active get no rank.
 */
export async function rerankAll(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`update application_departments set rank = null`.execute(trx);
    await sql`
      update application_departments set rank = ranked.position
      from (
        select q.application_id, q.department_id,
               row_number() over (partition by q.department_id, q.list_id
                                  order by q.seniority_date, q.application_id) as position
        from application_departments q
        join applications a on a.id = q.application_id
        where a.status = 'active'
      ) as ranked
      where application_departments.application_id = ranked.application_id
        and application_departments.department_id = ranked.department_id`.execute(trx);
  });
}
