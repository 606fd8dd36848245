import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Executor } from "../../../platform/audit.ts";
import type { CourseFormat } from "./community.table.ts";

type Db = Kysely<Database> | Executor;

/** Courses of an organisation, for a select (onboarding steps point to them). */
export async function courseOptions(db: Db, organisationId: string) {
  const rows = await db
    .selectFrom("courses")
    .select(["id", "title"])
    .where("organisation_id", "=", organisationId)
    .orderBy("title")
    .execute();
  return rows.map((r) => ({ value: r.id, label: r.title }));
}

/**
 * The catalogue: published courses of the reader's organisations (null = all), and unpublished
 * ones of the organisations they curate; each with its next session from `now`.
 */
export async function catalogue(
  db: Db,
  filter: {
    organisationIds: string[] | null;
    curatedOrganisationIds: string[] | null;
    format?: CourseFormat;
    now: string;
    limit: number;
    offset: number;
  },
) {
  let q = db.selectFrom("courses as k");
  if (filter.organisationIds)
    q = q.where("k.organisation_id", "in", filter.organisationIds.length ? filter.organisationIds : [""]);
  const curated = filter.curatedOrganisationIds;
  if (curated !== null) {
    q = q.where((eb) =>
      eb.or([
        eb("k.is_published", "=", true),
        eb("k.organisation_id", "in", curated.length ? curated : [""]),
      ]),
    );
  }
  if (filter.format) q = q.where("k.format", "=", filter.format);
  const rows = await q
    .selectAll("k")
    .select((eb) => [
      eb
        .selectFrom("course_sessions as s")
        .select(sql<string>`min(s.starts_at)`.as("x"))
        .whereRef("s.course_id", "=", "k.id")
        .where("s.starts_at", ">=", filter.now)
        .as("next_session_at"),
      eb
        .selectFrom("course_pages as pg")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("pg.course_id", "=", "k.id")
        .as("page_count"),
    ])
    .orderBy("k.title")
    .orderBy("k.id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function findCourse(db: Db, id: string) {
  return db
    .selectFrom("courses as k")
    .innerJoin("organisations as o", "o.id", "k.organisation_id")
    .selectAll("k")
    .select("o.name as organisation_name")
    .where("k.id", "=", id)
    .executeTakeFirst();
}

export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

/** A course's sessions in time order, with seats taken, the waiting list and the reader's own place. */
export async function sessionsOf(db: Db, courseId: string, userId: string) {
  const rows = await db
    .selectFrom("course_sessions as s")
    .leftJoin("course_enrolments as mine", (j) =>
      j
        .onRef("mine.session_id", "=", "s.id")
        .on("mine.user_id", "=", userId)
        .on("mine.status", "!=", "cancelled"),
    )
    .selectAll("s")
    .select((eb) => [
      "mine.status as my_status",
      "mine.seq as my_seq",
      eb
        .selectFrom("course_enrolments as e")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("e.session_id", "=", "s.id")
        .where("e.status", "=", "enrolled")
        .as("enrolled"),
      eb
        .selectFrom("course_enrolments as e")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("e.session_id", "=", "s.id")
        .where("e.status", "=", "waiting")
        .as("waiting"),
      eb
        .selectFrom("course_enrolments as e")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("e.session_id", "=", "s.id")
        .where("e.status", "=", "waiting")
        .whereRef("e.seq", "<=", "mine.seq")
        .as("my_waiting_place"),
    ])
    .where("s.course_id", "=", courseId)
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .execute();
  return rows.map((r) => ({
    ...r,
    enrolled: Number(r.enrolled ?? 0),
    waiting: Number(r.waiting ?? 0),
    my_waiting_place: r.my_status === "waiting" ? Number(r.my_waiting_place ?? 0) : null,
  }));
}

export type SessionRow = Awaited<ReturnType<typeof sessionsOf>>[number];

export async function findSession(db: Db, id: string) {
  return db
    .selectFrom("course_sessions as s")
    .innerJoin("courses as k", "k.id", "s.course_id")
    .selectAll("s")
    .select(["k.organisation_id", "k.title as course_title", "k.is_published"])
    .where("s.id", "=", id)
    .executeTakeFirst();
}

/** Everyone who asked for a seat, enrolled first then the waiting list, each in the order they asked. */
export async function enrolmentsOf(db: Db, sessionId: string) {
  return db
    .selectFrom("course_enrolments as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .innerJoin("course_sessions as s", "s.id", "e.session_id")
    .leftJoin("course_completions as c", (j) =>
      j.onRef("c.user_id", "=", "e.user_id").onRef("c.course_id", "=", "s.course_id"),
    )
    .select([
      "e.id",
      "e.user_id",
      "e.status",
      "e.seq",
      "e.created_at",
      "u.name as user_name",
      "u.email as user_email",
      "c.completed_on",
    ])
    .where("e.session_id", "=", sessionId)
    .where("e.status", "!=", "cancelled")
    .orderBy(sql`case when e.status = 'enrolled' then 0 else 1 end`)
    .orderBy("e.seq")
    .execute();
}

/** A course's content pages in order, each marked done or not for the reader. */
export async function pagesOf(db: Db, courseId: string, userId: string) {
  return db
    .selectFrom("course_pages as pg")
    .leftJoin("course_page_reads as r", (j) =>
      j.onRef("r.page_id", "=", "pg.id").on("r.user_id", "=", userId),
    )
    .select(["pg.id", "pg.position", "pg.title", "pg.body", "r.done_at"])
    .where("pg.course_id", "=", courseId)
    .orderBy("pg.position")
    .orderBy("pg.id")
    .execute();
}

export async function completionOf(db: Db, courseId: string, userId: string) {
  return db
    .selectFrom("course_completions")
    .selectAll()
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Everyone who completed a course, newest first. */
export async function completionsOf(db: Db, courseId: string) {
  return db
    .selectFrom("course_completions as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.id", "c.user_id", "c.completed_on", "c.source", "u.name as user_name"])
    .where("c.course_id", "=", courseId)
    .orderBy("c.completed_on", "desc")
    .orderBy("u.name")
    .execute();
}
