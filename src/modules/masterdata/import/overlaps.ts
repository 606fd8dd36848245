import type { Executor } from "../../../platform/audit.ts";

export interface TenancyPeriod {
  line: number;
  unitId: string;
  /** External key (organisation + tenancy number): the same tenancy may be re-imported. */
  key: string;
  start: string;
  end: string | null;
}

const overlaps = (a: { start: string; end: string | null }, b: { start: string; end: string | null }) =>
  a.start <= (b.end ?? "9999-12-31") && b.start <= (a.end ?? "9999-12-31");

/**
 * A unit has at most one tenancy covering any day: checks the file's tenancies against each other
 * and against those in the database that the file does not replace.
 */
export async function checkTenancyOverlaps(
  db: Executor,
  periods: TenancyPeriod[],
  ignoreId?: string,
): Promise<TenancyPeriod[]> {
  if (periods.length === 0) return [];
  // One form save checks one unit; an import checks every unit it touches.
  const units = [...new Set(periods.map((p) => p.unitId))];
  const stored = await db
    .selectFrom("tenancies")
    .select(["unit_id", "organisation_id", "tenancy_number", "start_date", "end_date"])
    .$if(units.length <= 100, (q) => q.where("unit_id", "in", units))
    .$if(ignoreId !== undefined, (q) => q.where("id", "!=", ignoreId!))
    .execute();
  const inFile = new Set(periods.map((p) => p.key));
  const byUnit = new Map<string, { key: string; start: string; end: string | null; line?: number }[]>();
  for (const t of stored) {
    const key = `${t.organisation_id}|${t.tenancy_number}`;
    if (inFile.has(key)) continue;
    byUnit.set(t.unit_id, [...(byUnit.get(t.unit_id) ?? []), { key, start: t.start_date, end: t.end_date }]);
  }
  const clashes: TenancyPeriod[] = [];
  for (const p of periods) {
    const others = byUnit.get(p.unitId) ?? [];
    if (others.some((o) => overlaps(o, p))) clashes.push(p);
    others.push({ key: p.key, start: p.start, end: p.end, line: p.line });
    byUnit.set(p.unitId, others);
  }
  return clashes;
}
