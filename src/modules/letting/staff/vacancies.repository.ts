import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { Reach } from "../../../platform/access.ts";
import type { VacancyStatus } from "../letting.table.ts";

type Db = Kysely<Database>;

/** Vacancies within reach, the newest first (a page of them). */
export async function searchVacancies(
  db: Db,
  reach: Reach,
  filter: { status?: VacancyStatus; page: number; pageSize: number },
) {
  let q = db
    .selectFrom("vacancies as v")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .innerJoin("departments as d", "d.id", "v.department_id");
  if (!reach.all) {
    q = q.where((eb) =>
      eb.or([
        eb("v.organisation_id", "in", reach.organisationIds.length ? reach.organisationIds : [""]),
        eb("v.department_id", "in", reach.departmentIds.length ? reach.departmentIds : [""]),
      ]),
    );
  }
  if (filter.status) q = q.where("v.status", "=", filter.status);
  const rows = await q
    .select([
      "v.id",
      "v.status",
      "v.source",
      "v.free_from",
      "v.rent_ore",
      "v.let_via",
      "v.created_at",
      "u.unit_number",
      "u.street",
      "u.house_number",
      "u.floor",
      "u.door",
      "u.postcode",
      "u.town",
      "u.rooms",
      "u.kind",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .orderBy("v.created_at", "desc")
    .orderBy("v.id")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function findVacancy(db: Db, id: string) {
  return db
    .selectFrom("vacancies as v")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .innerJoin("departments as d", "d.id", "v.department_id")
    .selectAll("v")
    .select([
      "u.unit_number",
      "u.street",
      "u.house_number",
      "u.floor",
      "u.door",
      "u.postcode",
      "u.town",
      "u.rooms",
      "u.area_m2",
      "u.kind",
      "u.has_elevator",
      "u.has_step_free_access",
      "u.has_balcony_or_garden",
      "u.is_pets_allowed",
      "d.number as department_number",
      "d.name as department_name",
    ])
    .where("v.id", "=", id)
    .executeTakeFirst();
}

export type VacancyRow = NonNullable<Awaited<ReturnType<typeof findVacancy>>>;

/** The unit's address on one line: "Vejnavn 12A, 3. tv, 1620 København V". */
export function oneLine(u: {
  street: string;
  house_number: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
}): string {
  const flat = [u.floor ? `${u.floor}.` : null, u.door].filter(Boolean).join(" ");
  return [`${u.street} ${u.house_number}`, flat, `${u.postcode} ${u.town}`].filter(Boolean).join(", ");
}

/** A vacancy not yet let or cancelled blocks another one for the same unit. */
export async function openVacancyOf(db: Db, unitId: string) {
  return db
    .selectFrom("vacancies")
    .select("id")
    .where("unit_id", "=", unitId)
    .where("status", "in", ["open", "offering", "municipal"])
    .executeTakeFirst();
}
