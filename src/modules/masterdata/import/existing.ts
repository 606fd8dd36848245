import type { Executor } from "../../../platform/audit.ts";
import { adapters } from "./adapters.ts";
import type { ImportKind } from "./kinds.ts";
import { keyOf } from "./lookups.ts";

/** The rows an import may update, by external key, with households for tenancies. */
export interface Existing {
  rows: Map<string, Record<string, unknown>>;
  /** tenancy id → "personId:role|…" sorted, to see whether a household changed. */
  members: Map<string, string>;
}

export async function loadExisting(db: Executor, kind: ImportKind): Promise<Existing> {
  const adapter = adapters[kind];
  const rows = (await db.selectFrom(adapter.table).selectAll().execute()) as Record<string, unknown>[];
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const key =
      kind === "organisations"
        ? String(row.number)
        : keyOf(String(row.organisation_id), String(row[adapter.keyColumn]));
    byKey.set(key, row);
  }
  const members = new Map<string, string>();
  if (kind === "tenancies") {
    const all = await db
      .selectFrom("household_members")
      .select(["tenancy_id", "person_id", "role"])
      .execute();
    const grouped = new Map<string, string[]>();
    for (const m of all)
      grouped.set(m.tenancy_id, [...(grouped.get(m.tenancy_id) ?? []), `${m.person_id}:${m.role}`]);
    for (const [id, list] of grouped) members.set(id, list.sort().join("|"));
  }
  return { rows: byKey, members };
}
