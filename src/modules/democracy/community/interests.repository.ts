import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { withinReach } from "../../../platform/reach-sql.ts";

type Db = Kysely<Database> | Executor;

/** A person's registered interests, one per department, with the department's name. */
export async function interestsOfPerson(db: Db, personId: string) {
  return db
    .selectFrom("democracy_interests as i")
    .innerJoin("departments as d", "d.id", "i.department_id")
    .selectAll("i")
    .select(["d.number as department_number", "d.name as department_name"])
    .where("i.person_id", "=", personId)
    .orderBy("d.number")
    .execute();
}

export type InterestRow = Awaited<ReturnType<typeof interestsOfPerson>>[number];

/** The residents of a department who want to take part and agreed to be contacted, newest first. */
export async function contactableInterests(db: Db, departmentId: string) {
  return db
    .selectFrom("democracy_interests as i")
    .innerJoin("people as p", "p.id", "i.person_id")
    .innerJoin("departments as d", "d.id", "i.department_id")
    .selectAll("i")
    .select([
      "p.name as person_name",
      "p.email as person_email",
      "p.phone as person_phone",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .where("i.department_id", "=", departmentId)
    .where("i.has_contact_consent", "=", true)
    .orderBy("i.updated_at", "desc")
    .orderBy("i.id")
    .execute();
}

/** How many residents of a department registered without agreeing to be contacted. */
export async function uncontactableCount(db: Db, departmentId: string): Promise<number> {
  const row = await db
    .selectFrom("democracy_interests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("department_id", "=", departmentId)
    .where("has_contact_consent", "=", false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InterestCountRow {
  department_id: string;
  department_number: number;
  department_name: string;
  total: number;
  board: number;
  committee: number;
  activities: number;
}

/** Interested residents counted per department and kind, every department within reach (a page). */
export async function interestCounts(
  db: Db,
  reach: Reach,
  page: { page: number; pageSize: number },
): Promise<{
  rows: InterestCountRow[];
  total: number;
  sums: Omit<InterestCountRow, `department_${string}`>;
}> {
  const counted = db
    .selectFrom("democracy_interests")
    .select((eb) => [
      "department_id",
      eb.fn.countAll<number>().as("total"),
      eb.fn.sum<number>("is_board_interest").as("board"),
      eb.fn.sum<number>("is_committee_interest").as("committee"),
      eb.fn.sum<number>("is_activity_interest").as("activities"),
    ])
    .groupBy("department_id");
  const base = db
    .selectFrom("departments as d")
    .leftJoin(counted.as("c"), "c.department_id", "d.id")
    .where(withinReach(reach, "d.organisation_id", "d.id"));
  const rows = await base
    .select([
      "d.id as department_id",
      "d.number as department_number",
      "d.name as department_name",
      sql<number>`coalesce(c.total, 0)`.as("total"),
      sql<number>`coalesce(c.board, 0)`.as("board"),
      sql<number>`coalesce(c.committee, 0)`.as("committee"),
      sql<number>`coalesce(c.activities, 0)`.as("activities"),
    ])
    .orderBy("d.number")
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  const sums = await base
    .select([
      (eb) => eb.fn.countAll<number>().as("departments"),
      sql<number>`coalesce(sum(c.total), 0)`.as("total"),
      sql<number>`coalesce(sum(c.board), 0)`.as("board"),
      sql<number>`coalesce(sum(c.committee), 0)`.as("committee"),
      sql<number>`coalesce(sum(c.activities), 0)`.as("activities"),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    rows: rows.map((r) => ({
      ...r,
      total: n(r.total),
      board: n(r.board),
      committee: n(r.committee),
      activities: n(r.activities),
    })),
    total: n(sums.departments),
    sums: {
      total: n(sums.total),
      board: n(sums.board),
      committee: n(sums.committee),
      activities: n(sums.activities),
    },
  };
}
