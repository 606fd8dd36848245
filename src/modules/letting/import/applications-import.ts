import { type Kysely, sql } from "kysely";
import type { Db } from "../../../db/database.ts";
import type { Database } from "../../../db/database-types.ts";
import { analyzeTable, settleTable } from "../../../db/dialect.ts";
import { CsvError } from "../../../platform/csv/errors.ts";
import { type CsvInput, readCsv } from "../../../platform/csv/read.ts";
import type { ListKind } from "../letting.table.ts";
import { ensureWaitingLists } from "../lists.service.ts";
import { rerankWithin } from "../queue.repository.ts";
import {
  applicationColumns,
  applicationErrors,
  loadMasterData,
  optionalColumns,
  rowChecker,
} from "./application-rows.ts";
import { BulkIndexes, bulkThreshold, sqliteBulkSession, Writer } from "./bulk-write.ts";

/**
 * Importing waiting-list applications from an old system (docs/import.md, "Applications").
 *
 * One pass over the file: each row is checked against master data held in memory (organisations,
 * departments, people) and, while no row has failed, written in multi-row batches inside one
 * transaction. A bad row stops the writing but not the checking, so the report lists every bad row;
 * the transaction is then rolled back: all or nothing. Ranks are computed once at the end, in the
 * same transaction (`rerankWithin`), never per row.
 */

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

const maxListedErrors = 1000;
/** Rows kept for one multi-row INSERT: 15 parameters a row, well below both databases' limits. */
const defaultBatchSize = 1000;

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
              // A batch the database refused is the error to report, not this query's refusal after it.
              await writer.written();
              ids = await ensureWaitingLists(trx, checked.organisationId, now);
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
              if (!bulk.isDropped && writer.applications >= (options.bulkAfter ?? bulkThreshold)) {
                await writer.written();
                await bulk.drop();
              }
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
