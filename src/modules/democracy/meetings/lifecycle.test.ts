import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { type AppError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { translateMaybe, translator } from "../../../platform/i18n/index.ts";
import { inLanguage } from "./explain.ts";
import { cancelMeeting, conveneMeeting, openProposals, publishFinalAgenda } from "./lifecycle.service.ts";
import { meetingFor } from "./meeting-access.ts";
import { meetingById } from "./meetings.repository.ts";
import { addAgendaItem, meetingWithOpenAgenda, planMeeting, setEconomy } from "./meetings.service.ts";
import { putOnAgenda, submitProposal } from "./proposals.service.ts";
import { departmentId, loginIn, refusal, type Who, who } from "./test-support.ts";

let app: TestApp;
let staff: Who;
let resident: Who;
let dept101: string;
let meetingId: string;
/** Letters per convening: one per lease holder of department 101. */
let leaseHolderCount: number;

const plan = (date: string, kind: "ordinary" | "extraordinary" = "ordinary") =>
  planMeeting(app.ctx, staff.actor, staff.principal, {
    department_id: dept101,
    kind,
    title: `Afdelingsmøde ${date}`,
    date,
    time: "19:00",
    location: "Fælleshuset",
    agenda: ["Valg af dirigent", "Budget"],
  });

const lettersOf = async (type: string) =>
  app.ctx.db
    .selectFrom("letters")
    .select(["recipient_person_id", "batch_id"])
    .where("department_id", "=", dept101)
    .where("letter_type", "=", type as "notice")
    .execute();

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
  staff = await who(app, "driftschef@almen.demo");
  resident = await who(app, "beboer@almen.demo");
  dept101 = await departmentId(app, 101);
});
afterAll(async () => {
  await app.close();
});

describe("planning and convening", () => {
  it("refuses a date too early, with the reason and the first allowed date", async () => {
    const { error, text } = await refusal(() => plan("2027-02-20"));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.params?.first).toBe("2027-03-01");
    expect(text).toBe(
      "Mødet den 20. februar 2027 ligger for tidligt: et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel, og indkaldelsen kan tidligst sendes i dag, den 1. februar 2027. Første mulige mødedato er den 1. marts 2027.",
    );
    const extraordinary = await refusal(() => plan("2027-02-10", "extraordinary"));
    expect(extraordinary.error.params?.first).toBe("2027-02-15");
  });

  it("convenes once: the notice to every household is queued in the same transaction as the stage", async () => {
    meetingId = await plan("2027-04-06");
    const m = await meetingWithOpenAgenda(app.ctx, staff.principal, meetingId);
    await setEconomy(app.ctx, staff.actor, staff.principal, meetingId, {
      budget: [{ label: "Husleje", amountOre: 425_000_000 }],
      accounts: [{ label: "Resultat", amountOre: 1_250_000 }],
    });
    expect(m.meeting_date).toBe("2027-04-06");
    // Two clicks at once: exactly one convenes; the loser's letters roll back with it.
    const results = await Promise.allSettled([
      conveneMeeting(app.ctx, staff.actor, staff.principal, meetingId),
      conveneMeeting(app.ctx, staff.actor, staff.principal, meetingId),
    ]);
    const done = results.filter((r) => r.status === "fulfilled");
    expect(done).toHaveLength(1);
    const letters = await lettersOf("meeting_notice");
    const holders = await app.ctx.db
      .selectFrom("tenancies as t")
      .innerJoin("units as u", "u.id", "t.unit_id")
      .innerJoin("household_members as hm", "hm.tenancy_id", "t.id")
      .select(["t.id as tenancy_id", "hm.person_id"])
      .where("u.department_id", "=", dept101)
      .where("t.end_date", "is", null)
      .where("hm.role", "in", ["tenant", "co_tenant"])
      .execute();
    expect(letters).toHaveLength(holders.length);
    leaseHolderCount = holders.length;
    expect(new Set(letters.map((l) => l.batch_id)).size).toBe(1);
    const reached = new Set(letters.map((l) => l.recipient_person_id));
    for (const tenancy of new Set(holders.map((h) => h.tenancy_id))) {
      expect(holders.some((h) => h.tenancy_id === tenancy && reached.has(h.person_id))).toBe(true);
    }
    const batch = await app.ctx.db
      .selectFrom("letter_batches")
      .selectAll()
      .where("id", "=", letters[0]!.batch_id!)
      .executeTakeFirstOrThrow();
    expect(batch.letter_count).toBe(holders.length);
    const body = await app.ctx.db
      .selectFrom("letters")
      .select("body")
      .where("batch_id", "=", batch.id)
      .executeTakeFirstOrThrow();
    expect(body.body).toContain("6. april 2027");
    expect(body.body).toContain("23. marts 2027");
    expect(body.body).toContain("1. Valg af dirigent");
  });

  it("refuses to convene a planned meeting once its notice can no longer be given", async () => {
    const late = await plan("2027-03-05");
    const before = (await lettersOf("meeting_notice")).length;
    app.clock.set(new Date("2027-02-06T09:00:00.000Z"));
    const { text } = await refusal(() => conveneMeeting(app.ctx, staff.actor, staff.principal, late));
    expect(text).toContain("Første mulige mødedato er den 6. marts 2027.");
    expect(await lettersOf("meeting_notice")).toHaveLength(before);
    expect((await meetingById(app.ctx.db, late))!.stage).toBe("planned");
    await cancelMeeting(app.ctx, staff.actor, staff.principal, late);
    // A draft called off was never public; a convened meeting called off stays visible as cancelled.
    await expect(meetingFor(app.ctx.db, resident.principal, late, "democracy.view")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
    const convenedThenCancelled = await plan("2027-03-30");
    await conveneMeeting(app.ctx, staff.actor, staff.principal, convenedThenCancelled);
    await cancelMeeting(app.ctx, staff.actor, staff.principal, convenedThenCancelled);
    const seen = await meetingFor(app.ctx.db, resident.principal, convenedThenCancelled, "democracy.view");
    expect(seen.stage).toBe("cancelled");
  });
});

describe("proposals", () => {
  let itemId: string;
  let proposalId: string;

  it("lets a resident of the department propose until the deadline", async () => {
    await openProposals(app.ctx, staff.actor, staff.principal, meetingId);
    app.clock.set(new Date("2027-03-23T21:30:00.000Z")); // 22:30 on the deadline day, Copenhagen
    proposalId = await submitProposal(app.ctx, resident.actor, resident.principal, resident, meetingId, {
      kind: "proposal",
      amends_item_id: "",
      title: "Hønsehus i gården",
      body: "Vi foreslår et hønsehus.",
    });
    expect(proposalId).toBeTruthy();
  });

  it("after the deadline refuses a new proposal with the reason and the deadline, and accepts an amendment", async () => {
    app.clock.set(new Date("2027-03-23T23:30:00.000Z")); // 00:30 the day after, Copenhagen
    const { error, text } = await refusal(() =>
      submitProposal(app.ctx, resident.actor, resident.principal, resident, meetingId, {
        kind: "proposal",
        amends_item_id: "",
        title: "For sent",
        body: "Et forslag efter fristen.",
      }),
    );
    expect(error.fields).toEqual({ kind: "meetings.errors.after_deadline" });
    expect(text).toBe(
      "Fristen for nye forslag var den 23. marts 2027. Efter fristen kan du kun stille ændringsforslag til punkter, der allerede er på dagsordenen.",
    );
    const en = inLanguage(error, "en") as AppError;
    expect(translateMaybe(translator("en"), en.messageKey, en.params)).toContain(
      "The deadline for new proposals was 23 March 2027",
    );
    const items = await app.ctx.db
      .selectFrom("meeting_agenda_items")
      .select(["id", "title"])
      .where("meeting_id", "=", meetingId)
      .orderBy("position")
      .execute();
    itemId = items.find((i) => i.title === "Budget")!.id;
    const amendment = await submitProposal(app.ctx, resident.actor, resident.principal, resident, meetingId, {
      kind: "amendment",
      amends_item_id: itemId,
      title: "Lavere husleje",
      body: "Vi foreslår at spare på vedligeholdelsen.",
    });
    expect(amendment).toBeTruthy();
  });

  it("takes proposals only from residents of the department (others: not found)", async () => {
    const elsewhere = await loginIn(app, {
      email: "beboer102@almen.test",
      name: "Beboer i Søparken",
      role: "resident",
      departmentNumber: 102,
      household: true,
    });
    const noHome = await loginIn(app, {
      email: "uden-bolig@almen.test",
      name: "Uden Bolig",
      role: "resident",
      departmentNumber: 101,
      household: false,
    });
    const input = { kind: "amendment" as const, amends_item_id: itemId, title: "Udefra", body: "Tekst" };
    for (const w of [elsewhere, noHome]) {
      await expect(submitProposal(app.ctx, w.actor, w.principal, w, meetingId, input)).rejects.toBeInstanceOf(
        NotFoundError,
      );
    }
  });

  it("publishes the final agenda only when every proposal is handled, with a second letter to all households", async () => {
    const unhandled = await refusal(() =>
      publishFinalAgenda(app.ctx, staff.actor, staff.principal, meetingId),
    );
    expect(unhandled.text).toContain("1 forslag er endnu ikke behandlet");
    const chair = await who(app, "formand@almen.demo");
    await putOnAgenda(app.ctx, chair.actor, chair.principal, meetingId, proposalId);
    const before = (await lettersOf("notice")).length;
    const r = await publishFinalAgenda(app.ctx, staff.actor, staff.principal, meetingId);
    expect(r.letters).toBe(leaseHolderCount);
    expect((await lettersOf("notice")).length - before).toBe(r.letters);
    const body = await app.ctx.db
      .selectFrom("letters")
      .select("body")
      .where("batch_id", "=", r.batchId)
      .executeTakeFirstOrThrow();
    expect(body.body).toContain("Hønsehus i gården");
    expect(body.body).toMatch(/Husleje: 4\.250\.000,00\skr\./);
    await expect(
      addAgendaItem(app.ctx, staff.actor, (await meetingById(app.ctx.db, meetingId))!, {
        title: "Sent",
        description: "",
      }),
    ).rejects.toThrow("meetings.errors.agenda_closed");
  });
});
