import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { parseBoolean, parseDate, parseKronerToOre } from "../../../platform/csv/values.ts";
import { memoByText } from "../../../platform/memo.ts";
import { type ApplicationStatus, applicationStatuses, type ListKind } from "../letting.table.ts";
import { unitFeatures, unitKinds } from "../ranking/index.ts";
import type { Parsed } from "./bulk-write.ts";

/**
 * A row of the applications file (docs/import.md, "Applications"): its columns, the errors a row
 * can have, and the check of one row against the master data the import holds in memory.
 */

export const applicationColumns = [
  "organisation",
  "list",
  "person_number",
  "seniority_date",
  "status",
  "departments",
  "rooms_min",
  "rooms_max",
  "max_rent",
  "kinds",
  "features",
  "household_size",
  "has_children",
  "paid_until",
] as const;

/** Columns a file may leave out (their cells are then empty). */
export const optionalColumns = new Set<string>([
  "status",
  "rooms_min",
  "rooms_max",
  "max_rent",
  "kinds",
  "features",
  "household_size",
  "has_children",
  "paid_until",
]);

export const applicationErrors = {
  organisation_unknown: "masterdata.errors.organisation_unknown",
  department_unknown: "masterdata.errors.department_unknown",
  person_unknown: "The person does not exist in the housing organisation (import people first).",
  list: "The list must be external or internal.",
  status: "The status must be active, passive, removed or housed.",
  departments: "Write one or more department numbers separated by | (e.g. 101|102).",
  department_twice: "The same department is listed twice.",
  kinds: "The kinds must be family, youth or senior, separated by |.",
  features: "The features must be stepFree, elevator, balconyOrGarden or petsAllowed, separated by |.",
  rooms_order: "rooms_min must not be larger than rooms_max.",
  already_on_list: "The person is already on this list (an earlier line or an existing application).",
  date: "masterdata.errors.date",
  required: "masterdata.errors.required",
  out_of_range: "masterdata.errors.out_of_range",
  amount: "masterdata.errors.amount",
  yes_no: "masterdata.errors.yes_no",
  missing_column: "masterdata.errors.missing_column",
  column_count: "masterdata.errors.column_count",
} as const;

const listNames: Record<string, ListKind> = {
  external: "external",
  ekstern: "external",
  internal: "internal",
  intern: "internal",
};
const statusNames: Record<string, ApplicationStatus> = {
  ...Object.fromEntries(applicationStatuses.map((s) => [s, s])),
  aktiv: "active",
  passiv: "passive",
};
const kindSet = new Set<string>(unitKinds);
const featureByLower = new Map<string, string>(unitFeatures.map((f) => [f.toLowerCase(), f]));

/** Keyed by the parent's id first: a million look-ups then build no joined key strings. */
type ByOrganisation<T> = Map<string, Map<string, T>>;

export interface MasterData {
  /** organisation number → id */
  organisations: Map<string, string>;
  /** organisation id → department number → department id */
  departments: ByOrganisation<string>;
  /** organisation id → person_number → person id */
  people: ByOrganisation<string>;
}

function group<R>(rows: R[], parent: (r: R) => string, key: (r: R) => string, id: (r: R) => string) {
  const by: ByOrganisation<string> = new Map();
  for (const r of rows) {
    let inner = by.get(parent(r));
    if (!inner) {
      inner = new Map();
      by.set(parent(r), inner);
    }
    inner.set(key(r), id(r));
  }
  return by;
}

export async function loadMasterData(db: Kysely<Database>): Promise<MasterData> {
  const [orgs, depts, people] = await Promise.all([
    db.selectFrom("organisations").select(["id", "number"]).execute(),
    db.selectFrom("departments").select(["id", "organisation_id", "number"]).execute(),
    db.selectFrom("people").select(["id", "organisation_id", "person_number"]).execute(),
  ]);
  return {
    organisations: new Map(orgs.map((o) => [String(o.number), o.id])),
    departments: group(
      depts,
      (d) => d.organisation_id,
      (d) => String(d.number),
      (d) => d.id,
    ),
    people: group(
      people,
      (p) => p.organisation_id,
      (p) => p.person_number,
      (p) => p.id,
    ),
  };
}

const blank = (v: string | undefined) => v === undefined || v.trim() === "";

function optionalWhole(v: string | undefined, min: number, max: number): number | null | undefined {
  if (blank(v)) return null;
  const t = v!.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** Splits "a|b|c" into trimmed, non-empty parts. */
const parts = (v: string | undefined): string[] =>
  blank(v)
    ? []
    : v!
        .split("|")
        .map((s) => s.trim())
        .filter((s) => s !== "");

/**
 * A list cell ("family|youth") as canonical JSON, or undefined when a part is unknown. Remembered
 * by cell text: a file has few distinct ones, and each is then parsed and written once.
 */
function listCell(
  read: (part: string) => string | undefined,
): (cell: string | undefined) => string | undefined {
  const json = memoByText((text) => {
    const values = parts(text).map(read);
    return values.includes(undefined) ? undefined : JSON.stringify([...new Set(values)]);
  });
  return (cell) => json(cell ?? "");
}
const kindsOf = listCell((k) => (kindSet.has(k.toLowerCase()) ? k.toLowerCase() : undefined));
const featuresOf = listCell((f) => featureByLower.get(f.toLowerCase()));

/** A row that passed every check, before its list is known. */
type Checked = Parsed & { organisationId: string; kind: ListKind };

/**
 * The checks of one row against the master data, reporting each bad cell. Synchronous and
 * allocation-light: it runs a million times in a big import.
 */
export function rowChecker(
  master: MasterData,
  fail: (line: number, column: string | null, message: string) => void,
): (line: number, v: Record<string, string>) => Checked | null {
  // The row being checked: one reporting function for all rows, not a closure made per row.
  let line = 0;
  let ok = true;
  const bad = (column: string, message: string) => {
    ok = false;
    fail(line, column, message);
  };
  return (rowLine, v) => {
    line = rowLine;
    ok = true;
    const organisationId = master.organisations.get((v.organisation ?? "").trim());
    if (!organisationId) bad("organisation", applicationErrors.organisation_unknown);
    const kind = listNames[(v.list ?? "").trim().toLowerCase()];
    if (!kind) bad("list", applicationErrors.list);
    const personNumber = (v.person_number ?? "").trim();
    let personId: string | undefined;
    if (!personNumber) bad("person_number", applicationErrors.required);
    else if (organisationId) {
      personId = master.people.get(organisationId)?.get(personNumber);
      if (!personId) bad("person_number", applicationErrors.person_unknown);
    }
    const seniority = parseDate(v.seniority_date ?? "");
    if (!seniority) bad("seniority_date", applicationErrors.date);
    const status: ApplicationStatus | undefined = blank(v.status)
      ? "active"
      : statusNames[v.status!.trim().toLowerCase()];
    if (!status) bad("status", applicationErrors.status);
    const numbers = parts(v.departments);
    const departmentIds: string[] = [];
    if (numbers.length === 0) bad("departments", applicationErrors.departments);
    else if (organisationId) {
      const departments = master.departments.get(organisationId);
      for (const n of numbers) {
        const id = departments?.get(n);
        if (!id) {
          bad("departments", applicationErrors.department_unknown);
          break;
        }
        if (departmentIds.includes(id)) {
          bad("departments", applicationErrors.department_twice);
          break;
        }
        departmentIds.push(id);
      }
    }
    const roomsMin = optionalWhole(v.rooms_min, 1, 20);
    if (roomsMin === undefined) bad("rooms_min", applicationErrors.out_of_range);
    const roomsMax = optionalWhole(v.rooms_max, 1, 20);
    if (roomsMax === undefined) bad("rooms_max", applicationErrors.out_of_range);
    if (roomsMin != null && roomsMax != null && roomsMin > roomsMax)
      bad("rooms_max", applicationErrors.rooms_order);
    let maxRentOre: number | null = null;
    if (!blank(v.max_rent)) {
      const ore = parseKronerToOre(v.max_rent!);
      if (ore === undefined || ore < 0) bad("max_rent", applicationErrors.amount);
      else maxRentOre = ore;
    }
    const kinds = kindsOf(v.kinds);
    if (kinds === undefined) bad("kinds", applicationErrors.kinds);
    const features = featuresOf(v.features);
    if (features === undefined) bad("features", applicationErrors.features);
    const householdSize = blank(v.household_size) ? 1 : optionalWhole(v.household_size, 1, 20);
    if (householdSize == null) bad("household_size", applicationErrors.out_of_range);
    const hasChildren = parseBoolean(v.has_children ?? "");
    if (hasChildren === undefined) bad("has_children", applicationErrors.yes_no);
    const feePaidUntil = blank(v.paid_until) ? null : parseDate(v.paid_until!);
    if (feePaidUntil === undefined) bad("paid_until", applicationErrors.date);
    if (!ok || !organisationId || !kind || !personId) return null;
    return {
      organisationId,
      kind,
      personId,
      seniority: seniority!,
      status: status!,
      departmentIds,
      roomsMin: roomsMin ?? null,
      roomsMax: roomsMax ?? null,
      maxRentOre,
      kinds: kinds!,
      features: features!,
      householdSize: householdSize!,
      hasChildren: hasChildren ? 1 : 0,
      feePaidUntil: feePaidUntil ?? null,
    };
  };
}
