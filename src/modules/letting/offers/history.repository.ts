import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { prepareQuery } from "../../../db/prepared.ts";
import type { LettingHistory, WaitingList } from "../ranking/index.ts";

type Db = Kysely<Database>;

const lastMunicipalLetting = prepareQuery((db, p: { departmentId: string }) =>
  db
    .selectFrom("vacancies")
    .select("let_at")
    .where("department_id", "=", p.departmentId)
    .where("let_via", "=", "municipal")
    .where("let_at", "is not", null)
    .orderBy("let_at", "desc")
    .limit(1),
);

const familyUnitsLetSince = prepareQuery((db, p: { departmentId: string; after: string }) =>
  db
    .selectFrom("vacancies as v")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("v.department_id", "=", p.departmentId)
    .where("v.status", "=", "let")
    .where("u.kind", "=", "family")
    .where("v.let_at", ">", p.after),
);

// The lists' recent turns: the list of each winner, newest first (at most 10 matter).
const recentListLettings = prepareQuery((db, p: { departmentId: string }) =>
  db
    .selectFrom("vacancies as v")
    .innerJoin("applications as a", "a.id", "v.let_application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["l.kind"])
    .where("v.department_id", "=", p.departmentId)
    .where("v.status", "=", "let")
    .where("v.let_via", "<>", "municipal")
    .orderBy("v.let_at", "desc")
    .limit(11),
);

const listLettingsSince = prepareQuery((db, p: { departmentId: string; since: string }) =>
  db
    .selectFrom("vacancies")
    .select(["let_via"])
    .where("department_id", "=", p.departmentId)
    .where("status", "=", "let")
    .where("let_via", "<>", "municipal")
    .where("let_at", ">=", p.since),
);

/**
 * What has been let before in the department, counted from the vacancies let there: family units
 * since the last municipal assignment, the lists' turns, and the flexible share over 12 months.
 * Prepared queries: this runs for every offer round.
 */
export async function lettingHistory(
  db: Db,
  departmentId: string,
  since12Months: string,
): Promise<LettingHistory> {
  const lastMunicipal = await lastMunicipalLetting.executeTakeFirst(db, { departmentId });
  // "" sorts before every timestamp: without a municipal letting, every family unit counts.
  const after = lastMunicipal?.let_at ?? "";
  const family = await familyUnitsLetSince.executeTakeFirst(db, { departmentId, after });
  const familyUnits = Number(family?.n ?? 0);
  const recent = await recentListLettings.execute(db, { departmentId });
  const lastListLetting: WaitingList | null = recent[0]?.kind ?? null;
  let externalSinceInternal = 0;
  for (const r of recent) {
    if (r.kind === "internal") break;
    externalSinceInternal += 1;
  }
  const period = await listLettingsSince.execute(db, { departmentId, since: since12Months });
  return {
    familyUnitsSinceMunicipal: familyUnits,
    lastListLetting,
    externalSinceInternal,
    listLet: period.length,
    flexibleLet: period.filter((p) => p.let_via === "flexible").length,
  };
}
