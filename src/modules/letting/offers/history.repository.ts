import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { LettingHistory, WaitingList } from "../ranking/index.ts";

type Db = Kysely<Database>;

/**
 * What has been let before in the department, counted from the vacancies let there: family units
 * since the last municipal assignment, the lists' turns, and the flexible share over 12 months.
 */
export async function lettingHistory(
  db: Db,
  departmentId: string,
  since12Months: string,
): Promise<LettingHistory> {
  const lastMunicipal = await db
    .selectFrom("vacancies")
    .select("let_at")
    .where("department_id", "=", departmentId)
    .where("let_via", "=", "municipal")
    .where("let_at", "is not", null)
    .orderBy("let_at", "desc")
    .limit(1)
    .executeTakeFirst();
  let family = db
    .selectFrom("vacancies as v")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("v.department_id", "=", departmentId)
    .where("v.status", "=", "let")
    .where("u.kind", "=", "family");
  if (lastMunicipal?.let_at) family = family.where("v.let_at", ">", lastMunicipal.let_at);
  const familyUnits = Number((await family.executeTakeFirstOrThrow()).n);

  // The lists' recent turns: the list of each winner, newest first (at most 10 matter).
  const recent = await db
    .selectFrom("vacancies as v")
    .innerJoin("applications as a", "a.id", "v.let_application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["l.kind"])
    .where("v.department_id", "=", departmentId)
    .where("v.status", "=", "let")
    .where("v.let_via", "<>", "municipal")
    .orderBy("v.let_at", "desc")
    .limit(11)
    .execute();
  const lastListLetting: WaitingList | null = recent[0]?.kind ?? null;
  let externalSinceInternal = 0;
  for (const r of recent) {
    if (r.kind === "internal") break;
    externalSinceInternal += 1;
  }

  const period = await db
    .selectFrom("vacancies")
    .select(["let_via"])
    .where("department_id", "=", departmentId)
    .where("status", "=", "let")
    .where("let_via", "<>", "municipal")
    .where("let_at", ">=", since12Months)
    .execute();
  return {
    familyUnitsSinceMunicipal: familyUnits,
    lastListLetting,
    externalSinceInternal,
    listLet: period.length,
    flexibleLet: period.filter((p) => p.let_via === "flexible").length,
  };
}
