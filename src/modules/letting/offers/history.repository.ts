import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { prepareQuery } from "../../../db/prepared.ts";
import type { LettingHistory, WaitingList } from "../ranking/index.ts";

type Db = Kysely<Database>;

/** The counts the rules need from the department's lettings: one row. */
const counts = prepareQuery((db, p: { departmentId: string; since: string }) => {
  const let_ = () =>
    db
      .selectFrom("vacancies as v")
      .where("v.department_id", "=", p.departmentId)
      .where("v.status", "=", "let");
  const lastMunicipal = db
    .selectFrom("vacancies as m")
    .select("m.let_at")
    .where("m.department_id", "=", p.departmentId)
    .where("m.let_via", "=", "municipal")
    .where("m.let_at", "is not", null)
    .orderBy("m.let_at", "desc")
    .limit(1);
  return db.selectNoFrom((eb) => [
    // "" sorts before every timestamp: without a municipal letting, every family unit counts.
    let_()
      .innerJoin("units as u", "u.id", "v.unit_id")
      .select((e) => e.fn.countAll<number>().as("n"))
      .where("u.kind", "=", "family")
      .where("v.let_at", ">", eb.fn.coalesce(lastMunicipal, eb.val("")))
      .as("family_units"),
    let_()
      .select((e) => e.fn.countAll<number>().as("n"))
      .where("v.let_via", "<>", "municipal")
      .where("v.let_at", ">=", p.since)
      .as("list_let"),
    let_()
      .select((e) => e.fn.countAll<number>().as("n"))
      .where("v.let_via", "=", "flexible")
      .where("v.let_at", ">=", p.since)
      .as("flexible_let"),
  ]);
});

/** The lists of the department's recent lettings from the lists, newest first (at most 11 matter). */
const recent = prepareQuery((db, p: { departmentId: string }) =>
  db
    .selectFrom("vacancies as v")
    .innerJoin("applications as a", "a.id", "v.let_application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select("l.kind")
    .where("v.department_id", "=", p.departmentId)
    .where("v.status", "=", "let")
    .where("v.let_via", "<>", "municipal")
    .orderBy("v.let_at", "desc")
    .limit(11),
);

/**
 * What has been let before in the department, counted from the vacancies let there: family units
 * since the last municipal assignment, the lists' turns, and the flexible share over 12 months.
 * Runs for every offer round.
 */
export async function lettingHistory(
  db: Db,
  departmentId: string,
  since12Months: string,
): Promise<LettingHistory> {
  // Two queries at once: on SQLite the two in one statement (a left join) took four times as long,
  // and on PostgreSQL their round trips overlap.
  const [count, lettings] = await Promise.all([
    counts.executeTakeFirst(db, { departmentId, since: since12Months }),
    recent.execute(db, { departmentId }),
  ]);
  const first = count!;
  const lists = lettings.map((r) => r.kind);
  let externalSinceInternal = 0;
  for (const kind of lists) {
    if (kind === "internal") break;
    externalSinceInternal += 1;
  }
  return {
    familyUnitsSinceMunicipal: Number(first.family_units),
    lastListLetting: (lists[0] ?? null) as WaitingList | null,
    externalSinceInternal,
    listLet: Number(first.list_let),
    flexibleLet: Number(first.flexible_let),
  };
}
