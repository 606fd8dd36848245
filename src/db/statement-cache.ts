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
  /** Least recently used first. */
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(db: SQLite.Database, max = 500) {
    this.#db = db;
    this.#max = max;
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
    if (this.#statements.size >= this.#max) {
      this.#statements.delete(this.#statements.keys().next().value as string);
    }
    this.#statements.set(sql, statement);
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
    this.#db.close();
  }
}
