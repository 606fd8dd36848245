import { randomInt } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { isLang, translator } from "../../../platform/i18n/index.ts";
import { newId } from "../../../platform/ids.ts";
import { fiPaymentId, fiPaymentLine } from "../../../platform/payments/fi-card.ts";
import { type PreparedLetter, prepareLetters } from "../../letters/index.ts";
import type { FeeChargesTable, FeeKind, ListKind } from "../letting.table.ts";
import { effectiveSettings, type LettingSettings } from "../settings.ts";

/** Days from a sign-up fee's letter to its due date. */
export const signUpDueDays = 14;
/** Renewal charges are issued this many days before the paid period ends (its due date). */
export const renewalNoticeDays = 30;

/** An organisation's letting rules and FI creditor number (`settings_json.letting.fiCreditorNumber`). */
export interface OrganisationFees {
  id: string;
  name: string;
  settings: LettingSettings;
  /** Absent: letters name the payment id and ask the seeker to pay at the office. */
  creditorNumber: string | null;
}

export async function organisationFees(
  db: Kysely<Database>,
  organisationId: string,
): Promise<OrganisationFees> {
  const org = await db
    .selectFrom("organisations")
    .select(["id", "name", "settings_json"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!org) throw new NotFoundError();
  const letting = (org.settings_json?.letting ?? {}) as Record<string, unknown>;
  const creditor = letting.fiCreditorNumber;
  const { fiCreditorNumber: _, ...rules } = letting;
  return {
    id: org.id,
    name: org.name,
    settings: effectiveSettings(rules, undefined),
    creditorNumber: typeof creditor === "string" && /^8\d{7}$/.test(creditor) ? creditor : null,
  };
}

/** A new FI +71 payment id: 14 random digits and the check digit (the column is unique). */
export const newPaymentId = (): string => fiPaymentId(randomInt(10_000_000_000_000, 99_999_999_999_999));

/** The payment line for the letter, or (without a creditor number) how to pay at the office. */
export function paymentLineText(org: OrganisationFees, paymentId: string, lang: "da" | "en"): string {
  return org.creditorNumber
    ? fiPaymentLine(paymentId, org.creditorNumber)
    : translator(lang)("letting.fees.pay_at_office", { paymentId });
}

export const listName = (org: OrganisationFees, kind: ListKind, lang: "da" | "en"): string =>
  translator(lang)(`letting.seeker.list_name_${kind}`, { organisation: org.name });

export interface PlannedCharge {
  row: Insertable<FeeChargesTable>;
  letters: PreparedLetter[];
}

/**
 * A charge and its payment-request letter, rendered before the transaction that records them
 * (record the letter first: the charge refers to it).
 */
export async function planCharge(
  ctx: AppContext,
  props: {
    org: OrganisationFees;
    applicationId: string;
    personId: string;
    listKind: ListKind;
    kind: FeeKind;
    amountOre: number;
    periodEnd: string;
    dueDate: string;
    createdBy: string | null;
  },
): Promise<PlannedCharge> {
  const person = await ctx.db
    .selectFrom("people")
    .select("language")
    .where("id", "=", props.personId)
    .executeTakeFirstOrThrow();
  const lang = isLang(person.language) ? person.language : "da";
  const paymentId = newPaymentId();
  const letters = await prepareLetters(ctx, {
    organisationId: props.org.id,
    letterType: "payment_request",
    createdBy: props.createdBy,
    recipients: [{ personId: props.personId }],
    values: {
      subject: translator(lang)(`letting.fees.subject_${props.kind}`, {
        list: listName(props.org, props.listKind, lang),
      }),
      amount: { ore: props.amountOre },
      due_date: { date: props.dueDate },
      payment_line: paymentLineText(props.org, paymentId, lang),
      list: listName(props.org, props.listKind, lang),
      message: "",
    },
  });
  return {
    letters,
    row: {
      id: newId(),
      application_id: props.applicationId,
      kind: props.kind,
      amount_ore: props.amountOre,
      payment_id: paymentId,
      period_end: props.periodEnd,
      due_date: props.dueDate,
      status: "open",
      letter_id: letters[0]?.row.id ?? null,
      reminder_letter_id: null,
      removal_date: null,
      paid_at: null,
      created_at: ctx.clock.now().toISOString(),
    },
  };
}
