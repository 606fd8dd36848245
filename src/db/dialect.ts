import { type Expression, type RawBuilder, sql } from "kysely";
import type { DialectName } from "./database.ts";

/** The few places where SQLite and PostgreSQL need different SQL live here. */

/** Case-insensitive "contains" (SQLite's LIKE is already case-insensitive for ASCII). */
export function containsInsensitive(
  dialect: DialectName,
  column: Expression<unknown>,
  term: string,
): RawBuilder<boolean> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === "postgres"
    ? sql<boolean>`${column} ilike ${pattern} escape '\\'`
    : sql<boolean>`lower(${column}) like lower(${pattern}) escape '\\'`;
}
