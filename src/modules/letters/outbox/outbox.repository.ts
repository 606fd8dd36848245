import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DialectName } from "../../../db/database.ts";
import type { Database } from "../../../db/database-types.ts";

type Db = Kysely<Database>;

/** What a worker needs to deliver one letter. */
export interface ClaimedLetter {
  id: string;
  organisationId: string;
  channel: "digital_post" | "email";
  delivery: "immediate" | "digest";
  reference: string;
  recipientPersonId: string;
  recipientName: string;
  recipientEmail: string | null;
  language: "da" | "en";
  subject: string;
  body: string;
  memoUuid: string | null;
  attempts: number;
  createdAt: string;
}

export interface Claim {
  token: string;
  letters: ClaimedLetter[];
}

/**
 * Claims due letters for one worker: marks them `sending` with a lease (`due_at` moves to the
 * lease's end), so a worker that dies mid-batch leaves letters that fall due again when the lease
 * runs out. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several app instances claim side by side
 * without waiting on or taking each other's rows; SQLite has one writer, so its claims are serial.
 * A claimed digest letter brings the recipient's other due digest letters along: one e-mail.
 */
export async function claimDueLetters(
  db: Db,
  dialect: DialectName,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<Claim> {
  const token = randomUUID();
  const nowIso = now.toISOString();
  const ids = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("letters")
      .select(["id", "delivery", "recipient_person_id"])
      .where("due_at", "<=", nowIso)
      .orderBy("due_at")
      .limit(limit)
      .$if(dialect === "postgres", (q) => q.forUpdate().skipLocked())
      .execute();
    const digestPeople = [
      ...new Set(due.filter((d) => d.delivery === "digest").map((d) => d.recipient_person_id)),
    ];
    const more = digestPeople.length
      ? await trx
          .selectFrom("letters")
          .select("id")
          .where("delivery", "=", "digest")
          .where("due_at", "<=", nowIso)
          .where("recipient_person_id", "in", digestPeople)
          .$if(dialect === "postgres", (q) => q.forUpdate().skipLocked())
          .execute()
      : [];
    const claimed = [...new Set([...due.map((d) => d.id), ...more.map((m) => m.id)])];
    if (claimed.length === 0) return [];
    await trx
      .updateTable("letters")
      .set((eb) => ({
        status: "sending",
        claim_token: token,
        due_at: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: eb("attempts", "+", 1),
        updated_at: nowIso,
      }))
      .where("id", "in", claimed)
      .execute();
    return claimed;
  });
  if (ids.length === 0) return { token, letters: [] };
  const rows = await db
    .selectFrom("letters")
    .select([
      "id",
      "organisation_id",
      "channel",
      "delivery",
      "reference",
      "recipient_person_id",
      "recipient_name",
      "recipient_email",
      "language",
      "subject",
      "body",
      "memo_uuid",
      "attempts",
      "created_at",
    ])
    .where("claim_token", "=", token)
    .orderBy("id")
    .execute();
  return {
    token,
    letters: rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      channel: r.channel as ClaimedLetter["channel"],
      delivery: r.delivery,
      reference: r.reference,
      recipientPersonId: r.recipient_person_id,
      recipientName: r.recipient_name,
      recipientEmail: r.recipient_email,
      language: r.language,
      subject: r.subject,
      body: r.body,
      memoUuid: r.memo_uuid,
      attempts: r.attempts,
      createdAt: r.created_at,
    })),
  };
}

/**
 * Extends the lease on the letters this worker's claim still holds and returns their ids. A batch
 * can outlast one lease (slow SMTP round trips); without this its letters fell due again and a
 * second worker sent them a second time. A letter missing from the answer was claimed by another
 * worker after the lease ran out (this one stalled), or is already settled as failed.
 */
export async function renewClaim(db: Db, token: string, now: Date, leaseMs: number): Promise<Set<string>> {
  const rows = await db
    .updateTable("letters")
    .set({ due_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where("claim_token", "=", token)
    .returning("id")
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Marks delivered letters sent — only while this worker's claim still holds them. */
export async function markSent(db: Db, token: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const at = now.toISOString();
  await db
    .updateTable("letters")
    .set({ status: "sent", sent_at: at, due_at: null, claim_token: null, last_error: null, updated_at: at })
    .where("id", "in", ids)
    .where("claim_token", "=", token)
    .execute();
}

/** After the last attempt a letter is `failed` and waits for staff; before it, it is retried later. */
export const maxAttempts = 8;

/** 1 minute, 5, 25, ~2 hours, then at most every 12 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 5 ** Math.max(0, attempts - 1), 12 * 3600_000);
}

export async function markFailed(
  db: Db,
  token: string,
  letter: { id: string; attempts: number },
  error: string,
  now: Date,
): Promise<void> {
  const last = letter.attempts >= maxAttempts;
  await db
    .updateTable("letters")
    .set({
      status: last ? "failed" : "retrying",
      due_at: last ? null : new Date(now.getTime() + backoffMs(letter.attempts)).toISOString(),
      claim_token: null,
      last_error: error.slice(0, 500),
      updated_at: now.toISOString(),
    })
    .where("id", "=", letter.id)
    .where("claim_token", "=", token)
    .execute();
}

/** Staff retry a failed letter now. */
export async function retryLetter(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("letters")
    .set({ status: "retrying", due_at: now.toISOString(), attempts: 0, updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function letterPdfs(db: Db, ids: string[]): Promise<Map<string, Buffer>> {
  const rows = ids.length
    ? await db.selectFrom("letter_pdfs").select(["letter_id", "pdf"]).where("letter_id", "in", ids).execute()
    : [];
  return new Map(rows.map((r) => [r.letter_id, Buffer.from(r.pdf)]));
}

/** The encrypted CPR numbers of Digital Post recipients, read at delivery time, never stored twice. */
export async function recipientCprs(db: Db, personIds: string[]): Promise<Map<string, string>> {
  const rows = personIds.length
    ? await db
        .selectFrom("people")
        .select(["id", "cpr_enc"])
        .where("id", "in", personIds)
        .where("cpr_enc", "is not", null)
        .execute()
    : [];
  return new Map(rows.map((r) => [r.id, r.cpr_enc as string]));
}

export async function senders(db: Db, organisationIds: string[]) {
  const rows = organisationIds.length
    ? await db
        .selectFrom("organisations")
        .select(["id", "name", "cvr"])
        .where("id", "in", organisationIds)
        .execute()
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}
