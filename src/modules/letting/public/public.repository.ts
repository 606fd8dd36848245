import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { escapeLike } from "../../../db/dialect.ts";
import type { UnitKind } from "../../masterdata/masterdata.table.ts";

/** The SQL of the public pages: vacant homes with filters, and a department's figures. */

export interface VacancyFilters {
  /** A municipality code (3–4 digits), a postcode (4 digits also matches) or the start of a town name. */
  municipality?: string;
  kind?: UnitKind;
  roomsMin?: number;
  roomsMax?: number;
  maxRentOre?: number;
  minArea?: number;
  stepFree?: boolean;
  elevator?: boolean;
  balcony?: boolean;
  pets?: boolean;
}

type Eb = ExpressionBuilder<
  Database & { u: Database["units"]; d: Database["departments"]; v: Database["vacancies"] },
  "u" | "d" | "v"
>;

function municipalityMatch(eb: Eb, value: string) {
  if (/^\d{3,4}$/.test(value))
    return eb.or([eb("d.municipality_code", "=", value.padStart(4, "0")), eb("u.postcode", "=", value)]);
  // SQLite's lower() folds only ASCII, so "Ærø" stays "Ærø": try the name as typed in both forms.
  const lower = value.toLocaleLowerCase("da");
  const capital = lower.charAt(0).toLocaleUpperCase("da") + lower.slice(1);
  // SQLite's LIKE has no escape character unless one is named; PostgreSQL's is the backslash.
  const startsWith = (prefix: string) =>
    sql<boolean>`lower(u.town) like ${`${escapeLike(prefix)}%`} escape '\\'`;
  return eb.or([startsWith(lower), startsWith(capital), startsWith(capital.toLowerCase())]);
}

/**
 * Vacancies being let (open, offering), plus vacant units with no vacancy in progress or done:
 * those are vacant too, just not yet registered for letting. A cancelled vacancy does not count.
 */
function vacantHomes(db: Kysely<Database>, f: VacancyFilters) {
  return db
    .selectFrom("units as u")
    .innerJoin("departments as d", "d.id", "u.department_id")
    .leftJoin("vacancies as v", (j) =>
      j.onRef("v.unit_id", "=", "u.id").on("v.status", "in", ["open", "offering"]),
    )
    .where((eb) => {
      const conditions = [
        eb.or([
          eb("v.id", "is not", null),
          eb.and([
            eb("u.status", "=", "vacant"),
            eb.not(
              eb.exists(
                eb
                  .selectFrom("vacancies as w")
                  .select("w.id")
                  .whereRef("w.unit_id", "=", "u.id")
                  .where("w.status", "!=", "cancelled"),
              ),
            ),
          ]),
        ]),
      ];
      if (f.municipality) conditions.push(municipalityMatch(eb as Eb, f.municipality));
      if (f.kind) conditions.push(eb("u.kind", "=", f.kind));
      if (f.roomsMin !== undefined) conditions.push(eb("u.rooms", ">=", f.roomsMin));
      if (f.roomsMax !== undefined) conditions.push(eb("u.rooms", "<=", f.roomsMax));
      if (f.minArea !== undefined) conditions.push(eb("u.area_m2", ">=", f.minArea));
      if (f.maxRentOre !== undefined)
        conditions.push(eb(eb.fn.coalesce("v.rent_ore", "u.rent_ore"), "<=", f.maxRentOre));
      if (f.stepFree) conditions.push(eb("u.has_step_free_access", "=", true));
      if (f.elevator) conditions.push(eb("u.has_elevator", "=", true));
      if (f.balcony) conditions.push(eb("u.has_balcony_or_garden", "=", true));
      if (f.pets) conditions.push(eb("u.is_pets_allowed", "=", true));
      return eb.and(conditions);
    });
}

/** One page of vacant homes (soonest first) and how many there are in all: two queries. */
export async function searchVacantHomes(
  db: Kysely<Database>,
  f: VacancyFilters,
  page: number,
  pageSize: number,
) {
  const [rows, count] = await Promise.all([
    vacantHomes(db, f)
      .innerJoin("organisations as o", "o.id", "u.organisation_id")
      .leftJoin("buildings as b", "b.id", "u.building_id")
      .select((eb) => [
        "u.id as unit_id",
        "v.id as vacancy_id",
        "u.street",
        "u.house_number",
        "u.floor",
        "u.door",
        "u.postcode",
        "u.town",
        "u.kind",
        "u.rooms",
        "u.area_m2",
        eb.fn.coalesce("v.rent_ore", "u.rent_ore").as("rent_ore"),
        "v.free_from",
        "b.energy_label",
        "u.has_elevator",
        "u.has_step_free_access",
        "u.has_balcony_or_garden",
        "u.is_pets_allowed",
        "d.id as department_id",
        "d.number as department_number",
        "d.name as department_name",
        "o.number as organisation_number",
      ])
      .orderBy(sql`coalesce(v.free_from, '')`)
      .orderBy("d.number")
      .orderBy("u.unit_number")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    vacantHomes(db, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type VacantHomeRow = Awaited<ReturnType<typeof searchVacantHomes>>["rows"][number];

/** A department by "organisation number-department number" (e.g. 1-101) or by its id. */
export async function findPublicDepartment(db: Kysely<Database>, key: string, lettingsSince: string) {
  const numbers = /^(\d{1,6})-(\d{1,6})$/.exec(key);
  let q = db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .select((eb) => [
      "d.id",
      "d.number",
      "d.name",
      "d.street",
      "d.house_number",
      "d.postcode",
      "d.town",
      "d.municipality_code",
      "d.construction_year",
      "o.number as organisation_number",
      "o.name as organisation_name",
      // Lettings from the waiting lists: a home the municipality assigned did not move the queue.
      eb
        .selectFrom("vacancies as v")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("v.department_id", "=", "d.id")
        .where("v.let_at", ">=", lettingsSince)
        .where((w) => w.or([w("v.let_via", "is", null), w("v.let_via", "!=", "municipal")]))
        .as("lettings"),
      eb
        .selectFrom("application_departments as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.department_id", "=", "d.id")
        .where("a.rank", "is not", null)
        .as("queue"),
    ]);
  q = numbers
    ? q.where("o.number", "=", Number(numbers[1])).where("d.number", "=", Number(numbers[2]))
    : q.where("d.id", "=", key);
  return q.executeTakeFirst();
}

/** The department's homes by kind and energy label: counts, rent per m² per year, facilities. */
export function departmentHomes(db: Kysely<Database>, departmentId: string) {
  return db
    .selectFrom("units as u")
    .leftJoin("buildings as b", "b.id", "u.building_id")
    .where("u.department_id", "=", departmentId)
    .where("u.status", "!=", "not_for_letting")
    .select((eb) => [
      "u.kind",
      "b.energy_label",
      eb.fn.countAll<number>().as("homes"),
      sql<number | null>`min(u.rent_ore * 12.0 / nullif(u.area_m2, 0))`.as("min_rent_m2_ore"),
      sql<number | null>`max(u.rent_ore * 12.0 / nullif(u.area_m2, 0))`.as("max_rent_m2_ore"),
      eb.fn.sum<number>("u.has_elevator").as("n_elevator"),
      eb.fn.sum<number>("u.has_step_free_access").as("n_step_free"),
      eb.fn.sum<number>("u.has_balcony_or_garden").as("n_balcony"),
      eb.fn.sum<number>("u.is_pets_allowed").as("n_pets"),
    ])
    .groupBy(["u.kind", "b.energy_label"])
    .execute();
}
