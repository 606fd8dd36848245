import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { departmentId, who } from "./test-support.ts";

/** An extraordinary meeting walked through the JSON API, from planning to the decisions register. */

let app: TestApp;
let staff: TestBrowser;
let chair: TestBrowser;
let resident: TestBrowser;
let member: TestBrowser;
let meetingId: string;
let proposalId: string;

async function browser(email: string, page: string) {
  const b = new TestBrowser(app.server);
  await b.login(email);
  await b.get(page); // a page gives the CSRF token the JSON calls send as a header
  return b;
}

/** A JSON PUT with the browser's session and CSRF token (TestBrowser.json knows GET, POST and DELETE). */
const put = (b: TestBrowser, url: string, payload: unknown) =>
  app.server.inject({
    method: "PUT",
    url,
    payload: payload as never,
    headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "x-csrf-token": b.lastCsrf },
  });

async function moveTo(iso: string) {
  app.clock.set(new Date(iso));
  staff = await browser("driftschef@almen.demo", "/meetings");
  chair = await browser("formand@almen.demo", "/meetings");
  resident = await browser("beboer@almen.demo", "/democracy");
  member = await browser("bestyrelse@almen.demo", "/democracy");
}

beforeAll(async () => {
  app = await buildTestApp();
  await moveTo("2027-02-01T09:00:00.000Z");
});
afterAll(async () => {
  await app.close();
});

describe("the meetings API", () => {
  it("refuses a date too early (400) with the reason and the first allowed date", async () => {
    const body = {
      department_id: await departmentId(app, 101),
      kind: "extraordinary",
      title: "Ekstraordinært møde om legepladsen",
      date: "2027-02-10",
      time: "19:00",
      location: "Fælleshuset",
      agenda: ["Valg af dirigent", "Ny legeplads"],
    };
    const early = await staff.json("POST", "/api/v1/meetings", body);
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.date).toContain("Første mulige mødedato er den 15. februar 2027.");
    const ok = await staff.json("POST", "/api/v1/meetings", { ...body, date: "2027-03-01" });
    expect(ok.statusCode).toBe(201);
    const detail = ok.json();
    meetingId = detail.meeting.id;
    expect(detail.meeting).toMatchObject({
      stage: "planned",
      meetingDate: "2027-03-01",
      startsAt: "2027-03-01T18:00:00.000Z",
    });
    expect(detail.meeting.deadlines).toMatchObject({
      conveneBy: "2027-02-15",
      proposalDeadline: "2027-02-15",
      finalAgendaBy: "2027-02-22",
    });
    expect(detail.meeting.deadlines.explanations.conveneBy).toContain(
      "et ekstraordinært afdelingsmøde skal indkaldes med mindst 2 ugers varsel",
    );
    expect(detail.agenda.map((i: { title: string }) => i.title)).toEqual([
      "Valg af dirigent",
      "Ny legeplads",
    ]);
  });

  it("convenes with letters, opens for proposals, and takes a resident's proposal", async () => {
    const convened = await staff.json("POST", `/api/v1/meetings/${meetingId}/convene`);
    expect(convened.statusCode).toBe(200);
    expect(convened.json().letters).toBeGreaterThan(0);
    expect(
      (await staff.json("POST", `/api/v1/meetings/${meetingId}/open-proposals`)).json().meeting.stage,
    ).toBe("proposals_open");
    const sent = await resident.json("POST", `/api/v1/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      title: "Gynger til de små",
      body: "Vi ønsker gynger.",
    });
    expect(sent.statusCode).toBe(201);
    proposalId = sent.json().id;
    expect(sent.json()).toMatchObject({ status: "submitted", submitter: "Jens Ærø Beboer" });
    const seen = await resident.json("GET", `/api/v1/democracy/meetings/${meetingId}`);
    expect(seen.json().meeting.deadlines.explanations.proposalDeadline).toContain("15. februar 2027");
  });

  it("lets this department's board order and put proposals on the agenda; others get 404", async () => {
    expect((await resident.json("GET", `/api/v1/democracy/meetings/${meetingId}/proposals`)).statusCode).toBe(
      404,
    );
    const list = await member.json("GET", `/api/v1/democracy/meetings/${meetingId}/proposals`);
    expect(list.json().items.map((p: { title: string }) => p.title)).toEqual(["Gynger til de små"]);
    const reviewed = await member.json(
      "POST",
      `/api/v1/democracy/meetings/${meetingId}/proposals/${proposalId}/review`,
      {
        rank: 1,
        comment: "Bakkes op",
      },
    );
    expect(reviewed.json()).toMatchObject({ boardRank: 1, boardComment: "Bakkes op" });
    const onAgenda = await member.json(
      "POST",
      `/api/v1/democracy/meetings/${meetingId}/proposals/${proposalId}/agenda`,
    );
    expect(onAgenda.json().status).toBe("on_agenda");
  });

  it("refuses a late proposal in the API with the reason, then publishes the final agenda", async () => {
    await moveTo("2027-02-16T09:00:00.000Z");
    const late = await resident.json("POST", `/api/v1/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      title: "For sent",
      body: "Efter fristen.",
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toBe(
      "Fristen for nye forslag var den 15. februar 2027. Efter fristen kan du kun stille ændringsforslag til punkter, der allerede er på dagsordenen.",
    );
    const published = await staff.json("POST", `/api/v1/meetings/${meetingId}/final-agenda`);
    expect(published.statusCode).toBe(200);
    expect(published.json().letters).toBeGreaterThan(0);
  });

  it("checks in, limits the show of votes and sends an item to a digital vote", async () => {
    await moveTo("2027-03-01T17:00:00.000Z");
    const beboer = await who(app, "beboer@almen.demo");
    const attendance = await staff.json("POST", `/api/v1/meetings/${meetingId}/check-ins`, {
      person_id: beboer.personId,
    });
    expect(attendance.json()).toEqual({ households: 1, people: 1, maxVotes: 2 });
    expect(
      (await staff.json("POST", `/api/v1/meetings/${meetingId}/chair`)).json().meeting.meetingChair,
    ).toBe("Mette Driftschef");
    const detail = (await staff.json("GET", `/api/v1/meetings/${meetingId}`)).json();
    const item = detail.agenda.find((i: { title: string }) => i.title === "Gynger til de små");
    const url = `/api/v1/meetings/${meetingId}/items/${item.id}/votes`;
    const tooMany = await staff.json("POST", url, {
      votes_for: 2,
      votes_against: 1,
      votes_blank: 0,
      decision: "vote",
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toBe(
      "Der er afgivet 3 stemmer, men 1 husstande er tjekket ind, og hver har 2 stemmer: højst 2.",
    );
    const digital = await staff.json("POST", url, {
      votes_for: 2,
      votes_against: 0,
      votes_blank: 0,
      decision: "to_digital_vote",
    });
    expect(digital.statusCode).toBe(200);
    expect(digital.json()).toMatchObject({
      outcome: "to_digital_vote",
      // The digital vote itself, created in the same transaction.
      voteId: expect.any(String),
      followUp: {
        kind: "digital_vote",
        meetingId,
        agendaItemId: item.id,
        closesAt: "2027-03-08T23:00:00.000Z",
      },
    });
    expect((await staff.json("POST", `/api/v1/meetings/${meetingId}/close`)).json().meeting.stage).toBe(
      "held",
    );
  });

  it("takes the minutes through two approvals to the decisions register", async () => {
    const detail = (await staff.json("GET", `/api/v1/meetings/${meetingId}`)).json();
    const items = detail.agenda.map((i: { id: string; title: string }) => ({
      id: i.id,
      minutes_text: `Om ${i.title}.`,
      decision_text:
        i.title === "Gynger til de små"
          ? "Legepladsen får gynger, hvis den digitale afstemning siger ja"
          : "",
    }));
    expect(
      (await put(staff, `/api/v1/meetings/${meetingId}/minutes`, { intro: "Referat.", items })).statusCode,
    ).toBe(200);
    expect((await staff.json("POST", `/api/v1/meetings/${meetingId}/minutes/approve`)).json()).toEqual({
      role: "meeting_chair",
      approved: false,
    });
    expect((await chair.json("POST", `/api/v1/meetings/${meetingId}/minutes/approve`)).json()).toEqual({
      role: "board_chair",
      approved: true,
    });
    expect((await staff.json("POST", `/api/v1/meetings/${meetingId}/minutes/publish`)).json()).toEqual({
      decisions: 1,
    });
    const found = (await resident.json("GET", "/api/v1/democracy/decisions?q=gynger")).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({
      title: "Gynger til de små",
      outcome: "to_digital_vote",
      decidedOn: "2027-03-01",
    });
    const seen = (await resident.json("GET", `/api/v1/democracy/meetings/${meetingId}`)).json();
    expect(seen.meeting.stage).toBe("published");
    expect(seen.approvals).toHaveLength(2);
  });

  it("is in the OpenAPI document and behind the permission table", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    for (const path of [
      "/api/v1/meetings",
      "/api/v1/meetings/{id}/convene",
      "/api/v1/meetings/{id}/items/{itemId}/votes",
      "/api/v1/democracy/meetings/{id}/proposals",
      "/api/v1/democracy/decisions",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect((await resident.json("GET", "/api/v1/meetings")).statusCode).toBe(404);
    expect((await app.server.inject({ url: "/api/v1/democracy/decisions" })).statusCode).toBe(401);
  });
});
