import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import type { DialectName } from "../../../db/database.ts";
import type { Database } from "../../../db/database-types.ts";
import { newId } from "../../../platform/ids.ts";
import type { ApplicationStatus } from "../letting.table.ts";
import { isFlexibleFromApplication, queueFacts } from "../queue.repository.ts";
import { QueuePlaces } from "./queue-places.ts";

/** The write side of the applications import: batched INSERTs and index handling for big files. */

/** One checked row, ready to write (its list is given with it). */
export interface Parsed {
  personId: string;
  seniority: string;
  status: ApplicationStatus;
  departmentIds: string[];
  roomsMin: number | null;
  roomsMax: number | null;
  maxRentOre: number | null;
  kinds: string;
  features: string;
  householdSize: number;
  hasChildren: number;
  /** The last day the fees are paid for (from the old system), or null: none paid yet. */
  feePaidUntil: string | null;
}

const pragma = async (db: Kysely<Database>, text: string) =>
  (await sql.raw(`pragma ${text}`).execute(db)).rows[0] as Record<string, unknown> | undefined;

/**
 * SQLite: the import's connection set up for one big write, and a function that puts it back.
 * - A 256 MB page cache: the default sends every index insert and the re-rank to the OS for pages.
 * - A second thread for SQLite's sorter: rebuilding the queue's indexes took 5–10 % less. A bigger
 *   cache did not help.
 * - No memory-mapped reads: the index builds read the whole 2 GB file, and mapped, its pages
 *   counted in the process (peak 3.7 GB for a million applications; 1.9 GB without, as fast).
 * - The sorter's runs in temporary files (the operating system caches them), not in memory: an
 *   index build sorts more than the page cache holds, and in memory the queue index of a million
 *   applications took 9.1 s to build where it took 5.7 s through files.
 * - No foreign-key checks: every reference the import writes is one it checked against the master
 *   data read in its own transaction, or an id it made; the checks were a tenth of the import.
 * - A rollback journal instead of the write-ahead log, when no other connection has the database
 *   open (the switch needs it alone; otherwise the import runs in WAL mode, only slower). New pages
 *   are then written once: through the log they were written twice, the second time by the
 *   checkpoint after the commit (a seventh of the import).
 */
export async function sqliteBulkSession(db: Kysely<Database>): Promise<() => Promise<void>> {
  const cache = (await pragma(db, "cache_size"))?.cache_size ?? -2000;
  const busy = (await pragma(db, "busy_timeout"))?.timeout ?? 5000;
  const threads = (await pragma(db, "threads"))?.threads ?? 0;
  await pragma(db, "cache_size = -262144");
  await pragma(db, "threads = 2");
  const mmap = (await pragma(db, "mmap_size"))?.mmap_size ?? 0;
  await pragma(db, "mmap_size = 0");
  const temp = (await pragma(db, "temp_store"))?.temp_store ?? 0;
  await pragma(db, "temp_store = file");
  await pragma(db, "foreign_keys = off");
  let journal: unknown;
  await pragma(db, "busy_timeout = 0");
  try {
    const before = (await pragma(db, "journal_mode"))?.journal_mode;
    if (before === "wal" && (await pragma(db, "journal_mode = delete"))?.journal_mode === "delete")
      journal = before;
  } catch (error) {
    // Another connection has the database open: it stays in WAL mode.
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
  } finally {
    await pragma(db, `busy_timeout = ${Number(busy)}`);
  }
  return async () => {
    if (journal) await pragma(db, `journal_mode = ${journal}`);
    await pragma(db, "foreign_keys = on");
    await pragma(db, `cache_size = ${Math.trunc(Number(cache))}`);
    await pragma(db, `threads = ${Math.trunc(Number(threads))}`);
    await pragma(db, `mmap_size = ${Math.trunc(Number(mmap))}`);
    await pragma(db, `temp_store = ${Math.trunc(Number(temp))}`);
  };
}

/** Applications written before the secondary indexes are dropped for the rest of the file. */
export const bulkThreshold = 20_000;

/**
 * The indexes of the two tables, dropped during a big import and made again from their own
 * definitions (read from the catalogue, so they stay what the migrations made) before the commit.
 * Primary keys stay. On SQLite the unique indexes go too: made again, one checks its rows again
 * (the import has already refused a person's second application to a list: `taken` in
 * applications-import.ts), and kept live it took 6 s of a million applications against 1.3 s to
 * build. PostgreSQL keeps them (and so the indexes behind its keys): it puts a row at a random
 * place in one about as fast as at the end, so building one again cost more than it saved.
 * On PostgreSQL their foreign keys go the same way, as its manual advises for a bulk load: checked
 * row by row they were a trigger call and an index look-up per row; added again, each is checked
 * in one join. (SQLite's checks are off for the import's connection: `sqliteBulkSession`.)
 */
export class BulkIndexes {
  private dropped: { table: string; name: string; definition: string; constraint: boolean }[] | undefined;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly dialect: DialectName,
  ) {}

  get isDropped(): boolean {
    return this.dropped !== undefined;
  }

  async drop(): Promise<void> {
    if (this.dropped) return;
    this.dropped =
      this.dialect === "sqlite"
        ? (
            await sql<{ table: string; name: string; definition: string; constraint: boolean }>`
              select tbl_name as "table", name, sql as definition, 0 as "constraint" from sqlite_master
              where type = 'index' and tbl_name in ('applications', 'application_departments')
                and sql is not null`.execute(this.trx)
          ).rows
        : (
            await sql<{ table: string; name: string; definition: string; constraint: boolean }>`
              select tablename as "table", indexname as name, indexdef as definition, false as "constraint"
              from pg_indexes
              where schemaname = current_schema()
                and tablename in ('applications', 'application_departments')
                and indexdef not like 'CREATE UNIQUE %'
              union all
              select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), true
              from pg_constraint c
              where c.contype = 'f'
                and c.conrelid in ('applications'::regclass, 'application_departments'::regclass)`.execute(
              this.trx,
            )
          ).rows;
    for (const r of this.dropped) {
      if (r.constraint)
        await sql`alter table ${sql.id(r.table)} drop constraint ${sql.id(r.name)}`.execute(this.trx);
      else await sql`drop index ${sql.id(r.name)}`.execute(this.trx);
    }
  }

  async restore(): Promise<void> {
    for (const r of this.dropped ?? []) {
      if (r.constraint)
        await sql`alter table ${sql.id(r.table)} add constraint ${sql.id(r.name)} ${sql.raw(r.definition)}`.execute(
          this.trx,
        );
      else await sql.raw(r.definition).execute(this.trx);
    }
    this.dropped = [];
  }
}

const applicationNames = [
  "id",
  "list_id",
  "person_id",
  "seniority_date",
  "status",
  "rooms_min",
  "rooms_max",
  "max_rent_ore",
  "kinds_json",
  "features_json",
  "household_size",
  "has_children",
  "fee_paid_until",
  "created_at",
  "updated_at",
] as const;

/** The queue rows wait here (application, department, place) until they are written at the end. */
const staging = "import_queue";
const stagingNames = ["seq", "application_id", "department_id", "rank"] as const;

/**
 * The batch the database is writing while the next is read, checked and made ready: at most one in
 * flight. On PostgreSQL the server's work overlaps the import's own (a million applications:
 * reading and checking alone take 5 s, writing them 11 s more when each batch was awaited).
 * SQLite's driver is synchronous, so there each batch is written before the next is made anyway.
 */
class OneInFlight {
  private pending: Promise<void> = Promise.resolve();

  /** Waits for the batch before, then starts this one. */
  async send(write: () => Promise<void>): Promise<void> {
    await this.pending;
    const started = write();
    // Its failure is thrown by the next `send` or by `done`; never unhandled in between.
    started.catch(() => {});
    this.pending = started;
  }

  /** Waits for the last batch. */
  done(): Promise<void> {
    return this.pending;
  }
}

/**
 * Multi-row INSERTs of the applications as the file goes; their queue rows at the end
 * (`writeQueues`), when every place in the queues is known.
 */
export class Writer {
  applications = 0;
  /** A batch is ready: `flush` it before adding more. */
  get full(): boolean {
    return this.apps.length >= this.batchSize * applicationNames.length;
  }
  queueEntries = 0;
  /** The held-back applications' values, row after row (one INSERT's parameters as they are). */
  private apps: unknown[] = [];
  /** Per queue row, in file order: its application's id and its department's id. */
  private readonly rowApplication: string[] = [];
  private readonly rowDepartment: string[] = [];
  private readonly places = new QueuePlaces();
  private readonly writing = new OneInFlight();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly dialect: DialectName,
    private readonly now: string,
    private readonly batchSize: number,
  ) {}

  add(listId: string, p: Parsed): void {
    const id = newId();
    this.apps.push(
      id,
      listId,
      p.personId,
      p.seniority,
      p.status,
      p.roomsMin,
      p.roomsMax,
      p.maxRentOre,
      p.kinds,
      p.features,
      p.householdSize,
      p.hasChildren,
      p.feePaidUntil,
      this.now,
      this.now,
    );
    this.places.add(p.seniority, p.status === "active", listId, p.departmentIds);
    for (const d of p.departmentIds) {
      this.rowApplication.push(id);
      this.rowDepartment.push(d);
    }
  }

  /** Waits until every batch started is written (and throws the error of one that was not). */
  written(): Promise<void> {
    return this.writing.done();
  }

  /** Starts writing the applications held back (the batch before must be written first). */
  async flush(): Promise<void> {
    if (this.apps.length === 0) return;
    const values = this.apps;
    this.apps = [];
    await this.writing.send(() =>
      insertRows(this.trx, this.dialect, "applications", applicationNames, values),
    );
    this.applications += values.length / applicationNames.length;
  }

  /**
   * Writes every queue row. With `empty` (the queues held nobody before the import) each active
   * row gets its place, worked out in memory (`QueuePlaces`), and the answer is true; otherwise the
   * ranks stay null for `rerankWithin`. The rows go in through a narrow staging table and one
   * INSERT … SELECT that copies the facts from the application, as `addQueueRows` does: far fewer
   * values cross from JavaScript than writing the wide rows, and they arrive in primary-key order.
   */
  async writeQueues(empty: boolean): Promise<boolean> {
    await this.flush();
    // Worked out while the last batch is written.
    const places = empty && this.places.complete ? this.places.places() : undefined;
    await this.writing.done();
    const temp = this.dialect === "postgres" ? sql`temporary` : sql`temp`;
    await sql`drop table if exists ${sql.id(staging)}`.execute(this.trx);
    await sql`create ${temp} table ${sql.id(staging)} (
      seq integer primary key, application_id text not null, department_id text not null, rank integer)`.execute(
      this.trx,
    );
    const step = this.batchSize * 4;
    let values: unknown[] = [];
    for (let r = 0; r < this.rowApplication.length; r++) {
      values.push(r, this.rowApplication[r], this.rowDepartment[r], places?.[r] || null);
      // Whole batches only: one INSERT text (and one prepared statement) for all but the last.
      if (values.length === step * stagingNames.length) {
        const batch = values;
        await this.writing.send(() => insertRows(this.trx, this.dialect, staging, stagingNames, batch));
        values = [];
      }
    }
    if (values.length > 0)
      await this.writing.send(() => insertRows(this.trx, this.dialect, staging, stagingNames, values));
    await this.writing.done();
    const facts = sql.join(queueFacts.map((c) => sql.ref(c)));
    const inserted = await sql`
      insert into application_departments
        (application_id, department_id, list_id, rank, is_active, is_flexible, ${facts})
      select s.application_id, s.department_id, a.list_id, s.rank,
             case when a.status = 'active' then 1 else 0 end, ${isFlexibleFromApplication}, ${facts}
      from ${sql.id(staging)} s join applications a on a.id = s.application_id
      order by s.seq`.execute(this.trx);
    this.queueEntries = Number(inserted.numAffectedRows ?? 0);
    await sql`drop table ${sql.id(staging)}`.execute(this.trx);
    return places !== undefined;
  }
}

/** INSERT texts by table, dialect and row count: the same few texts for the whole file. */
const insertTexts = new Map<string, string>();

/** PostgreSQL's types of the columns written here, for the arrays that carry them (`unnest`). */
type Column = (typeof applicationNames)[number] | (typeof stagingNames)[number];
const pgTypes: Record<Column, string> = {
  id: "text",
  list_id: "text",
  person_id: "text",
  seniority_date: "text",
  status: "text",
  rooms_min: "integer",
  rooms_max: "integer",
  max_rent_ore: "bigint",
  kinds_json: "text",
  features_json: "text",
  household_size: "integer",
  has_children: "integer",
  fee_paid_until: "text",
  created_at: "text",
  updated_at: "text",
  seq: "integer",
  application_id: "text",
  department_id: "text",
  rank: "integer",
};

/**
 * One multi-row INSERT as plain SQL text with parameters: at a million rows, building and compiling
 * Kysely's query tree for each batch of 15,000 values would cost more than the database spends
 * storing them. `values` holds the rows one after another: the callers build it so, since
 * `Array.prototype.flat` over arrays of rows took 2 ms per 14,000 values (3–4 s of a big import).
 * - SQLite: `values (?, …), (?, …)`, the text made once per row count and prepared once.
 * - PostgreSQL: one array per column, `select * from unnest($1::text[], …)`. A VALUES list of
 *   14,000 parameters was parsed and planned again for every batch (its text is not a named
 *   statement); the arrays make a short text whatever the batch, which PostgreSQL parses in no time.
 */
async function insertRows(
  trx: Transaction<Database>,
  dialect: DialectName,
  table: string,
  names: readonly Column[],
  values: unknown[],
): Promise<void> {
  const width = names.length;
  const rows = values.length / width;
  if (dialect === "postgres") {
    const columns = names.map(() => new Array<unknown>(rows));
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      for (let r = 0; r < rows; r++) column[r] = values[r * width + c];
    }
    const key = `postgres/${table}`;
    let text = insertTexts.get(key);
    if (!text) {
      const arrays = names.map((c, i) => `$${i + 1}::${pgTypes[c]}[]`).join(", ");
      text = `insert into "${table}" (${names.map((c) => `"${c}"`).join(", ")}) select * from unnest(${arrays})`;
      insertTexts.set(key, text);
    }
    await trx.executeQuery(CompiledQuery.raw(text, columns));
    return;
  }
  const key = `sqlite/${table}/${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const tuple = `(${names.map(() => "?").join(", ")})`;
    text = `insert into "${table}" (${names.map((c) => `"${c}"`).join(", ")}) values ${Array.from({ length: rows }, () => tuple).join(", ")}`;
    insertTexts.set(key, text);
  }
  await trx.executeQuery(CompiledQuery.raw(text, values));
}
