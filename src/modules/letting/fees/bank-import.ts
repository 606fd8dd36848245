import type { Actor } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { readCsv } from "../../../platform/csv/read.ts";
import { parseDate, parseKronerToOre } from "../../../platform/csv/values.ts";
import { AppError, ValidationError } from "../../../platform/errors.ts";
import { isValidFiPaymentId } from "../../../platform/payments/fi-card.ts";
import { DuplicatePaymentError, registerPayment } from "./payments.ts";

/**
 * A bank payment file (CSV, `;` or `,` separated, UTF-8 or Windows-1252), one payment a line:
 *
 *   payment_id;amount;paid_on;bank_reference
 *   000012345678903;300,00;2026-12-01;BS-2026-000123
 *
 * `amount` in kroner ("300,00" or "300.00"), `paid_on` as YYYY-MM-DD or DD-MM-YYYY,
 * `bank_reference` the bank's unique transaction reference: a file read twice books each payment once.
 */
export const bankFileColumns = ["payment_id", "amount", "paid_on", "bank_reference"] as const;

export type BankRowOutcome =
  | "booked"
  | "duplicate"
  | "unknown_payment_id"
  | "wrong_amount"
  | "already_paid"
  | "cancelled"
  | "invalid";

export interface BankRowReport {
  line: number;
  paymentId: string;
  amountOre: number | null;
  outcome: BankRowOutcome;
}

export interface BankImportReport {
  rows: BankRowReport[];
  booked: number;
}

/** Reads a bank file and books every payment it can; each line is its own transaction. */
export async function importBankPayments(
  ctx: AppContext,
  actor: Actor,
  csv: string | Uint8Array,
  organisations: string[] | null,
): Promise<BankImportReport> {
  const reader = await readCsv(typeof csv === "string" ? Buffer.from(csv, "utf8") : csv);
  const missing = bankFileColumns.filter((c) => !reader.header.includes(c));
  if (missing.length) {
    await reader.close();
    throw new ValidationError({ file: "letting.fees.errors.columns" }, "letting.fees.errors.columns", {
      columns: missing.join(", "),
    });
  }
  const rows: BankRowReport[] = [];
  for await (const row of reader) {
    if (!row.ok) {
      rows.push({ line: row.line, paymentId: "", amountOre: null, outcome: "invalid" });
      continue;
    }
    const v = row.values;
    const paymentId = (v.payment_id ?? "").trim();
    const amountOre = parseKronerToOre(v.amount ?? "") ?? null;
    const paidOn = parseDate(v.paid_on ?? "");
    const reference = (v.bank_reference ?? "").trim();
    const report = { line: row.line, paymentId, amountOre };
    if (!isValidFiPaymentId(paymentId) || amountOre === null || !paidOn || !reference) {
      rows.push({ ...report, outcome: "invalid" });
      continue;
    }
    const charge = await ctx.db
      .selectFrom("fee_charges")
      .select("id")
      .where("payment_id", "=", paymentId)
      .executeTakeFirst();
    if (!charge) {
      rows.push({ ...report, outcome: "unknown_payment_id" });
      continue;
    }
    rows.push({
      ...report,
      outcome: await book(ctx, actor, charge.id, amountOre, paidOn, reference, organisations),
    });
  }
  return { rows, booked: rows.filter((r) => r.outcome === "booked").length };
}

async function book(
  ctx: AppContext,
  actor: Actor,
  chargeId: string,
  amountOre: number,
  paidOn: string,
  sourceReference: string,
  organisations: string[] | null,
): Promise<BankRowOutcome> {
  try {
    await registerPayment(ctx, actor, {
      chargeId,
      amountOre,
      paidOn,
      source: "bank_file",
      sourceReference,
      organisations,
    });
    return "booked";
  } catch (e) {
    if (e instanceof DuplicatePaymentError) return "duplicate";
    if (!(e instanceof AppError)) throw e;
    if (e.code === "not_found") return "unknown_payment_id";
    if (e.messageKey === "letting.fees.errors.wrong_amount") return "wrong_amount";
    if (e.messageKey === "letting.fees.errors.charge_paid") return "already_paid";
    if (e.messageKey === "letting.fees.errors.charge_cancelled") return "cancelled";
    throw e;
  }
}
