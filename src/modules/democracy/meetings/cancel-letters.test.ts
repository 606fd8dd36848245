import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp, testPerson } from "../../../../test/helpers.ts";
import * as migration from "../../../db/migrations/2026-11-28T0400-democracy-meeting-letters.ts";
import { newId } from "../../../platform/ids.ts";
import { cancelMeeting, conveneMeeting } from "./lifecycle.service.ts";
import { meetingById } from "./meetings.repository.ts";
import { planMeeting } from "./meetings.service.ts";
import { departmentId, meetingWithFinalAgenda, type Who, who } from "./test-support.ts";

/** Calling off a meeting whose notice has gone out writes to every household that was told about it. */

let app: TestApp;
let staff: Who;
let dept101: string;

const plan = (date: string) =>
  planMeeting(app.ctx, staff.actor, staff.principal, {
    department_id: dept101,
    kind: "ordinary",
    title: `Afdelingsmøde ${date}`,
    date,
    time: "19:00",
    location: "Fælleshuset",
    agenda: ["Valg af dirigent", "Budget"],
  });

const recipientsOf = async (batchId: string | null) =>
  (
    await app.ctx.db
      .selectFrom("letters")
      .select("recipient_person_id")
      .where("batch_id", "=", batchId ?? "")
      .execute()
  )
    .map((l) => l.recipient_person_id)
    .sort();

const cancellations = () =>
  app.ctx.db
    .selectFrom("letter_batches")
    .selectAll()
    .where("title", "like", "Aflysning af afdelingsmøde%")
    .execute();

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
  staff = await who(app, "driftschef@almen.demo");
  dept101 = await departmentId(app, 101);
});
afterAll(async () => {
  await app.close();
});

describe("calling off a meeting", () => {
  it("sends nothing for a draft that was never convened", async () => {
    const draft = await plan("2027-04-13");
    expect(await cancelMeeting(app.ctx, staff.actor, staff.principal, draft)).toEqual({
      batchId: null,
      letters: 0,
    });
    expect(await cancellations()).toEqual([]);
  });

  it("writes to exactly the households that got the notice, in the same step as the stage", async () => {
    const id = await plan("2027-04-06");
    await conveneMeeting(app.ctx, staff.actor, staff.principal, id);
    const notified = await recipientsOf((await meetingById(app.ctx.db, id))!.notice_batch_id);
    expect(notified.length).toBeGreaterThan(1);

    // After the notice: one household moves out, and a new co-tenant joins another one.
    const [movedOut, stays] = await app.ctx.db
      .selectFrom("household_members as m")
      .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
      .select(["m.person_id", "t.id as tenancy_id", "t.unit_id"])
      .where("m.person_id", "in", notified)
      .orderBy("m.person_id")
      .execute();
    await app.ctx.db
      .updateTable("tenancies")
      .set({ end_date: "2027-02-15" })
      .where("id", "=", movedOut!.tenancy_id)
      .execute();
    const newcomer = newId();
    await app.ctx.db
      .insertInto("people")
      .values(
        testPerson({
          id: newcomer,
          organisationId: (await meetingById(app.ctx.db, id))!.organisation_id,
          personNumber: "T-NEWCOMER",
          name: "Nina Nytilflytter",
          birthDate: "1990-05-05",
        }),
      )
      .execute();
    await app.ctx.db
      .insertInto("household_members")
      .values({ id: newId(), tenancy_id: stays!.tenancy_id, person_id: newcomer, role: "co_tenant" })
      .execute();

    app.clock.set(new Date("2027-02-20T09:00:00.000Z"));
    const r = await cancelMeeting(app.ctx, staff.actor, staff.principal, id);
    expect(r.letters).toBe(notified.length);
    const told = await recipientsOf(r.batchId);
    expect(told).toEqual(notified);
    expect(told).toContain(movedOut!.person_id);
    expect(told).not.toContain(newcomer);

    const letter = await app.ctx.db
      .selectFrom("letters")
      .select(["letter_type", "subject", "body", "recipient_address_json", "status"])
      .where("batch_id", "=", r.batchId!)
      .where("recipient_person_id", "=", movedOut!.person_id)
      .executeTakeFirstOrThrow();
    expect(letter).toMatchObject({ letter_type: "notice", status: "queued" });
    expect(letter.subject).toBe("Afdelingsmødet i Æblehaven tirsdag den 6. april 2027 kl. 19.00 er aflyst");
    expect(letter.body).toContain(
      "Afdelingsmødet tirsdag den 6. april 2027 kl. 19.00, som du er indkaldt til, er aflyst. Sted: Fælleshuset.",
    );
    expect((letter.recipient_address_json as string[]).length).toBeGreaterThan(0);
    const [batch] = await cancellations();
    expect(batch).toMatchObject({
      id: r.batchId,
      title: "Aflysning af afdelingsmøde, 101 Æblehaven, 2027-04-06",
      letter_count: notified.length,
    });
    expect((await meetingById(app.ctx.db, id))!.stage).toBe("cancelled");
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "meetings.cancel")
      .where("entity_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toEqual({ batchId: r.batchId, letters: notified.length });
  });

  it("tells the staff member how many letters went out, and counts the final agenda's recipients too", async () => {
    const id = await meetingWithFinalAgenda(app, staff);
    const m = (await meetingById(app.ctx.db, id))!;
    const told = [
      ...new Set([
        ...(await recipientsOf(m.notice_batch_id)),
        ...(await recipientsOf(m.final_agenda_batch_id)),
      ]),
    ];
    const browser = new TestBrowser(app.server);
    await browser.login("driftschef@almen.demo");
    await browser.get(`/meetings/${id}`);
    const done = await browser.post(`/meetings/${id}/cancel`);
    expect(done.statusCode).toBe(303);
    const page = await browser.get(`/meetings/${id}`);
    expect(page.body).toContain(`Mødet er aflyst. ${told.length} breve om aflysningen er lagt i udbakken.`);
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "meetings.cancel")
      .where("entity_id", "=", id)
      .executeTakeFirstOrThrow();
    const { batchId } = audit.after_json as { batchId: string };
    expect(await recipientsOf(batchId)).toEqual(told.sort());
  });

  it("knows the letters of meetings convened before their batches were remembered (from the audit log)", async () => {
    app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
    const id = await plan("2027-05-04");
    await conveneMeeting(app.ctx, staff.actor, staff.principal, id);
    const batch = (await meetingById(app.ctx.db, id))!.notice_batch_id;
    await migration.down(app.ctx.db);
    await migration.up(app.ctx.db);
    expect((await meetingById(app.ctx.db, id))!.notice_batch_id).toBe(batch);
  });
});
