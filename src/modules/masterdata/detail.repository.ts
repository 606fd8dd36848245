import { sql } from "kysely";
import type { Executor } from "../../platform/audit.ts";
import type { HouseholdRole, UnitKind, UnitStatus } from "./masterdata.table.ts";

/** Single records for the staff pages, each with what its page walks down to. */

export async function getOrganisation(db: Executor, id: string) {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function getDepartment(db: Executor, id: string) {
  return db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .selectAll("d")
    .select(["o.name as organisation_name", "o.number as organisation_number"])
    .where("d.id", "=", id)
    .executeTakeFirst();
}

export interface DepartmentCounts {
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  units: number;
  currentTenancies: number;
  buildings: number;
}

/** Counts for a department page: units by kind and status, current tenancies, buildings. */
export async function departmentCountsOf(
  db: Executor,
  departmentId: string,
  today: string,
): Promise<DepartmentCounts> {
  const [groups, tenancies, buildings] = await Promise.all([
    db
      .selectFrom("units")
      .select(["kind", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("department_id", "=", departmentId)
      .groupBy(["kind", "status"])
      .execute(),
    db
      .selectFrom("tenancies as t")
      .innerJoin("units as u", "u.id", "t.unit_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("u.department_id", "=", departmentId)
      .where("t.start_date", "<=", today)
      .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", today)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("buildings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("department_id", "=", departmentId)
      .executeTakeFirstOrThrow(),
  ]);
  const byKind: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let units = 0;
  for (const g of groups) {
    const n = Number(g.n);
    byKind[g.kind] = (byKind[g.kind] ?? 0) + n;
    byStatus[g.status] = (byStatus[g.status] ?? 0) + n;
    units += n;
  }
  return { byKind, byStatus, units, currentTenancies: Number(tenancies.n), buildings: Number(buildings.n) };
}

export async function listBuildingsOf(db: Executor, departmentId: string) {
  return db
    .selectFrom("buildings as b")
    .select((eb) => [
      "b.id",
      "b.building_number",
      "b.street",
      "b.house_number",
      "b.postcode",
      "b.town",
      "b.energy_label",
      "b.construction_year",
      eb
        .selectFrom("units as u")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("u.building_id", "=", "b.id")
        .as("units"),
    ])
    .where("b.department_id", "=", departmentId)
    .orderBy("b.building_number")
    .execute();
}

export async function getBuilding(db: Executor, id: string) {
  return db
    .selectFrom("buildings as b")
    .innerJoin("departments as d", "d.id", "b.department_id")
    .selectAll("b")
    .select(["d.name as department_name", "d.number as department_number"])
    .where("b.id", "=", id)
    .executeTakeFirst();
}

export async function getUnit(db: Executor, id: string) {
  return db
    .selectFrom("units as u")
    .innerJoin("departments as d", "d.id", "u.department_id")
    .leftJoin("buildings as b", "b.id", "u.building_id")
    .selectAll("u")
    .select([
      "d.name as department_name",
      "d.number as department_number",
      "b.building_number",
      "b.energy_label",
    ])
    .where("u.id", "=", id)
    .executeTakeFirst();
}

export interface TenancyRow {
  id: string;
  tenancyNumber: string;
  startDate: string;
  endDate: string | null;
  rentAtStartOre: number;
  unitId: string;
  unitNumber: string;
  addressSearch: string;
}

export interface MemberRow {
  tenancyId: string;
  personId: string;
  name: string;
  role: HouseholdRole;
}

const tenancyColumns = [
  "t.id",
  "t.tenancy_number as tenancyNumber",
  "t.start_date as startDate",
  "t.end_date as endDate",
  "t.rent_at_start_ore as rentAtStartOre",
  "u.id as unitId",
  "u.unit_number as unitNumber",
  "u.address_search as addressSearch",
] as const;

export async function tenanciesOfUnit(db: Executor, unitId: string): Promise<TenancyRow[]> {
  return db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select(tenancyColumns)
    .where("t.unit_id", "=", unitId)
    .orderBy("t.start_date", "desc")
    .execute();
}

export async function tenanciesOfPerson(
  db: Executor,
  personId: string,
): Promise<(TenancyRow & { role: HouseholdRole })[]> {
  return db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select([...tenancyColumns, "m.role"])
    .where("m.person_id", "=", personId)
    .orderBy("t.start_date", "desc")
    .execute();
}

export async function getTenancy(db: Executor, id: string) {
  return db
    .selectFrom("tenancies as t")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select([...tenancyColumns, "t.organisation_id as organisationId", "u.department_id as departmentId"])
    .where("t.id", "=", id)
    .executeTakeFirst();
}

export async function membersOf(db: Executor, tenancyIds: string[]): Promise<MemberRow[]> {
  if (tenancyIds.length === 0) return [];
  return db
    .selectFrom("household_members as m")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select(["m.tenancy_id as tenancyId", "p.id as personId", "p.name", "m.role"])
    .where("m.tenancy_id", "in", tenancyIds)
    .orderBy(sql`case m.role when 'tenant' then 0 when 'co_tenant' then 1 when 'adult' then 2 else 3 end`)
    .orderBy("p.name")
    .execute();
}

export async function getPerson(db: Executor, id: string) {
  return db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The departments a person lives in (any tenancy), for department-scoped staff access. */
export async function departmentsOfPerson(db: Executor, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select("u.department_id")
    .distinct()
    .where("m.person_id", "=", personId)
    .execute();
  return rows.map((r) => r.department_id);
}

export type { UnitKind, UnitStatus };
