import { type Actor, audit, systemActor } from "../../../platform/audit.ts";
import { nowIso } from "../../../platform/clock.ts";
import type { AppContext } from "../../../platform/context.ts";
import { addDays, addMonths, laterDate } from "../../../platform/dates.ts";
import { isLang } from "../../../platform/i18n/index.ts";
import { prepareLetters, recordLetters } from "../../letters/index.ts";
import { changeStatusInTrx } from "../lists.service.ts";
import {
  listName,
  type OrganisationFees,
  organisationFees,
  paymentLineText,
  planCharge,
  renewalNoticeDays,
  signUpDueDays,
} from "./charges.ts";

const live = ["active", "passive"] as const;

/** Each organisation's fee rules, read once per job run. */
function feesCache(ctx: AppContext) {
  const seen = new Map<string, Promise<OrganisationFees>>();
  return (id: string) => {
    let org = seen.get(id);
    if (!org) {
      org = organisationFees(ctx.db, id);
      seen.set(id, org);
    }
    return org;
  };
}

/** Renewal charges for paid periods ending within `renewalNoticeDays`, due when the period ends. */
async function issueRenewals(
  ctx: AppContext,
  actor: Actor,
  today: string,
  fees: ReturnType<typeof feesCache>,
) {
  const due = await ctx.db
    .selectFrom("applications as a")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["a.id", "a.person_id", "a.fee_paid_until", "l.kind", "l.organisation_id"])
    .where("a.status", "in", live)
    .where("a.fee_paid_until", "is not", null)
    .where("a.fee_paid_until", "<=", addDays(today, renewalNoticeDays))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("fee_charges as c")
            .select("c.id")
            .whereRef("c.application_id", "=", "a.id")
            .where((eb) =>
              eb.or([eb("c.status", "=", "open"), eb("c.period_end", ">", eb.ref("a.fee_paid_until"))]),
            ),
        ),
      ),
    )
    .execute();
  for (const a of due) {
    const org = await fees(a.organisation_id);
    const paidUntil = a.fee_paid_until!;
    const periodEnd = addMonths(paidUntil, 12);
    const now = nowIso(ctx.clock);
    if (org.settings.renewalFeeOre === 0) {
      await ctx.db
        .updateTable("applications")
        .set({ fee_paid_until: periodEnd, updated_at: now })
        .where("id", "=", a.id)
        .execute();
      continue;
    }
    // Issued late (the job did not run), the seeker still gets the usual time to pay.
    const earliestDue = addDays(today, signUpDueDays);
    const charge = await planCharge(ctx, {
      org,
      applicationId: a.id,
      personId: a.person_id,
      listKind: a.kind,
      kind: "renewal",
      amountOre: org.settings.renewalFeeOre,
      periodEnd,
      dueDate: laterDate(paidUntil, earliestDue),
      createdBy: actor.userId,
    });
    await ctx.db.transaction().execute(async (trx) => {
      await recordLetters(trx, charge.letters);
      await trx.insertInto("fee_charges").values(charge.row).execute();
      await audit(trx, ctx.clock, actor, {
        action: "letting.fee_renewal_charged",
        entity: "fee_charge",
        entityId: String(charge.row.id),
        organisationId: a.organisation_id,
        after: { applicationId: a.id, periodEnd, dueDate: charge.row.due_date },
      });
    });
  }
  return due.length;
}

/** A reminder for each open charge past its due date: it names the removal date. */
async function sendReminders(
  ctx: AppContext,
  actor: Actor,
  today: string,
  fees: ReturnType<typeof feesCache>,
) {
  const overdue = await ctx.db
    .selectFrom("fee_charges as c")
    .innerJoin("applications as a", "a.id", "c.application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .select([
      "c.id",
      "c.amount_ore",
      "c.payment_id",
      "a.person_id",
      "p.language",
      "l.kind",
      "l.organisation_id",
    ])
    .where("c.status", "=", "open")
    .where("c.due_date", "<", today)
    .where("c.reminder_letter_id", "is", null)
    .where("a.status", "in", live)
    .execute();
  for (const c of overdue) {
    const org = await fees(c.organisation_id);
    const lang = isLang(c.language) ? c.language : "da";
    // Counted from the day the reminder is written, so it always gives the full notice.
    const removalDate = addDays(today, org.settings.reminderDays);
    const letters = await prepareLetters(ctx, {
      organisationId: c.organisation_id,
      letterType: "fee_reminder",
      createdBy: actor.userId,
      recipients: [{ personId: c.person_id }],
      values: {
        amount: { ore: Number(c.amount_ore) },
        due_date: { date: removalDate },
        removal_date: { date: removalDate },
        payment_line: paymentLineText(org, c.payment_id, lang),
        list: listName(org, c.kind, lang),
      },
    });
    await ctx.db.transaction().execute(async (trx) => {
      await recordLetters(trx, letters);
      await trx
        .updateTable("fee_charges")
        .set({ reminder_letter_id: letters[0]!.row.id, removal_date: removalDate })
        .where("id", "=", c.id)
        .execute();
      await audit(trx, ctx.clock, actor, {
        action: "letting.fee_reminded",
        entity: "fee_charge",
        entityId: c.id,
        organisationId: c.organisation_id,
        after: { removalDate },
      });
    });
  }
  return overdue.length;
}

/** Removal only after a reminder was sent and its removal date has passed, the charge still unpaid. */
async function removeUnpaid(ctx: AppContext, actor: Actor, today: string) {
  const expired = await ctx.db
    .selectFrom("fee_charges as c")
    .innerJoin("applications as a", "a.id", "c.application_id")
    .innerJoin("waiting_lists as l", "l.id", "a.list_id")
    .select(["c.id", "c.application_id", "c.removal_date", "l.organisation_id"])
    .where("c.status", "=", "open")
    .where("c.reminder_letter_id", "is not", null)
    .where("c.removal_date", "is not", null)
    .where("c.removal_date", "<", today)
    .where("a.status", "in", live)
    .execute();
  let removed = 0;
  for (const c of expired) {
    await ctx.db.transaction().execute(async (trx) => {
      const ok = await changeStatusInTrx(
        trx,
        ctx.database.dialect,
        c.application_id,
        live,
        "removed",
        nowIso(ctx.clock),
      );
      if (!ok) return;
      removed++;
      await audit(trx, ctx.clock, actor, {
        action: "letting.application_removed",
        entity: "application",
        entityId: c.application_id,
        organisationId: c.organisation_id,
        after: { reason: "fee_unpaid", chargeId: c.id, removalDate: c.removal_date },
      });
    });
  }
  return removed;
}

/**
 * The daily fee job: renewal charges, reminders for overdue charges, removals after the reminder's
 * deadline. Safe to run more than once a day and to skip days: each step looks only at state.
 */
export async function runFeeJobs(ctx: AppContext, today: string, actor: Actor = systemActor) {
  const fees = feesCache(ctx);
  const renewals = await issueRenewals(ctx, actor, today, fees);
  const reminders = await sendReminders(ctx, actor, today, fees);
  const removals = await removeUnpaid(ctx, actor, today);
  return { renewals, reminders, removals };
}
