import type { Actor } from "../../../platform/audit.ts";
import { audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addMonths, todayInCopenhagen } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { lettingSettingsFor } from "../settings.service.ts";

/** The person's offers, newest first, with the home they are about. */
export async function ownOffers(ctx: AppContext, personId: string | null) {
  if (!personId) return [];
  return offerQuery(ctx)
    .where("a.person_id", "=", personId)
    .orderBy("o.created_at", "desc")
    .limit(100)
    .execute();
}

function offerQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom("offers as o")
    .innerJoin("applications as a", "a.id", "o.application_id")
    .innerJoin("vacancies as v", "v.id", "o.vacancy_id")
    .innerJoin("units as u", "u.id", "v.unit_id")
    .innerJoin("departments as d", "d.id", "v.department_id")
    .select([
      "o.id",
      "o.status",
      "o.position",
      "o.reason_json",
      "o.outcome_json",
      "o.deadline_at",
      "o.answered_at",
      "o.created_at",
      "a.person_id",
      "a.id as application_id",
      "v.free_from",
      "v.rent_ore",
      "v.organisation_id",
      "v.department_id",
      "u.street",
      "u.house_number",
      "u.floor",
      "u.door",
      "u.postcode",
      "u.town",
      "u.rooms",
      "u.area_m2",
      "d.name as department_name",
    ]);
}

/** One of the person's own offers; anybody else's is not found. */
export async function ownOffer(ctx: AppContext, personId: string | null, id: string) {
  const offer = await offerQuery(ctx).where("o.id", "=", id).executeTakeFirst();
  if (!offer || !personId || offer.person_id !== personId) throw new NotFoundError();
  return offer;
}

export type OwnOffer = Awaited<ReturnType<typeof ownOffer>>;

/** Whether the offer can still be answered: sent, and the deadline (server clock) not passed. */
export const canAnswer = (offer: Pick<OwnOffer, "status" | "deadline_at">, now: Date): boolean =>
  offer.status === "sent" && now.toISOString() <= offer.deadline_at;

/** Command: the applicant's yes or no, before the deadline. */
export async function answerOffer(
  ctx: AppContext,
  actor: Actor,
  personId: string | null,
  id: string,
  answer: "accept" | "decline",
): Promise<void> {
  const offer = await ownOffer(ctx, personId, id);
  const now = ctx.clock.now();
  if (!canAnswer(offer, now)) throw new ConflictError("letting.staff.errors.offer_closed");
  const status = answer === "accept" ? "accepted" : "declined";
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("offers")
      .set({ status, answered_at: now.toISOString() })
      .where("id", "=", id)
      .where("status", "=", "sent")
      .where("deadline_at", ">=", now.toISOString())
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("letting.staff.errors.offer_closed");
    await audit(trx, ctx.clock, actor, { action: `letting.offer.${answer}`, entity: "offers", entityId: id });
  });
}

/**
 * Command: the applicant withdraws an acceptance before the round is decided; the configured
 * quarantine follows (no offers until `withdrawalQuarantineMonths` months from today).
 */
export async function withdrawAcceptance(ctx: AppContext, actor: Actor, personId: string | null, id: string) {
  const offer = await ownOffer(ctx, personId, id);
  if (offer.status !== "accepted") throw new ConflictError("letting.staff.errors.offer_closed");
  const settings = await lettingSettingsFor(ctx.db, offer.organisation_id, offer.department_id);
  const now = ctx.clock.now().toISOString();
  const months = settings.withdrawalQuarantineMonths;
  const until = months > 0 ? addMonths(todayInCopenhagen(ctx.clock), months) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("offers")
      .set({
        status: "withdrawn",
        answered_at: now,
        outcome_json: until
          ? { code: "outcome_withdrawn_quarantine", params: { until } }
          : { code: "outcome_withdrawn" },
      })
      .where("id", "=", id)
      .where("status", "=", "accepted")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new ConflictError("letting.staff.errors.offer_closed");
    if (until) {
      await trx
        .updateTable("applications")
        .set({ quarantine_until: until, updated_at: now })
        .where("id", "=", offer.application_id)
        .execute();
    }
    await audit(trx, ctx.clock, actor, {
      action: "letting.offer.withdraw",
      entity: "offers",
      entityId: id,
      after: { quarantineUntil: until },
    });
  });
}
