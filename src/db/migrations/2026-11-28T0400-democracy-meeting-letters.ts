import type { Kysely } from "kysely";

// A meeting remembers the letter batches of its notice and its final agenda, so that calling it
// off can write to exactly the households that were told about it. Meetings convened before this
// migration get their batches from the audit rows of those steps (which recorded the batch id).
// Frozen in time: never import app code here.

const steps = [
  { column: "notice_batch_id", action: "meetings.convene" },
  { column: "final_agenda_batch_id", action: "meetings.final_agenda" },
] as const;

/** The batch id an audit row recorded (after_json is text, or already parsed by a plugin). */
function batchIdOf(after: unknown): string | null {
  let value = after;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const id = (value as { batchId?: unknown } | null)?.batchId;
  return typeof id === "string" ? id : null;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function up(db: Kysely<any>): Promise<void> {
  for (const { column } of steps) await db.schema.alterTable("meetings").addColumn(column, "text").execute();
  for (const { column, action } of steps) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["entity_id", "after_json"])
      .where("entity", "=", "meetings")
      .where("action", "=", action)
      .orderBy("at")
      .execute();
    for (const row of rows) {
      const batchId = batchIdOf(row.after_json);
      if (!row.entity_id || !batchId) continue;
      await db
        .updateTable("meetings")
        .set({ [column]: batchId })
        .where("id", "=", row.entity_id)
        .execute();
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and must not depend on app types
export async function down(db: Kysely<any>): Promise<void> {
  for (const { column } of steps) await db.schema.alterTable("meetings").dropColumn(column).execute();
}
