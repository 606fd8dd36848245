import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { loginIn, who } from "./test-support.ts";

/** The meeting pages, walked through as the people who use them (app.inject, cookies, CSRF). */

let app: TestApp;
let chair: TestBrowser;
let staff: TestBrowser;
let resident: TestBrowser;
let member: TestBrowser;
let meetingUrl: string;
let meetingId: string;
let proposalId: string;

const untranslated = /meetings\.[a-z_]+\.|\{\{/;

/** Unique ids, headings that never skip a level, no untranslated key. */
function wellFormed(body: string, url: string) {
  const ids = [...body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    url,
  ).toEqual([]);
  const levels = [...body.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  expect(levels[0], url).toBe(1);
  for (let i = 1; i < levels.length; i++)
    expect(levels[i]! - levels[i - 1]!, `${url} heading ${i}`).toBeLessThanOrEqual(1);
  expect(body, url).not.toMatch(untranslated);
}

async function browser(email: string) {
  const b = new TestBrowser(app.server);
  await b.login(email);
  return b;
}

/** Moves the clock (weeks between the steps of a meeting) and logs everyone in again: sessions expire. */
async function moveTo(iso: string) {
  app.clock.set(new Date(iso));
  chair = await browser("formand@almen.demo");
  staff = await browser("driftschef@almen.demo");
  resident = await browser("beboer@almen.demo");
  member = await browser("bestyrelse@almen.demo");
}

beforeAll(async () => {
  app = await buildTestApp();
  await loginIn(app, {
    email: "beboer102@almen.test",
    name: "Beboer Søparken",
    role: "resident",
    departmentNumber: 102,
    household: true,
  });
  await loginIn(app, {
    email: "bestyrelse102@almen.test",
    name: "Bestyrelse Søparken",
    role: "board_member",
    departmentNumber: 102,
    household: true,
  });
  await moveTo("2027-02-01T09:00:00.000Z");
});
afterAll(async () => {
  await app.close();
});

describe("planning and convening (the board chair)", () => {
  it("refuses a date too early with the reason and the first allowed date, keeping what was typed", async () => {
    const form = await chair.get("/meetings/new");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("1. marts 2027");
    const dept = /<option value="([^"]+)"[^>]*>101 Æblehaven/.exec(form.body)![1]!;
    const bad = await chair.post("/meetings", {
      department_id: dept,
      kind: "ordinary",
      title: "Budgetmøde 2027",
      date: "2027-02-20",
      time: "19:00",
      location: "Fælleshuset",
      standard_agenda: "yes",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Første mulige mødedato er den 1. marts 2027.");
    expect(bad.body).toContain('value="Budgetmøde 2027"');
    const ok = await chair.post("/meetings", {
      department_id: dept,
      kind: "ordinary",
      title: "Budgetmøde 2027",
      date: "2027-04-06",
      time: "19:00",
      location: "Fælleshuset",
      standard_agenda: "yes",
    });
    expect(ok.statusCode).toBe(303);
    meetingUrl = String(ok.headers.location);
    meetingId = meetingUrl.split("/").pop()!;
    const page = await chair.get(meetingUrl);
    expect(page.body).toContain("Valg af dirigent");
    expect(page.body).toContain(
      "Indkaldelsen skal ud senest den 9. marts 2027, fordi et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel før mødet den 6. april 2027.",
    );
    expect(page.body).not.toMatch(untranslated);
  });

  it("keeps the budget typed when a line cannot be read, then saves it", async () => {
    await chair.get(meetingUrl);
    const bad = await chair.post(`${meetingUrl}/economy`, {
      budget: "Husleje; fire millioner",
      accounts: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Linje 1 kan ikke læses");
    expect(bad.body).toContain("Husleje; fire millioner");
    const ok = await chair.post(`${meetingUrl}/economy`, {
      budget: "Husleje; 4.250.000,00\nVedligehold; 612.500",
      accounts: "Resultat; -12.500,50",
    });
    expect(ok.statusCode).toBe(303);
    const page = await chair.get(meetingUrl);
    expect(page.body).toMatch(/4\.862\.500,00\skr\./);
    expect(page.body).toMatch(/-12\.500,50\skr\./);
  });

  it("convenes (letters to every household) and opens for proposals", async () => {
    await chair.get(meetingUrl);
    expect((await chair.post(`${meetingUrl}/convene`)).statusCode).toBe(303);
    const after = await chair.get(meetingUrl);
    expect(after.body).toMatch(/Mødet er indkaldt\. \d+ breve er lagt i udbakken\./);
    expect((await chair.post(`${meetingUrl}/open-proposals`)).statusCode).toBe(303);
    const letters = await app.ctx.db
      .selectFrom("letters")
      .select("id")
      .where("letter_type", "=", "meeting_notice")
      .execute();
    expect(letters.length).toBeGreaterThan(0);
  });
});

describe("residents", () => {
  it("see their department's meetings, the proposal deadline explained, and the other democracy pages linked", async () => {
    const page = await resident.get("/democracy");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/democracy"');
    expect(page.body).toContain("Budgetmøde 2027");
    expect(page.body).toContain("Forslag skal være afdelingsbestyrelsen i hænde senest den 23. marts 2027");
    for (const href of ["/democracy/board", "/votes", "/get-involved", "/democracy/decisions?department="])
      expect(page.body).toContain(`href="${href}`);
    expect(page.body).not.toMatch(untranslated);
  });

  it("submit a proposal until the deadline; afterwards only amendments, with the reason", async () => {
    const page = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(page.body).toContain("Stil et forslag");
    const sent = await resident.post(`/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      amends_item_id: "",
      title: "Hønsehus i gården",
      body: "Vi foreslår et hønsehus.",
    });
    expect(sent.statusCode).toBe(303);
    await moveTo("2027-03-24T08:00:00.000Z");
    const again = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(again.body).toContain("Fristen for nye forslag er overskredet");
    const late = await resident.post(`/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      amends_item_id: "",
      title: "Cykelskur",
      body: "Et nyt cykelskur.",
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("Fristen for nye forslag var den 23. marts 2027.");
    expect(late.body).toContain('value="Cykelskur"');
    const budget = /<option value="([^"]+)"[^>]*>5\. Godkendelse af budget/.exec(late.body)![1]!;
    const amendment = await resident.post(`/democracy/meetings/${meetingId}/proposals`, {
      kind: "amendment",
      amends_item_id: budget,
      title: "Lavere husleje",
      body: "Spar på vedligeholdet.",
    });
    expect(amendment.statusCode).toBe(303);
    const own = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(own.body).toContain("Hønsehus i gården");
    expect(own.body).toContain("Lavere husleje");
  });

  it("read the refusal in their own language", async () => {
    const english = await browser("beboer@almen.demo");
    await english.get("/democracy");
    await english.post("/language", { lang: "en", next: "/democracy" });
    await english.get(`/democracy/meetings/${meetingId}`);
    const late = await english.post(`/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      amends_item_id: "",
      title: "Bike shed",
      body: "A new bike shed.",
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("The deadline for new proposals was 23 March 2027.");
    await english.post("/language", { lang: "da", next: "/democracy" });
  });

  it("of another department get 404 for the meeting and for proposing", async () => {
    const other = await browser("beboer102@almen.test");
    expect((await other.get(`/democracy/meetings/${meetingId}`)).statusCode).toBe(404);
    await other.get("/democracy");
    const post = await other.post(`/democracy/meetings/${meetingId}/proposals`, {
      kind: "proposal",
      title: "x",
      body: "y",
    });
    expect(post.statusCode).toBe(404);
  });
});

describe("the board", () => {
  it("sees, orders and comments on the proposals of its own department only", async () => {
    const page = await member.get(`/democracy/meetings/${meetingId}/board`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hønsehus i gården");
    expect(page.body).toContain("Jens Ærø Beboer");
    expect(page.body).not.toMatch(untranslated);
    proposalId = /\/board\/proposals\/([^/]+)\/review/.exec(page.body)![1]!;
    const bad = await member.post(`/democracy/meetings/${meetingId}/board/proposals/${proposalId}/review`, {
      [`rank_${proposalId}`]: "nul",
      [`comment_${proposalId}`]: "God idé",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("God idé");
    const ok = await member.post(`/democracy/meetings/${meetingId}/board/proposals/${proposalId}/review`, {
      [`rank_${proposalId}`]: "1",
      [`comment_${proposalId}`]: "God idé",
    });
    expect(ok.statusCode).toBe(303);
    expect((await resident.get(`/democracy/meetings/${meetingId}/board`)).statusCode).toBe(404);
    const otherBoard = await browser("bestyrelse102@almen.test");
    expect((await otherBoard.get(`/democracy/meetings/${meetingId}/board`)).statusCode).toBe(404);
    const own = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(own.body).toContain("bestyrelsen skriver: God idé");
  });

  it("puts the proposal on the agenda; then the final agenda goes out", async () => {
    await staff.get(meetingUrl);
    const refused = await staff.post(`${meetingUrl}/final-agenda`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("1 forslag er endnu ikke behandlet");
    await member.get(`/democracy/meetings/${meetingId}/board`);
    expect(
      (await member.post(`/democracy/meetings/${meetingId}/board/proposals/${proposalId}/agenda`)).statusCode,
    ).toBe(303);
    await staff.get(meetingUrl);
    expect((await staff.post(`${meetingUrl}/final-agenda`)).statusCode).toBe(303);
    const page = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(page.body).toContain("Endelig dagsorden");
    expect(page.body).toContain("Spar på vedligeholdet.");
    expect(page.body).toMatch(/4\.250\.000,00\skr\./);
  });
});

describe("at the meeting and after", () => {
  it("checks in, records the show of votes within 2 per household, and closes", async () => {
    await moveTo("2027-04-06T16:30:00.000Z");
    const run = await staff.get(`${meetingUrl}/run`);
    expect(run.statusCode).toBe(200);
    const beboer = await who(app, "beboer@almen.demo");
    expect((await staff.post(`${meetingUrl}/check-in`, { person_id: beboer.personId! })).statusCode).toBe(
      303,
    );
    expect((await staff.post(`${meetingUrl}/chair`)).statusCode).toBe(303);
    const page = await staff.get(`${meetingUrl}/run`);
    expect(page.body).toContain("Til stede");
    wellFormed(page.body, "run");
    const voteUrl = /href="(\/meetings\/[^"]+\/vote)"/.exec(page.body)![1]!;
    wellFormed((await staff.get(voteUrl)).body, voteUrl);
    const itemUrl = voteUrl.replace(/\/vote$/, "");
    const tooMany = await staff.post(`${itemUrl}/votes`, {
      votes_for: "2",
      votes_against: "1",
      votes_blank: "0",
      decision: "vote",
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain("højst 2");
    expect(tooMany.body).toContain('value="2"');
    const ok = await staff.post(`${itemUrl}/votes`, {
      votes_for: "2",
      votes_against: "0",
      votes_blank: "0",
      decision: "vote",
    });
    expect(ok.statusCode).toBe(303);
    await staff.get(`${meetingUrl}/run`);
    expect((await staff.post(`${meetingUrl}/close`)).statusCode).toBe(303);
  });

  it("approves the minutes twice and publishes them with the decisions register", async () => {
    const form = await staff.get(`${meetingUrl}/minutes`);
    const firstItem = /name="minutes_([^"]+)"/.exec(form.body)![1]!;
    const saved = await staff.post(`${meetingUrl}/minutes`, {
      intro: "Mette Driftschef var dirigent.",
      [`minutes_${firstItem}`]: "Mette Driftschef blev valgt.",
      [`decision_${firstItem}`]: "Dirigent valgt",
    });
    expect(saved.statusCode).toBe(303);
    await staff.get(`${meetingUrl}/minutes`);
    expect((await staff.post(`${meetingUrl}/minutes/approve`)).statusCode).toBe(303);
    await chair.get(`${meetingUrl}/minutes`);
    expect((await chair.post(`${meetingUrl}/minutes/approve`)).statusCode).toBe(303);
    const approved = await chair.get(`${meetingUrl}/minutes`);
    expect(approved.body).toContain("Godkendt af bestyrelsesformanden Birthe Formand");
    expect((await chair.post(`${meetingUrl}/minutes/publish`)).statusCode).toBe(303);
    const residentView = await resident.get(`/democracy/meetings/${meetingId}`);
    expect(residentView.body).toContain("Mette Driftschef blev valgt.");
    const found = await resident.get("/democracy/decisions?q=dirigent");
    expect(found.body).toContain("Dirigent valgt");
    expect(found.body).toContain("1 beslutning");
    const none = await resident.get("/democracy/decisions?q=cykelskur");
    expect(none.body).toContain("0 beslutninger");
    expect(found.body).not.toMatch(untranslated);
  });

  it("shows the menu entries by permission", async () => {
    expect((await chair.get("/meetings")).body).toContain('href="/meetings"');
    const home = await resident.get("/democracy");
    expect(home.body).not.toContain('href="/meetings"');
    expect((await resident.get("/meetings")).statusCode).toBe(404);
  });

  it("renders every page with unique ids and headings in order", async () => {
    const pages: [TestBrowser, string][] = [
      [resident, "/democracy"],
      [resident, `/democracy/meetings/${meetingId}`],
      [resident, "/democracy/decisions"],
      [member, `/democracy/meetings/${meetingId}/board`],
      [chair, "/meetings"],
      [chair, "/meetings/new"],
      [chair, meetingUrl],
      [chair, `${meetingUrl}/minutes`],
    ];
    for (const [b, url] of pages) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(200);
      wellFormed(res.body, url);
    }
  });
});
