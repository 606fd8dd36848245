import type { Executor } from "../../../platform/audit.ts";

/** External keys → ids, loaded once per import so each row resolves its references in memory. */
export interface Lookups {
  organisations: Map<number, string>;
  departments: Map<string, { id: string }>;
  buildings: Map<string, { id: string; departmentId: string }>;
  units: Map<string, { id: string; departmentId: string }>;
  people: Map<string, { id: string }>;
}

export const keyOf = (organisationId: string, externalKey: string | number): string =>
  `${organisationId}|${externalKey}`;

export async function loadLookups(db: Executor): Promise<Lookups> {
  const [orgs, depts, buildings, units, people] = await Promise.all([
    db.selectFrom("organisations").select(["id", "number"]).execute(),
    db.selectFrom("departments").select(["id", "organisation_id", "number"]).execute(),
    db
      .selectFrom("buildings")
      .select(["id", "organisation_id", "building_number", "department_id"])
      .execute(),
    db.selectFrom("units").select(["id", "organisation_id", "unit_number", "department_id"]).execute(),
    db.selectFrom("people").select(["id", "organisation_id", "person_number"]).execute(),
  ]);
  return {
    organisations: new Map(orgs.map((o) => [o.number, o.id])),
    departments: new Map(depts.map((d) => [keyOf(d.organisation_id, d.number), { id: d.id }])),
    buildings: new Map(
      buildings.map((b) => [
        keyOf(b.organisation_id, b.building_number),
        { id: b.id, departmentId: b.department_id },
      ]),
    ),
    units: new Map(
      units.map((u) => [
        keyOf(u.organisation_id, u.unit_number),
        { id: u.id, departmentId: u.department_id },
      ]),
    ),
    people: new Map(people.map((p) => [keyOf(p.organisation_id, p.person_number), { id: p.id }])),
  };
}
