import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { checkIn, recordItemVotes } from "../meetings/at-meeting.service.ts";
import {
  closeMeeting,
  conveneMeeting,
  openProposals,
  publishFinalAgenda,
  takeChair,
} from "../meetings/lifecycle.service.ts";
import { agendaOf } from "../meetings/meetings.repository.ts";
import { planMeeting } from "../meetings/meetings.service.ts";
import { departmentId, refusal, type Who, who } from "../meetings/test-support.ts";
import { proposalKey } from "./ballot-rule.ts";

/**
 * DOMAIN.md: "The same proposal may not be balloted again before the next ordinary meeting." An
 * ordinary meeting sends a proposal to a ballot; an extraordinary meeting after it may not send the
 * same proposal to a ballot again (409, in the pages and the API), nor may staff create one by hand;
 * the next ordinary meeting may, and once it has been held anyone may.
 */

let app: TestApp;
let staff: Who;
let resident: Who;
let dept101: string;

const hens = "Hønsehus i gården";
const playground = "Ny legeplads";

/** A meeting of department 101 walked to its day (19:00), one household checked in, staff in the chair. */
async function meetingDay(
  kind: "ordinary" | "extraordinary",
  date: string,
  times: { convene: string; publish: string },
  agenda: string[],
) {
  app.clock.set(new Date(times.convene));
  const id = await planMeeting(app.ctx, staff.actor, staff.principal, {
    department_id: dept101,
    kind,
    title: `Afdelingsmøde ${date}`,
    date,
    time: "19:00",
    location: "Fælleshuset",
    agenda,
  });
  await conveneMeeting(app.ctx, staff.actor, staff.principal, id);
  await openProposals(app.ctx, staff.actor, staff.principal, id);
  app.clock.set(new Date(times.publish));
  await publishFinalAgenda(app.ctx, staff.actor, staff.principal, id);
  app.clock.set(new Date(`${date}T16:30:00.000Z`));
  await checkIn(app.ctx, staff.actor, staff.principal, id, resident.personId!);
  await takeChair(app.ctx, staff.actor, staff.principal, id, { id: staff.userId, name: staff.name });
  const items = await agendaOf(app.ctx.db, id);
  const item = (title: string) => items.find((i) => i.title === title)!.id;
  return { id, item };
}

const toBallot = (opens: string, closes: string) => ({
  votes_for: 2,
  votes_against: 0,
  votes_blank: 0,
  decision: "to_ballot" as const,
  ballot_opens_on: opens,
  ballot_closes_on: closes,
});

const ballotsOn = async (title: string) =>
  (
    await app.ctx.db.selectFrom("votes").select(["title", "kind"]).where("kind", "=", "ballot").execute()
  ).filter((v) => proposalKey(v.title) === proposalKey(title)).length;

async function staffBrowser(page: string) {
  const b = new TestBrowser(app.server);
  await b.login("driftschef@almen.demo");
  await b.get(page);
  return b;
}

beforeAll(async () => {
  app = await buildTestApp();
  staff = await who(app, "driftschef@almen.demo");
  resident = await who(app, "beboer@almen.demo");
  dept101 = await departmentId(app, 101);
});
afterAll(async () => {
  await app.close();
});

describe("a ballot on the same proposal", () => {
  it("knows a proposal by its title, whatever the case and spacing", () => {
    expect(proposalKey("  hønsehus   I gården ")).toBe(proposalKey(hens));
    expect(proposalKey("Hønsehus i haven")).not.toBe(proposalKey(hens));
  });

  it("is refused after an extraordinary meeting, in the service, the pages and the API", async () => {
    const first = await meetingDay(
      "ordinary",
      "2027-04-06",
      { convene: "2027-02-01T09:00:00.000Z", publish: "2027-03-24T08:00:00.000Z" },
      ["Valg af dirigent", hens],
    );
    await recordItemVotes(
      app.ctx,
      staff.actor,
      staff.principal,
      first.id,
      first.item(hens),
      toBallot("2027-04-12", "2027-04-26"),
    );
    await closeMeeting(app.ctx, staff.actor, staff.principal, first.id);

    const second = await meetingDay(
      "extraordinary",
      "2027-05-25",
      { convene: "2027-04-20T08:00:00.000Z", publish: "2027-05-12T08:00:00.000Z" },
      ["Valg af dirigent", hens, playground, "Vandværket"],
    );
    const refused = await refusal(() =>
      recordItemVotes(
        app.ctx,
        staff.actor,
        staff.principal,
        second.id,
        second.item(hens),
        toBallot("2027-05-31", "2027-06-13"),
      ),
    );
    expect(refused.error.code).toBe("conflict");
    expect(refused.text).toBe(
      "Forslaget »Hønsehus i gården« blev sendt til urafstemning den 6. april 2027. Det samme forslag kan først sendes til urafstemning igen, når afdelingen har holdt sit næste ordinære afdelingsmøde.",
    );
    // Nothing of the refused decision stays: the item has no outcome, and there is still one ballot.
    const item = (await agendaOf(app.ctx.db, second.id)).find((i) => i.title === hens)!;
    expect([item.outcome, item.vote_id]).toEqual([null, null]);
    expect(await ballotsOn(hens)).toBe(1);

    // The chair's page: the reason in Danish, what was typed kept.
    const votePage = `/meetings/${second.id}/items/${second.item(hens)}/vote`;
    const browser = await staffBrowser(votePage);
    const page = await browser.post(`/meetings/${second.id}/items/${second.item(hens)}/votes`, {
      votes_for: "2",
      votes_against: "0",
      votes_blank: "0",
      decision: "to_ballot",
      ballot_opens_on: "2027-05-31",
      ballot_closes_on: "2027-06-13",
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('id="error-summary"');
    expect(page.body).toContain(
      "Forslaget »Hønsehus i gården« blev sendt til urafstemning den 6. april 2027.",
    );
    expect(page.body).toContain('value="2027-06-13"');

    // The API: 409 with the same reason.
    const api = await browser.json("POST", `/api/v1/meetings/${second.id}/items/${second.item(hens)}/votes`, {
      ...toBallot("2027-05-31", "2027-06-13"),
    });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("blev sendt til urafstemning den 6. april 2027"),
    });

    // Staff by hand, with the title typed differently: refused too; a digital vote is not a ballot.
    const byHand = (kind: string) =>
      browser.json("POST", "/api/v1/votes", {
        departmentId: dept101,
        title: "  hønsehus i  gården ",
        question: "Skal vi bygge et hønsehus?",
        kind,
        opensAt: "2027-06-01T08:00:00+02:00",
        closesAt: "2027-06-15T00:00:00+02:00",
      });
    const again = await byHand("ballot");
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("»Hønsehus i gården« blev sendt til urafstemning den 6. april 2027"),
    });
    expect((await byHand("digital")).statusCode).toBe(201);

    // Another proposal may go to a ballot at the extraordinary meeting.
    await recordItemVotes(
      app.ctx,
      staff.actor,
      staff.principal,
      second.id,
      second.item(playground),
      toBallot("2027-05-31", "2027-06-13"),
    );
    await closeMeeting(app.ctx, staff.actor, staff.principal, second.id);
    expect(await ballotsOn(playground)).toBe(1);
  });

  it("is allowed at the next ordinary meeting, and by anyone once it has been held", async () => {
    const third = await meetingDay(
      "ordinary",
      "2027-09-14",
      { convene: "2027-08-02T08:00:00.000Z", publish: "2027-09-02T08:00:00.000Z" },
      ["Valg af dirigent", hens],
    );
    // Before it is held, staff may not ballot the playground again by hand…
    const early = await staffBrowser("/votes/manage/new");
    const form = {
      department: dept101,
      title: playground,
      question: "Skal vi bygge en ny legeplads?",
      kind: "ballot",
      opens_date: "2027-09-20",
      opens_time: "08:00",
      closes_date: "2027-09-30",
      closes_time: "20:00",
    };
    const refused = await early.post("/votes/manage", form);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(
      "Forslaget »Ny legeplads« blev sendt til urafstemning den 25. maj 2027. Det samme forslag kan først sendes til urafstemning igen",
    );
    expect(refused.body).toContain('value="2027-09-30"');

    // …but the ordinary meeting itself may send the hen house to a ballot again.
    const decided = await recordItemVotes(
      app.ctx,
      staff.actor,
      staff.principal,
      third.id,
      third.item(hens),
      toBallot("2027-09-20", "2027-09-30"),
    );
    expect(decided.outcome).toBe("to_ballot");
    expect(await ballotsOn(hens)).toBe(2);
    await closeMeeting(app.ctx, staff.actor, staff.principal, third.id);

    // Held: the playground may go to a ballot again too.
    const after = await staffBrowser("/votes/manage/new");
    expect((await after.post("/votes/manage", form)).statusCode).toBe(303);
    expect(await ballotsOn(playground)).toBe(2);
  });
});
