import type { Kysely } from "kysely";
import type { Database } from "../../db/database-types.ts";
import type { Reach } from "../../platform/access.ts";
import { withinReach } from "../../platform/reach-sql.ts";

type Db = Kysely<Database>;

const letterColumns = [
  "l.id",
  "l.organisation_id",
  "l.department_id",
  "l.batch_id",
  "l.letter_type",
  "l.reference",
  "l.recipient_person_id",
  "l.recipient_name",
  "l.recipient_address_json",
  "l.recipient_email",
  "l.language",
  "l.document_date",
  "l.subject",
  "l.body",
  "l.template_id",
  "l.template_version",
  "l.channel",
  "l.channel_rule",
  "l.delivery",
  "l.status",
  "l.due_at",
  "l.attempts",
  "l.last_error",
  "l.print_batch_id",
  "l.sent_at",
  "l.created_at",
  "l.updated_at",
] as const;

export type LetterRow = Awaited<ReturnType<typeof findLetter>> & {};

export async function findLetter(db: Db, id: string) {
  return db.selectFrom("letters as l").select(letterColumns).where("l.id", "=", id).executeTakeFirst();
}

/** A resident's inbox: every letter to them, newest first, whatever channel it went by. */
export async function inboxLetters(db: Db, personIds: string[], page: number, pageSize: number) {
  if (personIds.length === 0) return { rows: [], total: 0 };
  const base = db.selectFrom("letters as l").where("l.recipient_person_id", "in", personIds);
  const [rows, total] = await Promise.all([
    base
      .select([
        "l.id",
        "l.subject",
        "l.reference",
        "l.channel",
        "l.status",
        "l.created_at",
        "l.sent_at",
        "l.letter_type",
      ])
      .orderBy("l.created_at", "desc")
      .orderBy("l.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function letterPdf(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom("letter_pdfs").select("pdf").where("letter_id", "=", id).executeTakeFirst();
  return row ? Buffer.from(row.pdf) : undefined;
}

export interface StatusCounts {
  queued: number;
  sending: number;
  retrying: number;
  sent: number;
  failed: number;
  in_print: number;
}

const emptyCounts = (): StatusCounts => ({
  queued: 0,
  sending: 0,
  retrying: 0,
  sent: 0,
  failed: 0,
  in_print: 0,
});

/** Batches within reach, newest first, with their letters counted by status and channel. */
export async function listBatches(db: Db, reach: Reach, page: number, pageSize: number) {
  const base = db
    .selectFrom("letter_batches as b")
    .where(withinReach(reach, "b.organisation_id", "b.department_id"));
  const [rows, total] = await Promise.all([
    base
      .leftJoin("users as u", "u.id", "b.created_by")
      .select([
        "b.id",
        "b.organisation_id",
        "b.department_id",
        "b.letter_type",
        "b.title",
        "b.audience_json",
        "b.letter_count",
        "b.created_at",
        "u.name as created_by_name",
      ])
      .orderBy("b.created_at", "desc")
      .orderBy("b.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const counts = await batchStatusCounts(
    db,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => ({ ...r, counts: counts.get(r.id) ?? emptyCounts() })),
    total: Number(total.n),
  };
}

async function batchStatusCounts(db: Db, batchIds: string[]) {
  const found = new Map<string, StatusCounts>();
  if (batchIds.length === 0) return found;
  const rows = await db
    .selectFrom("letters")
    .select(["batch_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("batch_id", "in", batchIds)
    .groupBy(["batch_id", "status"])
    .execute();
  for (const r of rows) {
    const c = found.get(r.batch_id as string) ?? emptyCounts();
    c[r.status] = Number(r.n);
    found.set(r.batch_id as string, c);
  }
  return found;
}

export async function findBatch(db: Db, id: string) {
  return db
    .selectFrom("letter_batches as b")
    .leftJoin("users as u", "u.id", "b.created_by")
    .select([
      "b.id",
      "b.organisation_id",
      "b.department_id",
      "b.letter_type",
      "b.title",
      "b.audience_json",
      "b.letter_count",
      "b.created_at",
      "u.name as created_by_name",
    ])
    .where("b.id", "=", id)
    .executeTakeFirst();
}

/** The letters of a batch with channel, status, time and the rule that chose the channel. */
export async function batchLetters(db: Db, batchId: string, page: number, pageSize: number) {
  const base = db.selectFrom("letters as l").where("l.batch_id", "=", batchId);
  const [rows, total, byChannel] = await Promise.all([
    base
      .select(letterColumns)
      .orderBy("l.recipient_name")
      .orderBy("l.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base
      .select(["l.channel", "l.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["l.channel", "l.status"])
      .execute(),
  ]);
  return {
    rows,
    total: Number(total.n),
    summary: byChannel.map((r) => ({ channel: r.channel, status: r.status, count: Number(r.n) })),
  };
}

/** Letters that are not batches of notices (offers, demands…) and failed ones need a list too. */
export async function searchLetters(
  db: Db,
  reach: Reach,
  f: { status?: string; channel?: string; batchId?: string; page: number; pageSize: number },
) {
  let base = db.selectFrom("letters as l").where(withinReach(reach, "l.organisation_id", "l.department_id"));
  if (f.status) base = base.where("l.status", "=", f.status as never);
  if (f.channel) base = base.where("l.channel", "=", f.channel as never);
  if (f.batchId) base = base.where("l.batch_id", "=", f.batchId);
  const [rows, total] = await Promise.all([
    base
      .select(letterColumns)
      .orderBy("l.created_at", "desc")
      .orderBy("l.id", "desc")
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
