import { type Actor, audit } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { formatKroner } from "../../../platform/dates.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";

/** Props of registerPayment: which charge was paid, how much, when, and where the news came from. */
export interface PaymentProps {
  chargeId: string;
  amountOre: number;
  paidOn: string;
  source: "staff" | "bank_file";
  /** The bank's transaction reference (unique per source); staff entries get their own id. */
  sourceReference?: string;
  /** Organisations the actor may book payments in (null = all). */
  organisations: string[] | null;
}

/** Thrown when the same bank reference was booked before: the payment counts once. */
export class DuplicatePaymentError extends ConflictError {
  constructor() {
    super("letting.fees.errors.duplicate");
  }
}

/**
 * Books a payment of an open charge in one transaction: the payment row, the charge paid, and the
 * application paid until the charge's period end (keeping its seniority), with the audit entry.
 * The amount must match the charge; a charge already paid or cancelled is refused.
 */
export async function registerPayment(
  ctx: AppContext,
  actor: Actor,
  props: PaymentProps,
): Promise<{ chargeId: string; paidUntil: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const charge = await trx
      .selectFrom("fee_charges as c")
      .innerJoin("applications as a", "a.id", "c.application_id")
      .innerJoin("waiting_lists as l", "l.id", "a.list_id")
      .select([
        "c.id",
        "c.status",
        "c.amount_ore",
        "c.period_end",
        "c.application_id",
        "a.fee_paid_until",
        "l.organisation_id",
      ])
      .where("c.id", "=", props.chargeId)
      .executeTakeFirst();
    if (!charge || (props.organisations && !props.organisations.includes(charge.organisation_id))) {
      throw new NotFoundError();
    }
    if (props.sourceReference) {
      const seen = await trx
        .selectFrom("fee_payments")
        .select("id")
        .where("source", "=", props.source)
        .where("source_reference", "=", props.sourceReference)
        .executeTakeFirst();
      if (seen) throw new DuplicatePaymentError();
    }
    if (charge.status !== "open") throw new ConflictError(`letting.fees.errors.charge_${charge.status}`);
    if (props.amountOre !== Number(charge.amount_ore)) {
      throw new ValidationError(
        { amount: "letting.fees.errors.wrong_amount" },
        "letting.fees.errors.wrong_amount",
        {
          expected: formatKroner(Number(charge.amount_ore), "da"),
        },
      );
    }
    const now = nowIso(ctx.clock);
    const paymentId = newId();
    await trx
      .insertInto("fee_payments")
      .values({
        id: paymentId,
        fee_charge_id: charge.id,
        amount_ore: props.amountOre,
        paid_on: props.paidOn,
        source: props.source,
        source_reference: props.sourceReference ?? paymentId,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable("fee_charges")
      .set({ status: "paid", paid_at: now })
      .where("id", "=", charge.id)
      .execute();
    const paidUntil =
      charge.fee_paid_until && charge.fee_paid_until > charge.period_end
        ? charge.fee_paid_until
        : charge.period_end;
    await trx
      .updateTable("applications")
      .set({ fee_paid_until: paidUntil, updated_at: now })
      .where("id", "=", charge.application_id)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letting.fee_paid",
      entity: "fee_charge",
      entityId: charge.id,
      organisationId: charge.organisation_id,
      after: { amountOre: props.amountOre, paidOn: props.paidOn, source: props.source, paidUntil },
    });
    return { chargeId: charge.id, paidUntil };
  });
}
