import { type Principal, reaches, reachOf } from "../../platform/access.ts";
import { type Actor, audit } from "../../platform/audit.ts";
import type { AppContext } from "../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import { findBatch, findLetter, letterPdf } from "./letters.repository.ts";
import { retryLetter } from "./outbox/outbox.repository.ts";

/** A letter staff may see: within reach of "letters.read", else not found (ids cannot be probed). */
export async function staffLetter(ctx: AppContext, principal: Principal, id: string) {
  const letter = await findLetter(ctx.db, id);
  if (!letter || !reaches(reachOf(principal, "letters.read"), letter.organisation_id, letter.department_id)) {
    throw new NotFoundError();
  }
  return letter;
}

/** A letter to the person themself; anybody else's is not found. */
export async function ownLetter(ctx: AppContext, personId: string | null, id: string) {
  const letter = await findLetter(ctx.db, id);
  if (!letter || !personId || letter.recipient_person_id !== personId) throw new NotFoundError();
  return letter;
}

export async function pdfOf(ctx: AppContext, id: string): Promise<Buffer> {
  const pdf = await letterPdf(ctx.db, id);
  if (!pdf) throw new NotFoundError();
  return pdf;
}

export async function staffBatch(ctx: AppContext, principal: Principal, id: string) {
  const batch = await findBatch(ctx.db, id);
  if (!batch || !reaches(reachOf(principal, "letters.read"), batch.organisation_id, batch.department_id)) {
    throw new NotFoundError();
  }
  return batch;
}

/** Command: staff send a failed letter again, by the same channel, now. */
export async function retryFailedLetter(ctx: AppContext, actor: Actor, principal: Principal, id: string) {
  const letter = await staffLetter(ctx, principal, id);
  if (!reaches(reachOf(principal, "letters.send"), letter.organisation_id, letter.department_id)) {
    throw new NotFoundError();
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await retryLetter(trx, id, ctx.clock.now()))) throw new ConflictError("letters.errors.not_failed");
    await audit(trx, ctx.clock, actor, {
      action: "letters.retry",
      entity: "letters",
      entityId: id,
      organisationId: letter.organisation_id,
      before: { status: letter.status, last_error: letter.last_error },
    });
  });
}
