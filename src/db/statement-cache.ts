import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/**
 * What Kysely's SqliteDialect sees instead of the better-sqlite3 handle: `prepare` hands back a
 * statement prepared earlier for the same SQL text, so each query is compiled by SQLite once, not
 * on every execution. Kysely runs a statement to completion with `all`/`run` right after
 * preparing it (better-sqlite3 resets it afterwards), so sharing is safe; only a statement that is
 * still being iterated (a stream) is busy, and then the caller gets a fresh one.
 */
export class StatementCache implements SqliteDatabase {
  readonly #db: SQLite.Database;
  readonly #max: number;
  readonly #maxChars: number;
  /** Least recently used first. */
  readonly #statements = new Map<string, SQLite.Statement>();
  #chars = 0;

  /**
   * At most `max` statements, and at most `maxChars` of SQL text among them: a prepared statement
   * takes about 40 times its text in memory, and a multi-row INSERT of 400 rows is a 30 kB text, so
   * 500 of those (an import whose batches differ in shape) held 300 MB.
   */
  constructor(db: SQLite.Database, max = 500, maxChars = 1_000_000) {
    this.#db = db;
    this.#max = max;
    this.#maxChars = maxChars;
  }

  prepare(sql: string): SQLite.Statement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      if (cached.busy) return this.#db.prepare(sql);
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    if (sql.length > this.#maxChars) return statement;
    while (this.#statements.size >= this.#max || this.#chars + sql.length > this.#maxChars) {
      const oldest = this.#statements.keys().next().value as string;
      this.#statements.delete(oldest);
      this.#chars -= oldest.length;
    }
    this.#statements.set(sql, statement);
    this.#chars += sql.length;
    return statement;
  }

  /** Whether a transaction is open on the connection. */
  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  /** How many statements are kept (tests). */
  get size(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.#chars = 0;
    this.#db.close();
  }
}
