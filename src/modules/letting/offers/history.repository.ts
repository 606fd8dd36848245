import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { prepareQuery } from "../../../db/prepared.ts";
import type { LettingHistory, WaitingList } from "../ranking/index.ts";

type Db = Kysely<Database>;

/**
 * Everything the rules need from the department's lettings, in one query (one round trip): the
 * counts as columns, and one row per recent letting from the lists (at most 11 matter), newest
 * first; a single row with a null `list` when there are none.
 */
const history = prepareQuery((db, p: { departmentId: string; since: string }) => {
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
  const counts = db.selectNoFrom((eb) => [
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
  const recent = let_()
    .innerJoin("applications as a", "a.id", "v.let_application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["l.kind", "v.let_at"])
    .where("v.let_via", "<>", "municipal")
    .orderBy("v.let_at", "desc")
    .limit(11);
  return db
    .selectFrom(counts.as("c"))
    .leftJoin(recent.as("r"), (j) => j.onTrue())
    .select(["c.family_units", "c.list_let", "c.flexible_let", "r.kind as list"])
    .orderBy("r.let_at", "desc");
});

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
  const rows = await history.execute(db, { departmentId, since: since12Months });
  const first = rows[0]!;
  const recent = rows.flatMap((r) => (r.list ? [r.list] : []));
  let externalSinceInternal = 0;
  for (const kind of recent) {
    if (kind === "internal") break;
    externalSinceInternal += 1;
  }
  return {
    familyUnitsSinceMunicipal: Number(first.family_units),
    lastListLetting: (recent[0] ?? null) as WaitingList | null,
    externalSinceInternal,
    listLet: Number(first.list_let),
    flexibleLet: Number(first.flexible_let),
  };
}
