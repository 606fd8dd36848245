import { prepareQuery } from "../../db/prepared.ts";
import type { Executor } from "../../platform/audit.ts";
import type { HouseholdRole, UnitKind } from "./masterdata.table.ts";

export interface HomeRow {
  tenancyId: string;
  tenancyNumber: string;
  startDate: string;
  endDate: string | null;
  unitId: string;
  unitNumber: string;
  street: string;
  houseNumber: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
  kind: UnitKind;
  rooms: number;
  areaM2: number;
  rentOre: number;
  departmentId: string;
  departmentName: string;
  departmentNumber: number;
  organisationName: string;
  household: { name: string; role: HouseholdRole }[];
}

// One round trip: each home once per household member (the person is one of them). Every
// resident home page runs it, so it is built once (see db/prepared.ts).
const currentHomes = prepareQuery((db, p: { personId: string; today: string }) =>
  db
    .selectFrom("household_members as me")
    .innerJoin("tenancies as t", "t.id", "me.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .innerJoin("departments as d", "d.id", "u.department_id")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .innerJoin("household_members as m", "m.tenancy_id", "t.id")
    .innerJoin("people as p", "p.id", "m.person_id")
    .select([
      "t.id as tenancyId",
      "t.tenancy_number as tenancyNumber",
      "t.start_date as startDate",
      "t.end_date as endDate",
      "u.id as unitId",
      "u.unit_number as unitNumber",
      "u.street",
      "u.house_number as houseNumber",
      "u.floor",
      "u.door",
      "u.postcode",
      "u.town",
      "u.kind",
      "u.rooms",
      "u.area_m2 as areaM2",
      "u.rent_ore as rentOre",
      "d.id as departmentId",
      "d.name as departmentName",
      "d.number as departmentNumber",
      "o.name as organisationName",
      "p.name as memberName",
      "m.role as memberRole",
    ])
    .where("me.person_id", "=", p.personId)
    .where("t.start_date", "<=", p.today)
    .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", p.today)]))
    .orderBy("p.name"),
);

/** The current homes of a person (tenancies covering today), with the households living there. */
export async function findCurrentHomes(db: Executor, personId: string, today: string): Promise<HomeRow[]> {
  const rows = await currentHomes.execute(db, { personId, today });
  const homes = new Map<string, HomeRow>();
  for (const { memberName, memberRole, ...home } of rows) {
    let found = homes.get(home.tenancyId);
    if (!found) {
      found = { ...home, household: [] };
      homes.set(home.tenancyId, found);
    }
    found.household.push({ name: memberName, role: memberRole });
  }
  return [...homes.values()];
}

export interface DepartmentCount {
  id: string;
  number: number;
  name: string;
  organisationName: string;
  units: number;
  vacant: number;
}

/** Departments in scope with unit and vacancy counts (for staff and board homes). */
export async function departmentCounts(
  db: Executor,
  scope: { organisationIds: string[] | null; departmentIds?: string[] },
  limit = 50,
): Promise<DepartmentCount[]> {
  let q = db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .leftJoin("units as u", "u.department_id", "d.id")
    .select((eb) => [
      "d.id",
      "d.number",
      "d.name",
      "o.name as organisationName",
      eb.fn.count<number>("u.id").as("units"),
      eb.fn.sum<number>(eb.case().when("u.status", "=", "vacant").then(1).else(0).end()).as("vacant"),
    ])
    .groupBy(["d.id", "d.number", "d.name", "o.name"])
    .orderBy("d.number")
    .limit(limit);
  if (scope.organisationIds !== null)
    q = q.where("d.organisation_id", "in", scope.organisationIds.length ? scope.organisationIds : [""]);
  if (scope.departmentIds) q = q.where("d.id", "in", scope.departmentIds.length ? scope.departmentIds : [""]);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, units: Number(r.units), vacant: Number(r.vacant ?? 0) }));
}
