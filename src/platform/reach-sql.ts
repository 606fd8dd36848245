import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Reach } from "./access.ts";

/**
 * The SQL form of a Reach: rows of the reached organisations, or of the reached departments.
 * Table aliases differ per query, so callers name the two columns.
 */
export function withinReach(
  reach: Reach,
  organisationColumn: string,
  departmentColumn: string | null,
): RawBuilder<SqlBool> {
  if (reach.all) return sql<SqlBool>`1 = 1`;
  const parts: RawBuilder<unknown>[] = [];
  if (reach.organisationIds.length)
    parts.push(sql`${sql.ref(organisationColumn)} in (${sql.join(reach.organisationIds)})`);
  if (departmentColumn && reach.departmentIds.length) {
    parts.push(sql`${sql.ref(departmentColumn)} in (${sql.join(reach.departmentIds)})`);
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}
