import type { Reach } from "../../../platform/access.ts";
import { reaches } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { adapters } from "./adapters.ts";
import { BatchWriter } from "./engine.ts";
import type { Existing } from "./existing.ts";
import type { ImportKind } from "./kinds.ts";
import { keyOf, type Lookups } from "./lookups.ts";
import { checkTenancyOverlaps } from "./overlaps.ts";

export type SaveResult =
  | { ok: true; id: string; changed: boolean }
  | { ok: false; errors: Record<string, string> };

/**
 * Creates or edits one record from a form, through the same validation, resolution, audit and
 * write path as an imported row. Field names are the import columns.
 */
export async function saveRecord(
  ctx: AppContext,
  actor: Actor,
  reach: Reach,
  kind: ImportKind,
  values: Record<string, string>,
  existingId?: string,
): Promise<SaveResult> {
  const adapter = adapters[kind];
  const lookups = await lookupsForRow(ctx, kind, values);
  const result = adapter.resolve(values, lookups);
  if (!result.ok)
    return { ok: false, errors: Object.fromEntries(result.errors.map((e) => [e.column, e.message])) };
  const r = result.resolved;
  if (kind !== "organisations" || r.organisationId) {
    if (!reaches(reach, r.organisationId, r.departmentId))
      return { ok: false, errors: { organisation: "masterdata.errors.no_access" } };
  } else if (!reach.all) {
    return { ok: false, errors: { number: "masterdata.errors.no_access" } };
  }
  const table = adapter.table;
  const sameKey = (await ctx.db
    .selectFrom(table)
    .selectAll()
    .where(
      adapter.keyColumn as never,
      "=",
      (kind === "organisations" || kind === "departments" ? Number(r.externalKey) : r.externalKey) as never,
    )
    .$if(kind !== "organisations", (q) => q.where("organisation_id" as never, "=", r.organisationId as never))
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  let current = sameKey;
  if (existingId) {
    current = (await ctx.db.selectFrom(table).selectAll().where("id", "=", existingId).executeTakeFirst()) as
      | Record<string, unknown>
      | undefined;
    if (!current) return { ok: false, errors: { _form: "errors.not_found" } };
    if (sameKey && sameKey.id !== existingId)
      return { ok: false, errors: { [adapter.keyColumn]: "masterdata.errors.number_taken" } };
  } else if (sameKey) {
    return { ok: false, errors: { [adapter.keyColumn]: "masterdata.errors.number_taken" } };
  }
  if (kind === "tenancies") {
    const key = keyOf(r.organisationId, r.externalKey);
    const clash = await checkTenancyOverlaps(
      ctx.db,
      [
        {
          line: 0,
          key,
          unitId: String(r.values.unit_id),
          start: String(r.values.start_date),
          end: (r.values.end_date as string | null) ?? null,
        },
      ],
      existingId,
    );
    if (clash.length) return { ok: false, errors: { start_date: "masterdata.errors.tenancy_overlap" } };
  }
  const existing: Existing = { rows: new Map(), members: new Map() };
  const mapKey = kind === "organisations" ? r.externalKey : keyOf(r.organisationId, r.externalKey);
  if (current) existing.rows.set(mapKey, current);
  if (current && kind === "tenancies") {
    const members = await ctx.db
      .selectFrom("household_members")
      .select(["person_id", "role"])
      .where("tenancy_id", "=", String(current.id))
      .execute();
    existing.members.set(
      String(current.id),
      members
        .map((m) => `${m.person_id}:${m.role}`)
        .sort()
        .join("|"),
    );
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const writer = new BatchWriter(ctx, trx, actor, kind, existing);
    const written = await writer.apply(r);
    await writer.flush();
    return { id: written, changed: writer.counts.unchanged === 0 };
  });
  return { ok: true, ...id };
}

/** Only the references this one row needs, instead of loading every key of the organisation. */
async function lookupsForRow(ctx: AppContext, kind: ImportKind, v: Record<string, string>): Promise<Lookups> {
  const look: Lookups = {
    organisations: new Map(),
    departments: new Map(),
    buildings: new Map(),
    units: new Map(),
    people: new Map(),
  };
  const orgNumber = Number((kind === "organisations" ? v.number : v.organisation)?.trim());
  if (!Number.isInteger(orgNumber)) return look;
  const org = await ctx.db
    .selectFrom("organisations")
    .select("id")
    .where("number", "=", orgNumber)
    .executeTakeFirst();
  if (!org) return look;
  look.organisations.set(orgNumber, org.id);
  const dept = Number(v.department?.trim() ?? (kind === "departments" ? v.number?.trim() : NaN));
  if (Number.isInteger(dept)) {
    const d = await ctx.db
      .selectFrom("departments")
      .select("id")
      .where("organisation_id", "=", org.id)
      .where("number", "=", dept)
      .executeTakeFirst();
    if (d) look.departments.set(keyOf(org.id, dept), { id: d.id });
  }
  if (v.building?.trim()) {
    const b = await ctx.db
      .selectFrom("buildings")
      .select(["id", "department_id"])
      .where("organisation_id", "=", org.id)
      .where("building_number", "=", v.building.trim())
      .executeTakeFirst();
    if (b) look.buildings.set(keyOf(org.id, v.building.trim()), { id: b.id, departmentId: b.department_id });
  }
  if (kind === "tenancies" && v.unit?.trim()) {
    const u = await ctx.db
      .selectFrom("units")
      .select(["id", "department_id"])
      .where("organisation_id", "=", org.id)
      .where("unit_number", "=", v.unit.trim())
      .executeTakeFirst();
    if (u) look.units.set(keyOf(org.id, v.unit.trim()), { id: u.id, departmentId: u.department_id });
    const numbers = (v.members ?? "")
      .split("|")
      .map((p) => p.split(":")[0]?.trim())
      .filter((x): x is string => Boolean(x));
    if (numbers.length) {
      const people = await ctx.db
        .selectFrom("people")
        .select(["id", "person_number"])
        .where("organisation_id", "=", org.id)
        .where("person_number", "in", numbers)
        .execute();
      for (const p of people) look.people.set(keyOf(org.id, p.person_number), { id: p.id });
    }
  }
  return look;
}
