import { type Compilable, type CompiledQuery, createQueryId, type Kysely, type UnknownRow } from "kysely";
import type { Database } from "./database-types.ts";
import { normalizeRow, toParameter } from "./normalize-plugin.ts";
import type { StatementCache } from "./statement-cache.ts";

/**
 * SQL text of every prepared query → the name of its server-side prepared statement on
 * PostgreSQL (see database.ts): parsed and planned once per connection, not on every execution.
 * Only these few fixed texts get one, so the statements per connection stay few.
 */
const statementNames = new Map<string, string>();

export const statementNameFor = (sql: string): string | undefined => statementNames.get(sql);

/**
 * The SQLite connection under each Kysely instance openDatabase made over one. A prepared query
 * run on that instance while no transaction is open goes to the connection itself: better-sqlite3
 * is synchronous, so nothing can come between, and Kysely's executor would add a connection lease,
 * a lock and their promises to every call (a quarter of an offer round's garbage, and its garbage
 * collections are most of its slowest 1 %). While a transaction is open, a query from outside it
 * must wait for the commit, so it goes through Kysely; so does every query on a transaction.
 */
const sqliteConnections = new WeakMap<Kysely<Database>, StatementCache>();

export function runPreparedOnConnection(db: Kysely<Database>, connection: StatementCache): void {
  sqliteConnections.set(db, connection);
}

/** Stands in for a parameter while the query is built; never a real value. */
const marker = "\u0000almen-param:";

interface Template<R> {
  query: CompiledQuery<R>;
  /** Per compiled parameter: the name of the caller's value it takes, or undefined for a constant. */
  names: (string | undefined)[];
}

export interface PreparedQuery<P, R> {
  execute(db: Kysely<Database>, params: P): Promise<R[]>;
  executeTakeFirst(db: Kysely<Database>, params: P): Promise<R | undefined>;
}

/**
 * A query for the hottest paths (every request): built and compiled once per database handle,
 * then run with new parameter values. Building and compiling a Kysely query costs far more than
 * running a simple one on SQLite.
 *
 * `build` gets stand-ins for the parameters and must use each only as a whole value the query
 * binds (`where(col, "=", p.id)`); using one in JavaScript logic, inside a string, in an `in` list
 * or as an inline literal throws when the query is first compiled. Values go through the same
 * conversion as every other parameter (see normalize-plugin.ts); results through the same plugins.
 */
export function prepareQuery<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  const templates = new WeakMap<Kysely<Database>, Template<R>>();

  const templateFor = (db: Kysely<Database>): Template<R> => {
    const known = templates.get(db);
    if (known) return known;
    const accessed = new Set<string>();
    const stand = new Proxy({} as P, {
      get(_target, name) {
        if (typeof name !== "string") return undefined;
        accessed.add(name);
        return marker + name;
      },
    });
    const query = build(db, stand).compile();
    if (query.sql.includes(marker))
      throw new Error(`prepared query: a parameter became SQL text: ${query.sql}`);
    const names = query.parameters.map((value) =>
      typeof value === "string" && value.startsWith(marker) ? value.slice(marker.length) : undefined,
    );
    for (const value of query.parameters) {
      if (typeof value === "string" && value.includes(marker) && !value.startsWith(marker)) {
        throw new Error("prepared query: a parameter was used inside a larger value");
      }
    }
    for (const name of accessed) {
      if (!names.includes(name))
        throw new Error(`prepared query: parameter "${name}" is not bound as a value`);
    }
    if (!statementNames.has(query.sql))
      statementNames.set(query.sql, `almen_prepared_${statementNames.size + 1}`);
    const template = { query, names };
    templates.set(db, template);
    return template;
  };

  const execute = async (db: Kysely<Database>, params: P): Promise<R[]> => {
    const { query, names } = templateFor(db);
    const parameters = names.map((name, i) =>
      name === undefined ? query.parameters[i] : toParameter(params[name]),
    );
    const connection = sqliteConnections.get(db);
    if (connection && !connection.inTransaction) {
      // What Kysely would do: run the statement, then the NormalizePlugin's conversion of each row.
      const rows = connection.prepare(query.sql).all(parameters) as UnknownRow[];
      for (const row of rows) normalizeRow(row);
      return rows as R[];
    }
    const result = await db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
    return result.rows;
  };

  return {
    execute,
    executeTakeFirst: async (db, params) => (await execute(db, params))[0],
  };
}
