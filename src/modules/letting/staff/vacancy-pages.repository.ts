import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Reach } from "../../../platform/access.ts";

type Db = Kysely<Database>;

const within = (reach: Reach) => ({
  orgs: reach.organisationIds.length ? reach.organisationIds : [""],
  depts: reach.departmentIds.length ? reach.departmentIds : [""],
});

/** Units that may become vacant by hand: not let, within reach (at most 500, by number). */
export async function lettableUnits(db: Db, reach: Reach) {
  const w = within(reach);
  let q = db
    .selectFrom("units")
    .select(["id", "unit_number", "street", "house_number", "floor", "door", "postcode", "town"])
    .where("status", "<>", "let");
  if (!reach.all)
    q = q.where((eb) => eb.or([eb("organisation_id", "in", w.orgs), eb("department_id", "in", w.depts)]));
  return q.orderBy("unit_number").limit(500).execute();
}

/** Tenancies with an end date and no vacancy yet: move-outs waiting to be let. */
export async function pendingMoveOuts(db: Db, reach: Reach) {
  const w = within(reach);
  let q = db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select(["t.id", "t.end_date", "u.street", "u.house_number", "u.floor", "u.door", "u.postcode", "u.town"])
    .where("t.end_date", "is not", null)
    .where(
      "t.id",
      "not in",
      db
        .selectFrom("vacancies")
        .select("ending_tenancy_id")
        .where("ending_tenancy_id", "is not", null)
        .$narrowType<{ ending_tenancy_id: string }>(),
    );
  if (!reach.all)
    q = q.where((eb) => eb.or([eb("u.organisation_id", "in", w.orgs), eb("u.department_id", "in", w.depts)]));
  return q.orderBy("t.end_date").limit(200).execute();
}

/** The vacancy's rounds, their offers, and the names of everyone in the rankings. */
export async function roundsOf(db: Db, vacancyId: string) {
  const rounds = await db
    .selectFrom("offer_rounds")
    .selectAll()
    .where("vacancy_id", "=", vacancyId)
    .orderBy("round_number")
    .execute();
  const offers = await db
    .selectFrom("offers")
    .select(["id", "round_id", "application_id", "position", "status", "deadline_at", "answered_at"])
    .where("vacancy_id", "=", vacancyId)
    .execute();
  return { rounds, offers };
}

export async function applicantNames(db: Db, applicationIds: string[]): Promise<Map<string, string>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select(["a.id", "p.name"])
    .where("a.id", "in", applicationIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
