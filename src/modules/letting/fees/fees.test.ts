import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { addDays, addMonths, copenhagenInstant, todayInCopenhagen } from "../../../platform/dates.ts";
import { AppError } from "../../../platform/errors.ts";
import { signUp } from "../lists.service.ts";
import { importBankPayments } from "./bank-import.ts";
import { runFeeJobs } from "./fee-jobs.ts";
import { registerPayment } from "./payments.ts";
import { demoOrganisation, makePerson, testActor } from "./test-support.ts";

let app: TestApp;
let org: Awaited<ReturnType<typeof demoOrganisation>>;

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
});
afterAll(async () => {
  await app.close();
});

/** Moves the app's clock to noon (Copenhagen) of a date and returns the date. */
const setDay = (date: string) => {
  app.clock.set(copenhagenInstant(date, 12));
  return date;
};

async function signedUp() {
  const personId = await makePerson(app, org.organisationId);
  const result = await signUp(app.ctx, testActor, {
    personId,
    organisationId: org.organisationId,
    listKind: "external",
    departmentIds: [org.dept101],
  });
  const charge = await app.ctx.db
    .selectFrom("fee_charges")
    .selectAll()
    .where("id", "=", result.chargeId!)
    .executeTakeFirstOrThrow();
  return { ...result, charge };
}

const application = (id: string) =>
  app.ctx.db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const pay = (chargeId: string, amountOre = 30_000, sourceReference?: string) =>
  registerPayment(app.ctx, testActor, {
    chargeId,
    amountOre,
    paidOn: todayInCopenhagen(app.ctx.clock),
    source: sourceReference ? "bank_file" : "staff",
    sourceReference,
    organisations: null,
  });

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.messageKey;
    throw e;
  }
  throw new Error("expected a failure");
};

describe("registerPayment", () => {
  it("marks the charge paid and keeps the application until the period end", async () => {
    const { applicationId, charge } = await signedUp();
    expect(await failure(pay(charge.id, 20_000))).toBe("letting.fees.errors.wrong_amount");
    const result = await pay(charge.id);
    expect(result.paidUntil).toBe(charge.period_end);
    expect((await application(applicationId)).fee_paid_until).toBe(charge.period_end);
    expect(await failure(pay(charge.id))).toBe("letting.fees.errors.charge_paid");
  });
});

describe("the daily fee job", () => {
  it("reminds after the due date, removes only after the reminder's removal date", async () => {
    const start = setDay("2027-01-04");
    const { applicationId, charge } = await signedUp();
    expect(charge.due_date).toBe(addDays(start, 14));
    await runFeeJobs(app.ctx, setDay(charge.due_date));
    expect((await application(applicationId)).status).toBe("active");
    const remindedOn = setDay(addDays(charge.due_date, 1));
    await runFeeJobs(app.ctx, remindedOn);
    const reminded = await app.ctx.db
      .selectFrom("fee_charges as c")
      .innerJoin("letters as l", "l.id", "c.reminder_letter_id")
      .select(["c.removal_date", "l.letter_type", "l.body"])
      .where("c.id", "=", charge.id)
      .executeTakeFirstOrThrow();
    expect(reminded.removal_date).toBe(addDays(remindedOn, 30));
    expect(reminded.letter_type).toBe("fee_reminder");
    expect(reminded.body).toContain("bliver du slettet fra ventelisten");
    await runFeeJobs(app.ctx, setDay(reminded.removal_date!));
    expect((await application(applicationId)).status).toBe("active");
    await runFeeJobs(app.ctx, setDay(addDays(reminded.removal_date!, 1)));
    const removed = await application(applicationId);
    expect(removed.status).toBe("removed");
    const queue = await app.ctx.db
      .selectFrom("application_departments")
      .select("rank")
      .where("application_id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(queue.rank).toBeNull();
    expect(await failure(pay(charge.id))).toBe("letting.fees.errors.charge_cancelled");
  });

  it("charges the renewal 30 days before the paid period ends, and a payment keeps the seniority", async () => {
    setDay("2027-03-01");
    const { applicationId, charge } = await signedUp();
    await pay(charge.id);
    await runFeeJobs(app.ctx, setDay(addDays(charge.period_end, -31)));
    const none = await app.ctx.db
      .selectFrom("fee_charges")
      .select("id")
      .where("application_id", "=", applicationId)
      .where("kind", "=", "renewal")
      .execute();
    expect(none).toEqual([]);
    await runFeeJobs(app.ctx, setDay(addDays(charge.period_end, -30)));
    await runFeeJobs(app.ctx, setDay(addDays(charge.period_end, -29)));
    const renewals = await app.ctx.db
      .selectFrom("fee_charges")
      .selectAll()
      .where("application_id", "=", applicationId)
      .where("kind", "=", "renewal")
      .execute();
    expect(renewals).toHaveLength(1);
    expect(renewals[0]).toMatchObject({
      due_date: charge.period_end,
      period_end: addMonths(charge.period_end, 12),
    });
    await pay(renewals[0]!.id);
    const after = await application(applicationId);
    expect(after).toMatchObject({ status: "active", seniority_date: "2027-03-01" });
    expect(after.fee_paid_until).toBe(addMonths(charge.period_end, 12));
  });
});

describe("importBankPayments", () => {
  it("books each payment once and reports every line", async () => {
    setDay("2027-06-01");
    const a = await signedUp();
    const b = await signedUp();
    await pay(b.charge.id);
    const csv = [
      "payment_id;amount;paid_on;bank_reference",
      `${a.charge.payment_id};300,00;02-06-2027;BANK-1`,
      `${b.charge.payment_id};300,00;2027-06-02;BANK-2`,
      "000000000000018;300,00;2027-06-02;BANK-3",
      `${a.charge.payment_id};250,00;2027-06-02;BANK-4`,
      "123;abc;never;",
    ].join("\n");
    const report = await importBankPayments(app.ctx, testActor, csv, null);
    expect(report.booked).toBe(1);
    expect(report.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, "booked"],
      [3, "already_paid"],
      [4, "unknown_payment_id"],
      [5, "already_paid"],
      [6, "invalid"],
    ]);
    expect((await application(a.applicationId)).fee_paid_until).toBe(a.charge.period_end);
    const again = await importBankPayments(app.ctx, testActor, csv, null);
    expect(again.booked).toBe(0);
    expect(again.rows[0]!.outcome).toBe("duplicate");
    const payments = await app.ctx.db
      .selectFrom("fee_payments")
      .select("source_reference")
      .where("fee_charge_id", "=", a.charge.id)
      .execute();
    expect(payments).toEqual([{ source_reference: "BANK-1" }]);
  });

  it("names the missing columns", async () => {
    expect(await failure(importBankPayments(app.ctx, testActor, "payment_id;amount\n1;2", null))).toBe(
      "letting.fees.errors.columns",
    );
  });
});
