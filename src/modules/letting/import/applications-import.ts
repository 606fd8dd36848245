import { type Kysely, sql } from "kysely";
import type { Db } from "../../../db/database.ts";
import type { Database } from "../../../db/database-types.ts";
import { analyzeTable, settleTable } from "../../../db/dialect.ts";
import { CsvError } from "../../../platform/csv/errors.ts";
import { type CsvInput, readCsv } from "../../../platform/csv/read.ts";
import { parseBoolean, parseDate, parseKronerToOre } from "../../../platform/csv/values.ts";
import { newId } from "../../../platform/ids.ts";
import { type ApplicationStatus, applicationStatuses, type ListKind } from "../letting.table.ts";
import { rerankWithin } from "../queue.repository.ts";
import { unitFeatures, unitKinds } from "../ranking/index.ts";
import { BulkIndexes, bulkThreshold, type Parsed, sqliteBulkSession, Writer } from "./bulk-write.ts";

/**
 * Importing waiting-list applications from an old system (docs/import.md, "Applications").
 *
 * One pass over the file: each row is checked against master data held in memory (organisations,
 * departments, people) and, while no row has failed, written in multi-row batches inside one
 * transaction. A bad row stops the writing but not the checking, so the report lists every bad row;
 * the transaction is then rolled back: all or nothing. Ranks are computed once at the end, in the
 * same transaction (`rerankWithin`), never per row.
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
] as const;

/** Columns a file may leave out (their cells are then empty). */
const optionalColumns = new Set<string>([
  "status",
  "rooms_min",
  "rooms_max",
  "max_rent",
  "kinds",
  "features",
  "household_size",
  "has_children",
]);

export interface ApplicationRowError {
  line: number;
  column: string | null;
  /** An i18n key (masterdata.errors.*) or, for letting-specific problems, English text. */
  message: string;
}

export interface ApplicationsImportReport {
  rows: number;
  created: number;
  /** Rows in application_departments (one per application and wanted department). */
  queueEntries: number;
  errors: ApplicationRowError[];
  errorCount: number;
  written: boolean;
  /** Wall time of writing the queue rows with their ranks, in ms (0 when nothing was written). */
  queueMs: number;
}

export interface ApplicationsImportOptions {
  dryRun?: boolean;
  onProgress?: (rows: number, phase: "import" | "rank") => void;
  /** Rows per INSERT of applications (queue rows go in batches of twice as many). */
  batchSize?: number;
  /** Applications written before the secondary indexes are dropped until the end (default 20,000). */
  bulkAfter?: number;
  /** `created_at`/`updated_at` of the new rows. */
  now?: string;
}

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

const maxListedErrors = 1000;
/** Rows kept for one multi-row INSERT: 14 parameters a row, well below both databases' limits. */
const defaultBatchSize = 1000;

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

interface MasterData {
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

async function loadMasterData(db: Kysely<Database>): Promise<MasterData> {
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

/** Whether any of the lists holds an application (then the import cannot number the queues itself). */
async function hasApplications(trx: Kysely<Database>, listIds: string[]): Promise<boolean> {
  const row = await trx
    .selectFrom("applications")
    .select("id")
    .where("list_id", "in", listIds)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisation's two lists, made when missing (as lists.service's ensureWaitingLists does). */
async function waitingLists(trx: Kysely<Database>, organisationId: string, now: string) {
  for (const kind of ["external", "internal"] as const) {
    await trx
      .insertInto("waiting_lists")
      .values({ id: newId(), organisation_id: organisationId, kind, created_at: now })
      .onConflict((oc) => oc.columns(["organisation_id", "kind"]).doNothing())
      .execute();
  }
  const rows = await trx
    .selectFrom("waiting_lists")
    .select(["id", "kind"])
    .where("organisation_id", "=", organisationId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r.id])) as Record<ListKind, string>;
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
  const memo = new Map<string, string | undefined>();
  return (cell) => {
    const text = cell ?? "";
    if (memo.has(text)) return memo.get(text);
    const values = parts(text).map(read);
    const json = values.includes(undefined) ? undefined : JSON.stringify([...new Set(values)]);
    if (memo.size < 10_000) memo.set(text, json);
    return json;
  };
}
const kindsOf = listCell((k) => (kindSet.has(k.toLowerCase()) ? k.toLowerCase() : undefined));
const featuresOf = listCell((f) => featureByLower.get(f.toLowerCase()));

/** A row that passed every check, before its list is known. */
type Checked = Omit<Parsed, "listId"> & { organisationId: string; kind: ListKind };

/**
 * The checks of one row against the master data, reporting each bad cell. Synchronous and
 * allocation-light: it runs a million times in a big import.
 */
function rowChecker(
  master: MasterData,
  fail: (line: number, column: string | null, message: string) => void,
): (line: number, v: Record<string, string>) => Checked | null {
  return (line, v) => {
    let ok = true;
    const bad = (column: string, message: string) => {
      ok = false;
      fail(line, column, message);
    };
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
    };
  };
}

/** Imports applications; throws only for database failures, bad rows are reported. */
export async function importApplications(
  database: Db,
  open: () => CsvInput,
  options: ApplicationsImportOptions = {},
): Promise<ApplicationsImportReport> {
  const { kysely: db, dialect } = database;
  const report: ApplicationsImportReport = {
    rows: 0,
    created: 0,
    queueEntries: 0,
    errors: [],
    errorCount: 0,
    written: false,
    queueMs: 0,
  };
  const fail = (line: number, column: string | null, message: string) => {
    report.errorCount++;
    if (report.errors.length < maxListedErrors) report.errors.push({ line, column, message });
  };
  const now = options.now ?? new Date().toISOString();
  const batchSize = options.batchSize ?? defaultBatchSize;

  const rollback = new Error("rollback: the file has errors");
  const restore = dialect === "sqlite" ? await sqliteBulkSession(db) : undefined;
  try {
    await db.transaction().execute(async (trx) => {
      if (dialect === "postgres") await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
      // Read in the transaction: the references the import writes are checked against these.
      const master = await loadMasterData(trx);
      const bulk = new BulkIndexes(trx, dialect);
      // Per list, the people already on it or met earlier in the file.
      const taken = new Map<string, Set<string>>();
      const takenOn = (listId: string) => {
        let people = taken.get(listId);
        if (!people) {
          people = new Set();
          taken.set(listId, people);
        }
        return people;
      };
      for (const a of await trx.selectFrom("applications").select(["list_id", "person_id"]).execute())
        takenOn(a.list_id).add(a.person_id);
      const lists = new Map<string, Record<ListKind, string>>();
      const writer = new Writer(trx, dialect, now, batchSize);
      const write = !options.dryRun;
      let listsWereEmpty = true;
      const check = rowChecker(master, fail);

      try {
        const reader = await readCsv(open());
        const header = new Set(reader.header);
        const missing = applicationColumns.filter((c) => !header.has(c) && !optionalColumns.has(c));
        if (missing.length) {
          await reader.close();
          for (const c of missing) fail(1, c, applicationErrors.missing_column);
        } else {
          for await (const row of reader) {
            report.rows++;
            if (report.rows % 20_000 === 0) options.onProgress?.(report.rows, "import");
            if (!row.ok) {
              fail(row.line, null, applicationErrors.column_count);
              continue;
            }
            const checked = check(row.line, row.values);
            if (!checked) continue;
            let ids = lists.get(checked.organisationId);
            if (!ids) {
              ids = await waitingLists(trx, checked.organisationId, now);
              lists.set(checked.organisationId, ids);
              if (await hasApplications(trx, Object.values(ids))) listsWereEmpty = false;
            }
            const listId = ids[checked.kind];
            const people = takenOn(listId);
            if (people.has(checked.personId)) {
              fail(row.line, "person_number", applicationErrors.already_on_list);
              continue;
            }
            people.add(checked.personId);
            if (!write || report.errorCount > 0) continue;
            writer.add(listId, checked);
            if (writer.full) {
              await writer.flush();
              // A big file: the secondary indexes are built once at the end instead of row by row.
              if (writer.applications >= (options.bulkAfter ?? bulkThreshold)) await bulk.drop();
            }
          }
        }
      } catch (error) {
        // A file that cannot be read at all (broken quoting, empty header…) is one error.
        if (!(error instanceof CsvError)) throw error;
        fail(Number(error.params?.line ?? 1), null, error.messageKey);
      }
      options.onProgress?.(report.rows, "import");
      if (report.errorCount > 0 || !write || report.rows === 0) throw rollback;
      // The queue rows go in while the big import's indexes are still dropped: the indexes are
      // then built once, with the ranks in them.
      options.onProgress?.(report.rows, "rank");
      const started = performance.now();
      if (!(await writer.writeQueues(listsWereEmpty))) {
        // Statistics first: without them the planner takes the freshly loaded tables for empty.
        await analyzeTable(trx, "applications");
        await analyzeTable(trx, "application_departments");
        await rerankWithin(trx, dialect);
      }
      report.queueMs = performance.now() - started;
      await bulk.restore();
      report.created = writer.applications;
      report.queueEntries = writer.queueEntries;
    });
    report.written = true;
    await settleTable(db, dialect, "applications");
    await settleTable(db, dialect, "application_departments");
  } catch (error) {
    if (error !== rollback) throw error;
  } finally {
    await restore?.();
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
