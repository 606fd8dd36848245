import type { DialectName } from "../db/database.ts";
import { containsInsensitive } from "../db/dialect.ts";
import type { Executor } from "./audit.ts";

export interface AuditFilter {
  /** null = every organisation (system administrators). */
  organisationIds: string[] | null;
  person?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: string;
  at: string;
  actorLabel: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The audit log, newest first, filtered and paginated in the database. */
export async function findAuditEntries(
  db: Executor,
  dialect: DialectName,
  f: AuditFilter,
): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db.selectFrom("audit_log");
  if (f.organisationIds !== null) {
    if (f.organisationIds.length === 0) return { rows: [], total: 0 };
    q = q.where("organisation_id", "in", f.organisationIds);
  }
  const person = f.person;
  if (person) q = q.where((eb) => containsInsensitive(dialect, eb.ref("actor_label"), person));
  if (f.entity) q = q.where("entity", "=", f.entity);
  if (f.entityId) q = q.where("entity_id", "=", f.entityId);
  if (f.action) q = q.where("action", "=", f.action);
  // Dates are calendar days; an entry at any time on the "to" day is included.
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", `${f.to}T99`);
  const [rows, count] = await Promise.all([
    q
      .select(["id", "at", "actor_label", "action", "entity", "entity_id", "before_json", "after_json"])
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorLabel: r.actor_label,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before_json,
      after: r.after_json,
    })),
  };
}
