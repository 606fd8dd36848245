import { type Principal, reaches, reachOf } from "../../platform/access.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { withinReach } from "../../platform/reach-sql.ts";
import type { LetterDocument } from "./letter-document.ts";
import { letterTypes } from "./letter-types.ts";
import type { LetterRow } from "./letters.repository.ts";
import { renderPrintBatch } from "./pdf/letter-pdf.ts";
import { type SenderFacts, senderFacts } from "./recipients.repository.ts";

/** The stored letter as its PDF was drawn: a printed copy is drawn from the same values. */
export function documentOfLetter(row: NonNullable<LetterRow>, sender: SenderFacts): LetterDocument {
  return {
    letterId: row.id,
    reference: row.reference,
    language: row.language,
    date: row.document_date,
    sender: { name: sender.name, addressLines: sender.addressLines, cvr: sender.cvr },
    recipient: { name: row.recipient_name, addressLines: row.recipient_address_json },
    subject: row.subject,
    body: row.body,
    paymentSlip: letterTypes[row.letter_type].paymentSlip,
  };
}

/** Paper letters waiting to be printed, per organisation within reach. */
export async function paperOverview(ctx: AppContext, principal: Principal) {
  const reach = reachOf(principal, "letters.print");
  const [waiting, batches] = await Promise.all([
    ctx.db
      .selectFrom("letters as l")
      .innerJoin("organisations as o", "o.id", "l.organisation_id")
      .select(["o.id", "o.name", (eb) => eb.fn.countAll<number>().as("n")])
      .where("l.channel", "=", "paper")
      .where("l.status", "=", "queued")
      .where(withinReach(reach, "l.organisation_id", null))
      .groupBy(["o.id", "o.name"])
      .orderBy("o.name")
      .execute(),
    ctx.db
      .selectFrom("print_batches as p")
      .innerJoin("organisations as o", "o.id", "p.organisation_id")
      .leftJoin("users as c", "c.id", "p.created_by")
      .leftJoin("users as pr", "pr.id", "p.printed_by")
      .select([
        "p.id",
        "o.name as organisation_name",
        "p.letter_count",
        "p.created_at",
        "p.printed_at",
        "c.name as created_by_name",
        "pr.name as printed_by_name",
      ])
      .where(withinReach(reach, "p.organisation_id", null))
      .orderBy("p.created_at", "desc")
      .limit(50)
      .execute(),
  ]);
  return {
    waiting: waiting.map((w) => ({ organisationId: w.id, organisationName: w.name, count: Number(w.n) })),
    batches,
  };
}

/** Command: gathers every waiting paper letter of an organisation into one print batch. */
export async function createPrintBatch(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  organisationId: string,
): Promise<{ id: string; count: number }> {
  if (!reaches(reachOf(principal, "letters.print"), organisationId)) throw new NotFoundError();
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const count = await ctx.db.transaction().execute(async (trx) => {
    const letters = await trx
      .selectFrom("letters")
      .select("id")
      .where("organisation_id", "=", organisationId)
      .where("channel", "=", "paper")
      .where("status", "=", "queued")
      .execute();
    if (letters.length === 0) return 0;
    await trx
      .insertInto("print_batches")
      .values({
        id,
        organisation_id: organisationId,
        letter_count: letters.length,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    const ids = letters.map((l) => l.id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .updateTable("letters")
        .set({ status: "in_print", print_batch_id: id, updated_at: now })
        .where("id", "in", ids.slice(i, i + 500))
        .where("status", "=", "queued")
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "letters.print_batch.create",
      entity: "print_batches",
      entityId: id,
      organisationId,
      after: { letters: letters.length },
    });
    return letters.length;
  });
  if (count === 0) throw new ConflictError("letters.errors.nothing_to_print");
  return { id, count };
}

async function printBatchInReach(ctx: AppContext, principal: Principal, id: string) {
  const batch = await ctx.db.selectFrom("print_batches").selectAll().where("id", "=", id).executeTakeFirst();
  if (!batch || !reaches(reachOf(principal, "letters.print"), batch.organisation_id))
    throw new NotFoundError();
  return batch;
}

/** The batch as one PDF, sorted by postcode (cheaper postage), every letter on a fresh sheet. */
export async function printBatchPdf(ctx: AppContext, principal: Principal, id: string): Promise<Buffer> {
  const batch = await printBatchInReach(ctx, principal, id);
  const sender = await senderFacts(ctx.db, batch.organisation_id);
  if (!sender) throw new NotFoundError();
  const rows = await ctx.db
    .selectFrom("letters as l")
    .selectAll("l")
    .where("l.print_batch_id", "=", id)
    .orderBy("l.id")
    .execute();
  const postcode = (lines: string[]) => lines.at(-1) ?? "";
  rows.sort(
    (a, b) =>
      postcode(a.recipient_address_json).localeCompare(postcode(b.recipient_address_json)) ||
      a.recipient_name.localeCompare(b.recipient_name, "da"),
  );
  return renderPrintBatch(rows.map((r) => documentOfLetter(r as NonNullable<LetterRow>, sender)));
}

/** Command: staff confirm the batch was printed and posted; its letters count as sent. */
export async function confirmPrinted(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  id: string,
): Promise<void> {
  const batch = await printBatchInReach(ctx, principal, id);
  if (batch.printed_at) throw new ConflictError("letters.errors.already_printed");
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("print_batches")
      .set({ printed_at: now, printed_by: actor.userId })
      .where("id", "=", id)
      .execute();
    await trx
      .updateTable("letters")
      .set({ status: "sent", sent_at: now, updated_at: now })
      .where("print_batch_id", "=", id)
      .where("status", "=", "in_print")
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letters.print_batch.printed",
      entity: "print_batches",
      entityId: id,
      organisationId: batch.organisation_id,
      after: { letters: batch.letter_count },
    });
  });
}
