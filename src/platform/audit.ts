import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database-types.ts";
import { type Clock, nowIso } from "./clock.ts";
import { newId } from "./ids.ts";

export type Executor = Kysely<Database> | Transaction<Database>;

/** Who did it: a user, or the system itself (jobs, seeding, CLI import). */
export interface Actor {
  userId: string | null;
  label: string;
  ip?: string;
}

export const systemActor: Actor = { userId: null, label: "system" };

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  organisationId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const secretKey = /password|secret|token|hash|cpr|recovery/i;

/** Removes secrets (and their hashes) from a snapshot before it is written to the audit log. */
export function withoutSecrets(
  value: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = secretKey.test(key) ? "[removed]" : v;
  return out;
}

/** Records one audited change. Call it with the same transaction as the change itself. */
export async function audit(db: Executor, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: newId(),
      at: nowIso(clock),
      actor_user_id: actor.userId,
      actor_label: actor.label,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      organisation_id: entry.organisationId ?? null,
      before_json: withoutSecrets(entry.before),
      after_json: withoutSecrets(entry.after),
      ip: actor.ip ?? null,
    })
    .execute();
}
