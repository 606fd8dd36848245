import type { Reach } from "../../../platform/access.ts";
import type { Executor } from "../../../platform/audit.ts";
import { formatBoolean, formatDecimal, formatOre } from "../../../platform/csv/values.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import type { ImportKind } from "./kinds.ts";

type Cells = Record<string, string>;
const pageSize = 2000;
const s = (v: string | number | null | undefined): string => (v === null || v === undefined ? "" : String(v));
const yes = (v: unknown) => formatBoolean(Boolean(v));

/**
 * Rows of one kind in the import format, in pages by id (keyset), so memory stays bounded and
 * export → import changes nothing. CPR numbers are never exported.
 */
/** One page of rows after a cursor (an id), for the API's bulk reads. */
export async function exportPage(
  db: Executor,
  reach: Reach,
  kind: ImportKind,
  after: string,
): Promise<{ rows: Cells[]; next: string | null }> {
  const page = await fetchPage(db, reach, kind, after);
  return { rows: page.rows, next: page.lastId };
}

export async function* exportRows(db: Executor, reach: Reach, kind: ImportKind): AsyncGenerator<Cells> {
  let after = "";
  for (;;) {
    const page = await fetchPage(db, reach, kind, after);
    for (const row of page.rows) yield row;
    if (page.lastId === null) return;
    after = page.lastId;
  }
}

/** One record in the import format: the values of its edit form. */
export async function exportRecord(db: Executor, kind: ImportKind, id: string): Promise<Cells | undefined> {
  const page = await fetchPage(db, { all: true, organisationIds: [], departmentIds: [] }, kind, "", id);
  return page.rows[0];
}

async function fetchPage(
  db: Executor,
  reach: Reach,
  kind: ImportKind,
  after: string,
  onlyId?: string,
): Promise<{ rows: Cells[]; lastId: string | null }> {
  const op = onlyId ? "=" : ">";
  const arg = onlyId ?? after;
  // Rows carry their id for the API; the CSV writer leaves it out (it writes only the columns).
  const done = (rows: Cells[], ids: string[]) => ({
    rows: rows.map((r, i) => ({ id: ids[i]!, ...r })),
    lastId: ids.length === pageSize ? ids[ids.length - 1]! : null,
  });
  switch (kind) {
    case "organisations": {
      const rows = await db
        .selectFrom("organisations as o")
        .selectAll()
        .where(withinReach(reach, "o.id", null))
        .where("o.id", op, arg)
        .orderBy("o.id")
        .limit(pageSize)
        .execute();
      return done(
        rows.map((o) => ({
          number: s(o.number),
          name: o.name,
          cvr: s(o.cvr),
          street: s(o.street),
          house_number: s(o.house_number),
          floor: s(o.floor),
          door: s(o.door),
          postcode: s(o.postcode),
          town: s(o.town),
        })),
        rows.map((r) => r.id),
      );
    }
    case "departments": {
      const rows = await db
        .selectFrom("departments as d")
        .innerJoin("organisations as o", "o.id", "d.organisation_id")
        .selectAll("d")
        .select("o.number as org")
        .where(withinReach(reach, "d.organisation_id", "d.id"))
        .where("d.id", op, arg)
        .orderBy("d.id")
        .limit(pageSize)
        .execute();
      return done(
        rows.map((d) => ({
          organisation: s(d.org),
          number: s(d.number),
          name: d.name,
          municipality_code: s(d.municipality_code),
          street: s(d.street),
          house_number: s(d.house_number),
          postcode: s(d.postcode),
          town: s(d.town),
          construction_year: s(d.construction_year),
          has_board: yes(d.has_board),
        })),
        rows.map((r) => r.id),
      );
    }
    case "buildings": {
      const rows = await db
        .selectFrom("buildings as b")
        .innerJoin("organisations as o", "o.id", "b.organisation_id")
        .innerJoin("departments as d", "d.id", "b.department_id")
        .selectAll("b")
        .select(["o.number as org", "d.number as dept"])
        .where(withinReach(reach, "b.organisation_id", "b.department_id"))
        .where("b.id", op, arg)
        .orderBy("b.id")
        .limit(pageSize)
        .execute();
      return done(
        rows.map((b) => ({
          organisation: s(b.org),
          department: s(b.dept),
          building_number: b.building_number,
          street: b.street,
          house_number: b.house_number,
          postcode: b.postcode,
          town: b.town,
          dar_id: s(b.dar_id),
          bbr_uuid: s(b.bbr_uuid),
          construction_year: s(b.construction_year),
          bbr_use_code: s(b.bbr_use_code),
          energy_label: s(b.energy_label),
          energy_label_serial: s(b.energy_label_serial),
          energy_label_valid_from: s(b.energy_label_valid_from),
          energy_label_valid_to: s(b.energy_label_valid_to),
        })),
        rows.map((r) => r.id),
      );
    }
    case "units": {
      const rows = await db
        .selectFrom("units as u")
        .innerJoin("organisations as o", "o.id", "u.organisation_id")
        .innerJoin("departments as d", "d.id", "u.department_id")
        .leftJoin("buildings as b", "b.id", "u.building_id")
        .selectAll("u")
        .select(["o.number as org", "d.number as dept", "b.building_number"])
        .where(withinReach(reach, "u.organisation_id", "u.department_id"))
        .where("u.id", op, arg)
        .orderBy("u.id")
        .limit(pageSize)
        .execute();
      return done(
        rows.map((u) => ({
          organisation: s(u.org),
          department: s(u.dept),
          building: s(u.building_number),
          unit_number: u.unit_number,
          street: u.street,
          house_number: u.house_number,
          floor: s(u.floor),
          door: s(u.door),
          postcode: u.postcode,
          town: u.town,
          kind: u.kind,
          rooms: s(u.rooms),
          area_m2: formatDecimal(u.area_m2),
          rent: formatOre(u.rent_ore),
          status: u.status,
          elevator: yes(u.has_elevator),
          step_free: yes(u.has_step_free_access),
          balcony_or_garden: yes(u.has_balcony_or_garden),
          pets_allowed: yes(u.is_pets_allowed),
          dar_id: s(u.dar_id),
          bbr_unit_uuid: s(u.bbr_unit_uuid),
        })),
        rows.map((r) => r.id),
      );
    }
    case "people": {
      const rows = await db
        .selectFrom("people as p")
        .innerJoin("organisations as o", "o.id", "p.organisation_id")
        .selectAll("p")
        .select("o.number as org")
        .where(withinReach(reach, "p.organisation_id", null))
        .where("p.id", op, arg)
        .orderBy("p.id")
        .limit(pageSize)
        .execute();
      return done(
        rows.map((p) => ({
          organisation: s(p.org),
          person_number: p.person_number,
          name: p.name,
          birth_date: s(p.birth_date),
          email: s(p.email),
          phone: s(p.phone),
          street: s(p.street),
          house_number: s(p.house_number),
          floor: s(p.floor),
          door: s(p.door),
          postcode: s(p.postcode),
          town: s(p.town),
          language: p.language,
          digital_post_exempt: yes(p.is_digital_post_exempt),
          email_consent: yes(p.has_email_consent),
        })),
        rows.map((r) => r.id),
      );
    }
    case "tenancies": {
      const rows = await db
        .selectFrom("tenancies as t")
        .innerJoin("organisations as o", "o.id", "t.organisation_id")
        .innerJoin("units as u", "u.id", "t.unit_id")
        .selectAll("t")
        .select(["o.number as org", "u.unit_number"])
        .where(withinReach(reach, "t.organisation_id", "u.department_id"))
        .where("t.id", op, arg)
        .orderBy("t.id")
        .limit(pageSize)
        .execute();
      const ids = rows.map((r) => r.id);
      const members = ids.length
        ? await db
            .selectFrom("household_members as m")
            .innerJoin("people as p", "p.id", "m.person_id")
            .select(["m.tenancy_id", "p.person_number", "m.role"])
            .where("m.tenancy_id", "in", ids)
            .execute()
        : [];
      const byTenancy = new Map<string, string[]>();
      for (const m of members)
        byTenancy.set(m.tenancy_id, [...(byTenancy.get(m.tenancy_id) ?? []), `${m.person_number}:${m.role}`]);
      return done(
        rows.map((t) => ({
          organisation: s(t.org),
          tenancy_number: t.tenancy_number,
          unit: t.unit_number,
          start_date: t.start_date,
          end_date: s(t.end_date),
          rent_at_start: formatOre(t.rent_at_start_ore),
          members: (byTenancy.get(t.id) ?? []).sort().join("|"),
        })),
        ids,
      );
    }
  }
}
