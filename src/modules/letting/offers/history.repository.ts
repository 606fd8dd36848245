import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { prepareQuery } from "../../../db/prepared.ts";
import type { LettingHistory, WaitingList } from "../ranking/index.ts";
import { departmentSettingsQuery, settingsInForce } from "../settings.service.ts";
import type { LettingSettings } from "../settings.ts";

type Db = Kysely<Database>;

/**
 * One row per department: its stored settings texts (and its organisation's), and the counts and
 * lists the rules need from its lettings. On PostgreSQL one statement is one round trip; the three
 * queries it replaced went out at once on three connections. The limits are literals: as bound
 * values inside the subqueries they made SQLite's statement seven times slower (42 against 6 µs).
 */
const basis = prepareQuery((db, p: { departmentId: string; since: string }) => {
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
    .limit(sql.lit(1));
  // The lists of the department's recent lettings from the lists (at most 11 matter).
  const recent = let_()
    .innerJoin("applications as a", "a.id", "v.let_application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["l.kind", "v.let_at"])
    .where("v.let_via", "<>", "municipal")
    .orderBy("v.let_at", "desc")
    .limit(sql.lit(11));
  return departmentSettingsQuery(db, p.departmentId).select((eb) => [
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
    // Newest first, as one text ("external,internal,…"): both databases write string_agg alike.
    eb
      .selectFrom(recent.as("r"))
      .select(sql<string | null>`string_agg(r.kind, ',' order by r.let_at desc)`.as("kinds"))
      .as("recent_lists"),
  ]);
});

/**
 * What every offer round reads before its candidates: the rule values in force for the department,
 * and what has been let there before — family units since the last municipal assignment, the
 * lists' turns, and the flexible share over the 12 months from `since12Months`.
 */
export async function lettingBasis(
  db: Db,
  organisationId: string,
  departmentId: string,
  since12Months: string,
): Promise<{ settings: LettingSettings; history: LettingHistory }> {
  const row = await basis.executeTakeFirst(db, { departmentId, since: since12Months });
  const lists = row?.recent_lists ? row.recent_lists.split(",") : [];
  let externalSinceInternal = 0;
  for (const kind of lists) {
    if (kind === "internal") break;
    externalSinceInternal += 1;
  }
  return {
    settings: settingsInForce(organisationId, row),
    history: {
      familyUnitsSinceMunicipal: Number(row?.family_units ?? 0),
      lastListLetting: (lists[0] ?? null) as WaitingList | null,
      externalSinceInternal,
      listLet: Number(row?.list_let ?? 0),
      flexibleLet: Number(row?.flexible_let ?? 0),
    },
  };
}
