import type { Expression, SqlBool } from "kysely";
import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { withinReach } from "../../../platform/reach-sql.ts";

/** Queries of extraordinary-meeting demands and their signatures. */

/**
 * Each demand with its department, its count of signed households and when it was met: the first
 * extraordinary meeting of the department convened for it (the meeting names the demand) or
 * convened after the demand was reached.
 */
function demandsQuery(db: Executor) {
  return db
    .selectFrom("meeting_demands as d")
    .innerJoin("departments as dep", "dep.id", "d.department_id")
    .selectAll("d")
    .select((eb) => [
      "dep.name as departmentName",
      "dep.number as departmentNumber",
      eb
        .selectFrom("meetings as mt")
        .select((m) => m.fn.min<string>("mt.convened_at").as("met"))
        .whereRef("mt.department_id", "=", "d.department_id")
        .where("mt.kind", "=", "extraordinary")
        .where("mt.convened_at", "is not", null)
        .where((w) =>
          w.or([
            w("mt.demand_id", "=", w.ref("d.id")),
            w.and([w("d.reached_at", "is not", null), w("mt.convened_at", ">=", w.ref("d.reached_at"))]),
          ]),
        )
        .as("metAt"),
      eb
        .selectFrom("meeting_demand_signatures as s")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("s.demand_id", "=", "d.id")
        .as("signatures"),
    ]);
}
export type DemandRow = Awaited<ReturnType<ReturnType<typeof demandsQuery>["execute"]>>[number];

export function demandById(db: Executor, id: string) {
  return demandsQuery(db).where("d.id", "=", id).executeTakeFirst();
}

/** A department's demands, newest first. */
export function demandsOf(db: Executor, departmentId: string) {
  return demandsQuery(db)
    .where("d.department_id", "=", departmentId)
    .orderBy("d.created_at", "desc")
    .limit(20)
    .execute();
}

/** Reached demands not yet met within reach: the notice on the staff pages. */
export async function reachedDemandsIn(db: Executor, reach: Reach, departmentId?: string) {
  let q = demandsQuery(db)
    .where("d.status", "=", "reached")
    .where(withinReach(reach, "d.organisation_id", "d.department_id") as Expression<SqlBool>);
  if (departmentId) q = q.where("d.department_id", "=", departmentId);
  const rows = await q.orderBy("d.convene_by").limit(100).execute();
  return rows.filter((r) => !r.metAt);
}

/** The demands among `ids` that the household (tenancy) has signed. */
export async function signedByHousehold(db: Executor, ids: string[], tenancyId: string | undefined) {
  if (!tenancyId || ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom("meeting_demand_signatures")
    .select("demand_id")
    .where("demand_id", "in", ids)
    .where("tenancy_id", "=", tenancyId)
    .execute();
  return new Set(rows.map((r) => r.demand_id));
}

/** Signatures of a demand (households), counted inside a transaction. */
export async function countSignatures(db: Executor, demandId: string): Promise<number> {
  const row = await db
    .selectFrom("meeting_demand_signatures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("demand_id", "=", demandId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The sitting chair and members of the department board on `today`, with their language and home (for the address). */
export function sittingMembers(db: Executor, departmentId: string, today: string) {
  return db
    .selectFrom("board_members as m")
    .innerJoin("boards as b", "b.id", "m.board_id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select((eb) => [
      "m.person_id",
      "p.language",
      eb
        .selectFrom("household_members as hm")
        .innerJoin("tenancies as t", "t.id", "hm.tenancy_id")
        .innerJoin("units as u", "u.id", "t.unit_id")
        .select("u.id")
        .whereRef("hm.person_id", "=", "m.person_id")
        .where("u.department_id", "=", departmentId)
        .where("t.start_date", "<=", today)
        .where((w) => w.or([w("t.end_date", "is", null), w("t.end_date", ">=", today)]))
        .limit(1)
        .as("unitId"),
    ])
    .distinct()
    .where("b.department_id", "=", departmentId)
    .where("m.role", "in", ["chair", "member"])
    .where("m.start_date", "<=", today)
    .where("m.end_date", ">", today)
    .where((eb) => eb.or([eb("m.resigned_on", "is", null), eb("m.resigned_on", ">", today)]))
    .execute();
}
