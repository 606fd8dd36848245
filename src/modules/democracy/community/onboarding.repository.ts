import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Executor } from "../../../platform/audit.ts";

type Db = Kysely<Database> | Executor;

/** Checklists with their owner, department and programme (one query; filter by the caller). */
function checklistsBase(db: Db) {
  return db
    .selectFrom("onboarding_checklists as c")
    .innerJoin("people as p", "p.id", "c.person_id")
    .innerJoin("onboarding_programmes as g", "g.id", "c.programme_id")
    .leftJoin("departments as d", "d.id", "c.department_id")
    .selectAll("c")
    .select([
      "p.name as person_name",
      "g.title as programme_title",
      "d.number as department_number",
      "d.name as department_name",
    ]);
}

export async function checklistsOfPerson(db: Db, personId: string) {
  return checklistsBase(db).where("c.person_id", "=", personId).orderBy("c.elected_on", "desc").execute();
}

export async function findChecklist(db: Db, id: string) {
  return checklistsBase(db).where("c.id", "=", id).executeTakeFirst();
}

export type ChecklistRow = NonNullable<Awaited<ReturnType<typeof findChecklist>>>;

/**
 * The items of some checklists in order, each with whether its owner has completed the course it
 * points to (the owner's logins are looked up by person).
 */
export async function itemsOf(db: Db, checklistIds: string[]) {
  if (!checklistIds.length) return [];
  return db
    .selectFrom("onboarding_items as i")
    .innerJoin("onboarding_checklists as c", "c.id", "i.checklist_id")
    .leftJoin("courses as k", "k.id", "i.course_id")
    .selectAll("i")
    .select((eb) => [
      "k.title as course_title",
      eb
        .exists(
          eb
            .selectFrom("course_completions as cc")
            .innerJoin("users as u", "u.id", "cc.user_id")
            .select("cc.id")
            .whereRef("cc.course_id", "=", "i.course_id")
            .whereRef("u.person_id", "=", "c.person_id"),
        )
        .as("has_completed_course"),
    ])
    .where("i.checklist_id", "in", checklistIds)
    .orderBy("i.checklist_id")
    .orderBy("i.position")
    .execute();
}

export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

export interface ProgressRow {
  checklist_id: string;
  person_name: string;
  department_id: string | null;
  department_number: number | null;
  department_name: string | null;
  organisation_id: string;
  elected_on: string;
  steps: number;
  done: number;
  overdue: number;
  next_due_on: string | null;
}

/**
 * Progress per checklist: steps, steps done, steps overdue on `today`, the next open due date.
 * `where` narrows the checklists (a chair's departments, a curator's organisations).
 */
export async function progressRows(
  db: Db,
  today: string,
  where: (c: ReturnType<typeof checklistsBase>) => ReturnType<typeof checklistsBase>,
  page: { limit: number; offset: number },
): Promise<{ rows: ProgressRow[]; total: number }> {
  const base = where(checklistsBase(db));
  const counts = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin("onboarding_items as i", "i.checklist_id", "c.id")
    .clearSelect()
    .select([
      "c.id as checklist_id",
      "p.name as person_name",
      "c.department_id",
      "d.number as department_number",
      "d.name as department_name",
      "c.organisation_id",
      "c.elected_on",
      sql<number>`count(*)`.as("steps"),
      sql<number>`sum(case when i.done_at is not null then 1 else 0 end)`.as("done"),
      sql<number>`sum(case when i.done_at is null and i.due_on < ${today} then 1 else 0 end)`.as("overdue"),
      sql<string | null>`min(case when i.done_at is null then i.due_on end)`.as("next_due_on"),
    ])
    .groupBy(["c.id", "p.name", "c.department_id", "d.number", "d.name", "c.organisation_id", "c.elected_on"])
    .orderBy("d.number")
    .orderBy("p.name")
    .orderBy("c.elected_on", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    rows: rows.map((r) => ({
      ...r,
      steps: Number(r.steps),
      done: Number(r.done),
      overdue: Number(r.overdue),
    })),
    total: Number(counts.n),
  };
}
