import { sql } from "kysely";
import type { DialectName } from "../../db/database.ts";
import { containsInsensitive, escapeLike } from "../../db/dialect.ts";
import type { Reach } from "../../platform/access.ts";
import type { Executor } from "../../platform/audit.ts";
import { withinReach } from "../../platform/reach-sql.ts";
import type { UnitKind, UnitStatus } from "./masterdata.table.ts";

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

const offset = (page: number, size: number) => (page - 1) * size;

/** The total behind a page; a first page that is not full already is the total (one query saved). */
async function totalOf(
  count: () => Promise<{ n: number | string }>,
  page: number,
  pageSize: number,
  rowsOnPage: number,
): Promise<number> {
  if (page === 1 && rowsOnPage < pageSize) return rowsOnPage;
  return Number((await count()).n);
}

export interface DepartmentFilter {
  q?: string;
  organisationId?: string;
  sort?: "number" | "name";
  page: number;
  pageSize: number;
}

export interface DepartmentListRow {
  id: string;
  organisationId: string;
  organisationName: string;
  number: number;
  name: string;
  municipalityCode: string | null;
  hasBoard: boolean;
}

export async function listDepartments(
  db: Executor,
  dialect: DialectName,
  reach: Reach,
  f: DepartmentFilter,
): Promise<Page<DepartmentListRow>> {
  let q = db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .where(withinReach(reach, "d.organisation_id", "d.id"));
  if (f.organisationId) q = q.where("d.organisation_id", "=", f.organisationId);
  const term = f.q?.trim();
  if (term) {
    q = q.where((eb) =>
      /^\d+$/.test(term)
        ? eb.or([eb("d.number", "=", Number(term)), containsInsensitive(dialect, eb.ref("d.name"), term)])
        : containsInsensitive(dialect, eb.ref("d.name"), term),
    );
  }
  const rows = await q
    .select([
      "d.id",
      "d.organisation_id as organisationId",
      "o.name as organisationName",
      "d.number",
      "d.name",
      "d.municipality_code as municipalityCode",
      "d.has_board",
    ])
    .orderBy(f.sort === "name" ? "d.name" : "d.number")
    .orderBy("d.id")
    .limit(f.pageSize)
    .offset(offset(f.page, f.pageSize))
    .execute();
  const count = {
    n: await totalOf(
      () => q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      f.page,
      f.pageSize,
      rows.length,
    ),
  };
  return {
    rows: rows.map(({ has_board, ...r }) => ({ ...r, hasBoard: has_board as boolean })),
    total: Number(count.n),
    page: f.page,
    pageSize: f.pageSize,
  };
}

export interface UnitFilter {
  q?: string;
  departmentId?: string;
  buildingId?: string;
  status?: UnitStatus;
  kind?: UnitKind;
  roomsMin?: number;
  roomsMax?: number;
  rentMinOre?: number;
  rentMaxOre?: number;
  energyLabel?: string;
  sort?: "number" | "address" | "rent" | "rooms" | "area";
  page: number;
  pageSize: number;
}

export interface UnitListRow {
  id: string;
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
  status: UnitStatus;
  departmentId: string;
  departmentNumber: number;
  departmentName: string;
}

const unitSorts = {
  number: "u.unit_number",
  address: "u.address_search",
  rent: "u.rent_ore",
  rooms: "u.rooms",
  area: "u.area_m2",
} as const;

/** Units by number, address fragment, status, kind, rooms, rent and energy class; paginated. */
export async function searchUnits(db: Executor, reach: Reach, f: UnitFilter): Promise<Page<UnitListRow>> {
  let q = db
    .selectFrom("units as u")
    .innerJoin("departments as d", "d.id", "u.department_id")
    .where(withinReach(reach, "u.organisation_id", "u.department_id"));
  const term = f.q?.trim().toLowerCase();
  if (term) {
    const pattern = `%${escapeLike(term)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("u.unit_number", "=", f.q!.trim()),
        sql<boolean>`${eb.ref("u.address_search")} like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (f.departmentId) q = q.where("u.department_id", "=", f.departmentId);
  if (f.buildingId) q = q.where("u.building_id", "=", f.buildingId);
  if (f.status) q = q.where("u.status", "=", f.status);
  if (f.kind) q = q.where("u.kind", "=", f.kind);
  if (f.roomsMin !== undefined) q = q.where("u.rooms", ">=", f.roomsMin);
  if (f.roomsMax !== undefined) q = q.where("u.rooms", "<=", f.roomsMax);
  if (f.rentMinOre !== undefined) q = q.where("u.rent_ore", ">=", f.rentMinOre);
  if (f.rentMaxOre !== undefined) q = q.where("u.rent_ore", "<=", f.rentMaxOre);
  if (f.energyLabel) {
    const label = f.energyLabel;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("buildings as b")
          .select("b.id")
          .whereRef("b.id", "=", "u.building_id")
          .where("b.energy_label", "=", label),
      ),
    );
  }
  const rows = await q
    .select([
      "u.id",
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
      "u.status",
      "d.id as departmentId",
      "d.number as departmentNumber",
      "d.name as departmentName",
    ])
    .orderBy(unitSorts[f.sort ?? "number"])
    .orderBy("u.id")
    .limit(f.pageSize)
    .offset(offset(f.page, f.pageSize))
    .execute();
  const count = {
    n: await totalOf(
      () => q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      f.page,
      f.pageSize,
      rows.length,
    ),
  };
  return { rows, total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

export interface PersonFilter {
  q?: string;
  page: number;
  pageSize: number;
}

export interface PersonListRow {
  id: string;
  personNumber: string;
  name: string;
  email: string | null;
  organisationName: string;
}

/**
 * People by name, number or e-mail. Staff reached only through departments see the people of
 * households in those departments.
 */
export async function searchPeople(
  db: Executor,
  dialect: DialectName,
  reach: Reach,
  f: PersonFilter,
): Promise<Page<PersonListRow>> {
  let q = db.selectFrom("people as p").innerJoin("organisations as o", "o.id", "p.organisation_id");
  if (!reach.all) {
    q = q.where((eb) => {
      const parts = [];
      if (reach.organisationIds.length) parts.push(eb("p.organisation_id", "in", reach.organisationIds));
      if (reach.departmentIds.length) {
        parts.push(
          eb.exists(
            eb
              .selectFrom("household_members as m")
              .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
              .innerJoin("units as u", "u.id", "t.unit_id")
              .select("m.id")
              .whereRef("m.person_id", "=", "p.id")
              .where("u.department_id", "in", reach.departmentIds),
          ),
        );
      }
      return parts.length ? eb.or(parts) : eb.lit(false);
    });
  }
  const term = f.q?.trim();
  if (term) {
    q = q.where((eb) =>
      eb.or([
        eb("p.person_number", "=", term),
        containsInsensitive(dialect, eb.ref("p.name"), term),
        containsInsensitive(dialect, eb.ref("p.email"), term),
      ]),
    );
  }
  const rows = await q
    .select(["p.id", "p.person_number as personNumber", "p.name", "p.email", "o.name as organisationName"])
    .orderBy("p.name")
    .orderBy("p.id")
    .limit(f.pageSize)
    .offset(offset(f.page, f.pageSize))
    .execute();
  const count = {
    n: await totalOf(
      () => q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      f.page,
      f.pageSize,
      rows.length,
    ),
  };
  return { rows, total: Number(count.n), page: f.page, pageSize: f.pageSize };
}
