import { mkdirSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database-types.ts";
import { NormalizePlugin } from "./normalize-plugin.ts";
import { runPreparedOnConnection, statementNameFor } from "./prepared.ts";
import { StatementCache } from "./statement-cache.ts";

export type DialectName = "sqlite" | "postgres";

export type DatabaseTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** Raw SQLite handle (online backup); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  destroy(): Promise<void>;
}

// pg hands bigint and numeric back as strings; our values (øre, counts) fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Runs the queries of db/prepared.ts as named statements: PostgreSQL parses and plans them once
 * per connection (planning the home page's seven-table join costs more than running it).
 */
class NamedStatementClient extends pg.Client {
  // pg's query() has many overloads; Kysely calls query(sql, parameters) and query(cursor).
  override query(...args: unknown[]): never {
    const [text, values] = args as [unknown, unknown];
    const name =
      args.length === 2 && typeof text === "string" && Array.isArray(values)
        ? statementNameFor(text)
        : undefined;
    const query = super.query as (...rest: unknown[]) => never;
    return name ? query.call(this, { name, text, values }) : query.apply(this, args);
  }
}

/**
 * pg's pool.end() resolves once it has asked every connection to close, not once they have: wait
 * for them (at most a few seconds), so that whoever drops the database next finds none left.
 */
function connectionsClosed(pool: pg.Pool): () => Promise<void> {
  const open = new Set<unknown>();
  let whenAllClosed: (() => void) | undefined;
  pool.on("connect", (client) => open.add(client));
  pool.on("remove", (client) => {
    open.delete(client);
    if (open.size === 0) whenAllClosed?.();
  });
  return () =>
    open.size === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          whenAllClosed = () => {
            clearTimeout(timer);
            resolve();
          };
        });
}

export function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Db {
  if (target.kind === "postgres") {
    // pg makes every result row at one allocation site. Once a large result has lived through a
    // young collection, V8 tenures that site: from then on every row of every query is made in the
    // old generation, and each young collection (which must scan what points from there into the
    // young one) took 3.5-4 ms instead of 1.2-1.6 ms: the slowest offer rounds were those
    // collections. Without pretenuring, short-lived rows stay young and die young.
    v8.setFlagsFromString("--no-allocation-site-pretenuring");
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      Client: NamedStatementClient,
    });
    const closed = connectionsClosed(pool);
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new NormalizePlugin()],
    });
    return { kysely, dialect: "postgres", destroy: () => kysely.destroy().then(closed) };
  }
  if (target.file !== ":memory:") mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new SQLite(target.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // The default 2 MB page cache sends a big database's hot index pages back to the OS on every
  // look-up; 64 MB keeps the waiting-list queues and people in memory. Reads go through mmap, up
  // to SQLite's build limit of 2 GB: a million applications make a 2.5 GB file, and a read past
  // the mapped part copies each page into the cache first (the re-rank took a fifth longer).
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 2147418112");
  sqlite.pragma("temp_store = MEMORY");
  const statements = new StatementCache(sqlite);
  const kysely = new Kysely<Database>({
    // Kysely prepares every statement it runs; the cache makes that a Map look-up after the first time.
    dialect: new SqliteDialect({ database: statements }),
    plugins: [new NormalizePlugin()],
  });
  runPreparedOnConnection(kysely, statements);
  return { kysely, dialect: "sqlite", sqlite, destroy: () => kysely.destroy() };
}
