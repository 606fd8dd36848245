import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { addDays, copenhagenInstant, todayInCopenhagen } from "../../../platform/dates.ts";
import { signUp } from "../lists.service.ts";
import { runFeeJobs } from "./fee-jobs.ts";
import { registerPayment } from "./payments.ts";
import { demoOrganisation, makePerson, testActor } from "./test-support.ts";

let app: TestApp;
let org: Awaited<ReturnType<typeof demoOrganisation>>;
const reminderDays = 30;

beforeAll(async () => {
  app = await buildTestApp();
  org = await demoOrganisation(app);
});
afterAll(async () => {
  await app.close();
});

/** Days pass (the job runs on the last of them, or on every one), and the seeker may pay what is open. */
const step = fc.record({ days: fc.integer({ min: 1, max: 45 }), daily: fc.boolean(), pay: fc.boolean() });

it("never removes an application without a reminder sent at least reminderDays before; paid keeps seniority", async () => {
  let day = "2028-01-03";
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      // Time only moves forward, so earlier runs' applications stay consistent too.
      day = addDays(day, 400);
      app.clock.set(copenhagenInstant(day, 12));
      const personId = await makePerson(app, org.organisationId);
      const { applicationId } = await signUp(app.ctx, testActor, {
        personId,
        organisationId: org.organisationId,
        listKind: "external",
        departmentIds: [org.dept102],
      });
      const seniority = todayInCopenhagen(app.ctx.clock);
      let removedOn: string | null = null;
      for (const s of steps) {
        for (let d = 1; d <= s.days; d++) {
          day = addDays(day, 1);
          if (!s.daily && d < s.days) continue;
          app.clock.set(copenhagenInstant(day, 12));
          await runFeeJobs(app.ctx, day);
        }
        const a = await app.ctx.db
          .selectFrom("applications")
          .select(["status", "seniority_date", "fee_paid_until"])
          .where("id", "=", applicationId)
          .executeTakeFirstOrThrow();
        if (a.status === "removed") {
          removedOn ??= day;
          break;
        }
        // Still on the list: seniority is the sign-up date.
        expect(a.seniority_date).toBe(seniority);
        if (s.pay) {
          const open = await app.ctx.db
            .selectFrom("fee_charges")
            .select(["id", "amount_ore"])
            .where("application_id", "=", applicationId)
            .where("status", "=", "open")
            .execute();
          for (const c of open) {
            await registerPayment(app.ctx, testActor, {
              chargeId: c.id,
              amountOre: Number(c.amount_ore),
              paidOn: day,
              source: "staff",
              organisations: null,
            });
          }
        }
      }
      // Paying what is open at least every 45 days always beats the notice (due + 1 + reminderDays).
      if (steps.every((s) => s.pay)) expect(removedOn).toBeNull();
      if (!removedOn) return;
      const reminders = await app.ctx.db
        .selectFrom("fee_charges as c")
        .innerJoin("letters as l", "l.id", "c.reminder_letter_id")
        .select(["l.document_date", "c.status"])
        .where("c.application_id", "=", applicationId)
        .execute();
      const sentBefore = reminders.filter((r) => addDays(r.document_date, reminderDays) < removedOn!);
      expect(sentBefore.length).toBeGreaterThan(0);
      // Whatever was paid stayed paid: only unpaid charges were cancelled by the removal.
      expect(reminders.some((r) => r.status === "cancelled")).toBe(true);
    }),
    { numRuns: 20 },
  );
}, 180_000);
