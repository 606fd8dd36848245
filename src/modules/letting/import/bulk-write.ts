import { CompiledQuery, type Kysely, sql, type Transaction } from "kysely";
import type { DialectName } from "../../../db/database.ts";
import type { Database } from "../../../db/database-types.ts";
import { newId } from "../../../platform/ids.ts";
import type { ApplicationStatus } from "../letting.table.ts";

/** The write side of the applications import: batched INSERTs and index handling for big files. */

/** One checked row, ready to write. */
export interface Parsed {
  listId: string;
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
}

/** Sets SQLite's page cache size (pages, or KiB when negative) and returns the previous value. */
export async function sqliteCacheSize(db: Kysely<Database>, size: number): Promise<number> {
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  await sql.raw(`pragma cache_size = ${Math.trunc(size)}`).execute(db);
  return Number(before.rows[0]?.cache_size ?? -2000);
}

/** Applications written before the secondary indexes are dropped for the rest of the file. */
export const bulkThreshold = 20_000;

/**
 * The non-unique indexes of the two tables, dropped during a big import and made again from their
 * own definitions (read from the catalogue, so they stay what the migrations made) before the commit.
 */
export class BulkIndexes {
  private dropped: { name: string; definition: string }[] | undefined;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly dialect: DialectName,
  ) {}

  async drop(): Promise<void> {
    if (this.dropped) return;
    const rows =
      this.dialect === "sqlite"
        ? (
            await sql<{ name: string; definition: string }>`
              select name, sql as definition from sqlite_master
              where type = 'index' and tbl_name in ('applications', 'application_departments')
                and sql is not null`.execute(this.trx)
          ).rows
        : (
            await sql<{ name: string; definition: string }>`
              select indexname as name, indexdef as definition from pg_indexes
              where schemaname = current_schema()
                and tablename in ('applications', 'application_departments')`.execute(this.trx)
          ).rows;
    this.dropped = rows.filter((r) => !/^\s*create\s+unique/i.test(r.definition));
    for (const r of this.dropped) await sql`drop index ${sql.id(r.name)}`.execute(this.trx);
  }

  async restore(): Promise<void> {
    for (const r of this.dropped ?? []) await sql.raw(r.definition).execute(this.trx);
    this.dropped = [];
  }
}

/** Multi-row INSERTs of applications and their queue rows (rank null until the re-rank). */
export class Writer {
  applications = 0;
  get pending(): number {
    return this.apps.length;
  }
  queueEntries = 0;
  private apps: unknown[][] = [];
  private queue: unknown[][] = [];

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly dialect: DialectName,
    private readonly now: string,
    private readonly batchSize: number,
  ) {}

  async add(p: Parsed): Promise<void> {
    const id = newId();
    this.apps.push([
      id,
      p.listId,
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
      this.now,
      this.now,
    ]);
    const active = p.status === "active" ? 1 : 0;
    // The queue rows carry the application's facts (the rest keep their defaults, as it does).
    for (const d of p.departmentIds)
      this.queue.push([
        id,
        d,
        p.listId,
        p.seniority,
        active,
        p.hasChildren,
        p.roomsMin,
        p.roomsMax,
        p.maxRentOre,
        p.kinds,
        p.features,
        p.householdSize,
      ]);
    if (this.apps.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.apps.length > 0) {
      await insertRows(
        this.trx,
        this.dialect,
        "applications",
        [
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
          "created_at",
          "updated_at",
        ],
        this.apps,
      );
      this.applications += this.apps.length;
      this.apps = [];
    }
    const step = this.batchSize * 2;
    for (let i = 0; i < this.queue.length; i += step) {
      await insertRows(
        this.trx,
        this.dialect,
        "application_departments",
        [
          "application_id",
          "department_id",
          "list_id",
          "seniority_date",
          "is_active",
          "has_children",
          "rooms_min",
          "rooms_max",
          "max_rent_ore",
          "kinds_json",
          "features_json",
          "household_size",
        ],
        this.queue.slice(i, i + step),
      );
    }
    this.queueEntries += this.queue.length;
    this.queue = [];
  }
}

/** INSERT texts by table, dialect and row count: the same few texts for the whole file. */
const insertTexts = new Map<string, string>();

/**
 * One multi-row INSERT as plain SQL text with parameters: at a million rows, building and compiling
 * Kysely's query tree for each batch of 14,000 values would cost more than the database spends
 * storing them. The text is made once per row count (and the database's statement cache reuses it).
 */
async function insertRows(
  trx: Transaction<Database>,
  dialect: DialectName,
  table: "applications" | "application_departments",
  names: readonly string[],
  rows: unknown[][],
): Promise<void> {
  const key = `${dialect}/${table}/${rows.length}`;
  let text = insertTexts.get(key);
  if (!text) {
    let n = 0;
    const tuple = () => `(${names.map(() => (dialect === "postgres" ? `$${++n}` : "?")).join(", ")})`;
    text = `insert into "${table}" (${names.map((c) => `"${c}"`).join(", ")}) values ${rows.map(tuple).join(", ")}`;
    insertTexts.set(key, text);
  }
  await trx.executeQuery(CompiledQuery.raw(text, rows.flat()));
}
