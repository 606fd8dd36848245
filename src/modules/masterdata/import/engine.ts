import type { Transaction } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import { settleTable } from "../../../db/dialect.ts";
import { type Reach, reaches } from "../../../platform/access.ts";
import { type Actor, withoutSecrets } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { encrypt } from "../../../platform/crypto.ts";
import { CsvError } from "../../../platform/csv/errors.ts";
import { type CsvInput, type Dialect, readCsv } from "../../../platform/csv/read.ts";
import { newId } from "../../../platform/ids.ts";
import { cprHashKey, cprLookupHash, maskCpr } from "../rules/index.ts";
import { adapters, type Resolved } from "./adapters.ts";
import { type Existing, loadExisting } from "./existing.ts";
import { columns, type ImportKind, optionalColumns } from "./kinds.ts";
import { keyOf, type Lookups, loadLookups } from "./lookups.ts";
import { checkTenancyOverlaps } from "./overlaps.ts";

export interface RowError {
  line: number;
  column: string | null;
  /** i18n key (or message). */
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  dialect: Dialect | null;
  rows: number;
  errors: RowError[];
  /** All errors, of which at most `maxListedErrors` are listed. */
  errorCount: number;
  created: number;
  updated: number;
  unchanged: number;
  written: boolean;
}

export interface ImportOptions {
  /** Validate only. */
  dryRun?: boolean;
  onProgress?: (rows: number, phase: "validate" | "write") => void;
}

const maxListedErrors = 1000;
const batchSize = 400;

/** Reads the file once to validate and once more to write: nothing is held but keys and errors. */
export async function importFile(
  ctx: AppContext,
  actor: Actor,
  reach: Reach,
  kind: ImportKind,
  open: () => CsvInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    kind,
    dialect: null,
    rows: 0,
    errors: [],
    errorCount: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    written: false,
  };
  const fail = (line: number, column: string | null, message: string) => {
    report.errorCount++;
    if (report.errors.length < maxListedErrors) report.errors.push({ line, column, message });
  };
  const lookups = await loadLookups(ctx.db);
  const existing = await loadExisting(ctx.db, kind);
  const seen = new Set<string>();
  const tenancies: { line: number; unitId: string; key: string; start: string; end: string | null }[] = [];

  await eachResolved(open, kind, lookups, {
    onDialect: (d) => {
      report.dialect = d;
    },
    onFileError: (line, message, column) => fail(line, column, message),
    onRow: (line, result) => {
      report.rows++;
      if (report.rows % 5000 === 0) options.onProgress?.(report.rows, "validate");
      if (!result.ok) {
        for (const e of result.errors) fail(line, e.column, e.message);
        return;
      }
      const r = result.resolved;
      const key = keyOf(r.organisationId || `new:${r.externalKey}`, r.externalKey);
      if (seen.has(key)) fail(line, adapters[kind].keyColumn, "masterdata.errors.duplicate_key");
      seen.add(key);
      const allowed = r.organisationId ? reaches(reach, r.organisationId, r.departmentId) : reach.all;
      if (!allowed)
        fail(line, kind === "organisations" ? "number" : "organisation", "masterdata.errors.no_access");
      if (kind === "tenancies") {
        tenancies.push({
          line,
          unitId: String(r.values.unit_id),
          key,
          start: String(r.values.start_date),
          end: (r.values.end_date as string | null) ?? null,
        });
      }
    },
  });
  if (kind === "tenancies") {
    for (const clash of await checkTenancyOverlaps(ctx.db, tenancies))
      fail(clash.line, "start_date", "masterdata.errors.tenancy_overlap");
  }
  options.onProgress?.(report.rows, "validate");
  if (report.errorCount > 0 || options.dryRun || report.rows === 0) {
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }

  await ctx.db.transaction().execute(async (trx) => {
    const writer = new BatchWriter(ctx, trx, actor, kind, existing);
    let written = 0;
    const changed = () => {
      throw new Error("The file changed between validation and writing");
    };
    await eachResolved(open, kind, lookups, {
      onFileError: changed,
      onRow: async (_line, result) => {
        if (!result.ok) return changed();
        await writer.apply(result.resolved);
        if (++written % 5000 === 0) options.onProgress?.(written, "write");
      },
    });
    await writer.flush();
    Object.assign(report, writer.counts);
  });
  report.written = true;
  // A large import changes the tables' shape; the query planner should know before the next page.
  if (report.created + report.updated > 1000)
    await settleTable(ctx.db, ctx.database.dialect, adapters[kind].table);
  return report;
}

type Resolution = ReturnType<(typeof adapters)[ImportKind]["resolve"]>;

interface RowHandlers {
  onRow: (line: number, result: Resolution) => void | Promise<void>;
  onFileError: (line: number, message: string, column: string | null) => void;
  onDialect?: (d: Dialect) => void;
}

async function eachResolved(
  open: () => CsvInput,
  kind: ImportKind,
  lookups: Lookups,
  handlers: RowHandlers,
): Promise<void> {
  try {
    await readRows(open, kind, lookups, handlers);
  } catch (error) {
    // A file that cannot be read at all (broken quoting, UTF-16, empty header) is one error.
    if (!(error instanceof CsvError)) throw error;
    handlers.onFileError(Number(error.params?.line ?? 1), error.messageKey, null);
  }
}

async function readRows(
  open: () => CsvInput,
  kind: ImportKind,
  lookups: Lookups,
  { onRow, onFileError, onDialect }: RowHandlers,
): Promise<void> {
  const reader = await readCsv(open());
  onDialect?.(reader.dialect);
  const header = new Set(reader.header);
  const optional = new Set(optionalColumns[kind] ?? []);
  const missing = columns[kind].filter((c) => !header.has(c) && !optional.has(c));
  if (missing.length) {
    await reader.close();
    for (const c of missing) onFileError(1, "masterdata.errors.missing_column", c);
    return;
  }
  const adapter = adapters[kind];
  for await (const row of reader) {
    if (!row.ok) {
      onFileError(row.line, "masterdata.errors.column_count", null);
      continue;
    }
    await onRow(row.line, adapter.resolve(row.values, lookups));
  }
  onDialect?.(reader.dialect);
}

/**
 * A new person without a CPR number still names the CPR columns: Kysely writes `default` for a
 * column one row of a batch lacks, so the INSERT text varied from batch to batch, and SQLite keeps
 * each text as a prepared statement of its own (1–2 MB for 400 rows; 300 MB for 100,000 people).
 */
const withoutCpr = { cpr_enc: null, cpr_hash: null, cpr_masked: null, cpr_legal_basis: null };

/** Inserts new rows in batches, updates changed ones, skips unchanged ones; audits every write. */
export class BatchWriter {
  readonly counts = { created: 0, updated: 0, unchanged: 0 };
  private inserts: Record<string, unknown>[] = [];
  private audits: Record<string, unknown>[] = [];
  private members: Record<string, unknown>[] = [];
  private readonly now: string;
  private readonly cprKey: Buffer;

  constructor(
    private readonly ctx: AppContext,
    private readonly trx: Transaction<Database>,
    private readonly actor: Actor,
    private readonly kind: ImportKind,
    private readonly existing: Existing,
  ) {
    this.now = nowIso(ctx.clock);
    this.cprKey = cprHashKey(ctx.config.dataKey);
  }

  /** Returns the id of the created, updated or unchanged record. */
  async apply(r: Resolved): Promise<string> {
    const table = adapters[this.kind].table;
    const values: Record<string, unknown> = { ...r.values };
    if (r.cpr) {
      values.cpr_hash = cprLookupHash(this.cprKey, r.cpr);
      values.cpr_masked = maskCpr(r.cpr);
    }
    const key = r.organisationId ? keyOf(r.organisationId, r.externalKey) : "";
    const current = this.existing.rows.get(this.kind === "organisations" ? r.externalKey : key);
    const memberText = r.members
      ?.map((m) => `${m.personId}:${m.role}`)
      .sort()
      .join("|");
    if (!current) {
      const id = newId();
      if (r.cpr) values.cpr_enc = encrypt(this.ctx.config.dataKey, r.cpr);
      const cpr = r.cpr === undefined ? {} : withoutCpr;
      this.inserts.push({ id, ...cpr, ...values, created_at: this.now, updated_at: this.now });
      for (const m of r.members ?? [])
        this.members.push({ id: newId(), tenancy_id: id, person_id: m.personId, role: m.role });
      this.audit("import.create", id, r.organisationId || id, null, values);
      this.counts.created++;
      if (this.inserts.length >= batchSize) await this.flush();
      return id;
    }
    const changed = Object.keys(values).filter(
      (k) => current[k] !== values[k] && !(current[k] == null && values[k] == null),
    );
    const membersChanged =
      memberText !== undefined && memberText !== this.existing.members.get(String(current.id));
    if (changed.length === 0 && !membersChanged) {
      this.counts.unchanged++;
      return String(current.id);
    }
    const set: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, values[k]]));
    if (r.cpr && changed.includes("cpr_hash")) set.cpr_enc = encrypt(this.ctx.config.dataKey, r.cpr);
    await this.trx
      .updateTable(table)
      .set({ ...set, updated_at: this.now } as never)
      .where("id", "=", String(current.id))
      .execute();
    if (membersChanged) {
      await this.trx.deleteFrom("household_members").where("tenancy_id", "=", String(current.id)).execute();
      for (const m of r.members ?? [])
        this.members.push({ id: newId(), tenancy_id: current.id, person_id: m.personId, role: m.role });
    }
    const before = Object.fromEntries(changed.map((k) => [k, current[k]]));
    const after = {
      ...Object.fromEntries(changed.map((k) => [k, values[k]])),
      ...(membersChanged ? { members: memberText } : {}),
    };
    this.audit("import.update", String(current.id), r.organisationId, before, after);
    this.counts.updated++;
    return String(current.id);
  }

  private audit(
    action: string,
    entityId: string,
    organisationId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ) {
    this.audits.push({
      id: newId(),
      at: this.now,
      actor_user_id: this.actor.userId,
      actor_label: this.actor.label,
      action,
      entity: this.kind,
      entity_id: entityId,
      organisation_id: organisationId,
      before_json: withoutSecrets(before),
      after_json: withoutSecrets(after),
      ip: this.actor.ip ?? null,
    });
  }

  async flush(): Promise<void> {
    const table = adapters[this.kind].table;
    if (this.inserts.length)
      await this.trx
        .insertInto(table)
        .values(this.inserts as never)
        .execute();
    for (let i = 0; i < this.members.length; i += batchSize) {
      await this.trx
        .insertInto("household_members")
        .values(this.members.slice(i, i + batchSize) as never)
        .execute();
    }
    for (let i = 0; i < this.audits.length; i += batchSize) {
      await this.trx
        .insertInto("audit_log")
        .values(this.audits.slice(i, i + batchSize) as never)
        .execute();
    }
    this.inserts = [];
    this.members = [];
    this.audits = [];
  }
}
