import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { hashPassword } from "../../../platform/auth/passwords.ts";
import { newId } from "../../../platform/ids.ts";
import { demoPassword } from "../../../seed/demo.ts";
import { demoDepartments } from "./test-fixtures.ts";

/** The pages and the API, as residents and staff use them: one roll across web and paper. */

let app: TestApp;
let staff: TestBrowser;
let resident: TestBrowser;
let elsewhere: TestBrowser;
let voteUrl: string;
let voteId: string;
let receipt: string;
const receiptPattern = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/;
const untranslated = /votes\.[a-z_]+\.|\{\{/;

/** A resident of department 102 with a login of their own. */
async function residentOf102(): Promise<string> {
  const { d102 } = await demoDepartments(app);
  const person = await app.ctx.db
    .selectFrom("household_members as hm")
    .innerJoin("tenancies as t", "t.id", "hm.tenancy_id")
    .innerJoin("units as u", "u.id", "t.unit_id")
    .select("hm.person_id")
    .where("u.department_id", "=", d102)
    .executeTakeFirstOrThrow();
  const userId = newId();
  const now = new Date().toISOString();
  await app.ctx.db
    .insertInto("users")
    .values({
      id: userId,
      email: "beboer102@almen.demo",
      name: "Beboer i 102",
      password_hash: await hashPassword(demoPassword),
      totp_secret_enc: null,
      totp_last_step: null,
      person_id: person.person_id,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  await app.ctx.db
    .insertInto("user_roles")
    .values({
      id: newId(),
      user_id: userId,
      role: "resident",
      organisation_id: null,
      department_id: d102,
      created_at: now,
    })
    .execute();
  return "beboer102@almen.demo";
}

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-12-01T09:00:00.000Z"));
  staff = new TestBrowser(app.server);
  await staff.login("driftschef@almen.demo");
  resident = new TestBrowser(app.server);
  await resident.login("beboer@almen.demo");
  elsewhere = new TestBrowser(app.server);
  await elsewhere.login(await residentOf102());
});
afterAll(async () => {
  await app.close();
});

describe("staff create and open a vote", () => {
  it("refuses a bad form with an error summary and keeps what was typed", async () => {
    const form = await staff.get("/votes/manage/new");
    expect(form.statusCode).toBe(200);
    const bad = await staff.post("/votes/manage", {
      department: (await demoDepartments(app)).d101,
      title: "",
      question: "Skal vi have ladestandere?",
      kind: "ballot",
      opens_date: "2026-12-02",
      opens_time: "25:00",
      closes_date: "2026-12-09",
      closes_time: "20:00",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="error-summary"');
    expect(bad.body).toContain("Skal vi have ladestandere?");
    expect(bad.body).toContain("Skriv klokkeslættet som TT:MM.");
  });

  it("creates a ballot, which residents see as upcoming and cannot vote in yet", async () => {
    await staff.get("/votes/manage/new");
    const created = await staff.post("/votes/manage", {
      department: (await demoDepartments(app)).d101,
      title: "Ladestandere",
      question: "Skal afdelingen sætte ladestandere op på parkeringspladsen?",
      kind: "ballot",
      opens_date: "2026-12-02",
      opens_time: "08:00",
      closes_date: "2026-12-09",
      closes_time: "20:00",
    });
    expect(created.statusCode).toBe(303);
    const staffUrl = String(created.headers.location);
    voteId = staffUrl.split("/").pop()!;
    voteUrl = `/votes/${voteId}`;
    const list = await resident.get("/votes");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/votes"'); // the menu
    expect(list.body).toContain(voteUrl);
    expect(list.body).toContain("Kommende afstemninger");
    const page = await resident.get(voteUrl);
    expect(page.body).toContain("Afstemningen åbner");
    const early = await resident.post(`${voteUrl}/cast`, { choice_1: "yes" });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("Afstemningen er ikke åbnet endnu.");
  });

  it("opens it now: the roll is frozen and its hash shown", async () => {
    await staff.get(`/votes/manage/${voteId}`);
    expect((await staff.post(`/votes/manage/${voteId}/open`)).statusCode).toBe(303);
    const page = await staff.get(`/votes/manage/${voteId}`);
    expect(page.body).toContain("Afstemningen er åbnet, og valglisten er låst.");
    expect(page.body).toMatch(/<code class="almen-hash">[0-9a-f]{8}( [0-9a-f]{8}){7}<\/code>/);
    expect(page.body).toContain("Fingeraftrykket er beregnet igen nu og passer med valglisten.");
    expect(page.body).not.toMatch(untranslated);
    const audit = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", voteId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["votes.create", "votes.open"]);
  });
});

describe("residents vote on the web, staff register paper ballots, on one roll", () => {
  it("shows the cast form as a fieldset with a legend, and refuses an empty ballot with an error summary", async () => {
    const page = await resident.get(voteUrl);
    expect(page.body).toMatch(/<fieldset[^>]*><legend class="form-label">Din stemme<\/legend>/);
    expect(page.body).toContain("Resultatet vises, når afstemningen er lukket.");
    const empty = await resident.post(`${voteUrl}/cast`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="error-summary"');
  });

  it("casts a vote and shows the receipt once; a second vote is refused", async () => {
    await resident.get(voteUrl);
    const cast = await resident.post(`${voteUrl}/cast`, { choice_1: "yes" });
    expect(cast.statusCode).toBe(200);
    expect(cast.headers["cache-control"]).toBe("no-store");
    receipt = receiptPattern.exec(cast.body)![0];
    const again = await resident.post(`${voteUrl}/cast`, { choice_1: "no" });
    expect(again.statusCode).toBe(409);
    const page = await resident.get(voteUrl);
    expect(page.body).toContain("Du har stemt på nettet.");
    expect(page.body).not.toContain(receipt);
  });

  it("lets exactly one of ten simultaneous submissions from one voter through", async () => {
    const board = new TestBrowser(app.server);
    await board.login("bestyrelse@almen.demo");
    await board.get(voteUrl);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => board.post(`${voteUrl}/cast`, { choice_1: "no" })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([
      200, 409, 409, 409, 409, 409, 409, 409, 409, 409,
    ]);
  });

  it("registers a paper ballot for the resident's partner, and refuses one for the resident who voted online", async () => {
    const roll = await staff.get(`/votes/manage/${voteId}`);
    const resident = await app.ctx.db
      .selectFrom("users")
      .innerJoin("household_members as hm", "hm.person_id", "users.person_id")
      .select(["hm.tenancy_id", "users.person_id"])
      .where("users.email", "=", "beboer@almen.demo")
      .executeTakeFirstOrThrow();
    const partner = await app.ctx.db
      .selectFrom("household_members")
      .select("person_id")
      .where("tenancy_id", "=", resident.tenancy_id)
      .where("person_id", "!=", resident.person_id!)
      .executeTakeFirstOrThrow();
    expect(roll.body).toContain(`value="${partner.person_id}"`);
    expect(roll.body).not.toContain(`value="${resident.person_id}"`); // voted already: not offered
    const refused = await staff.post(`/votes/manage/${voteId}/paper`, {
      person: resident.person_id!,
      choice: "no",
    });
    expect(refused.statusCode).toBe(409);
    await staff.get(`/votes/manage/${voteId}`);
    const paper = await staff.post(`/votes/manage/${voteId}/paper`, {
      person: partner.person_id,
      choice: "blank",
    });
    expect(paper.statusCode).toBe(200);
    expect(paper.body).toMatch(receiptPattern);
    await staff.get(`/votes/manage/${voteId}`);
    const twice = await staff.post(`/votes/manage/${voteId}/paper`, {
      person: partner.person_id,
      choice: "yes",
    });
    expect(twice.statusCode).toBe(409);
    const page = await staff.get(`/votes/manage/${voteId}`);
    expect(page.body).toContain("Indtil nu har 3 stemt (3 forseglede stemmesedler).");
    const actions = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", voteId)
      .execute();
    expect(actions.filter((a) => a.action === "votes.paper_ballot")).toHaveLength(1);
  });

  it("keeps results hidden while open, in the pages and the API", async () => {
    await resident.get(voteUrl);
    const detail = await resident.json("GET", `/api/v1/votes/${voteId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      status: "open",
      results: null,
      me: { onRoll: true, remaining: 0, cast: 1 },
    });
    expect((await resident.json("GET", `/api/v1/votes/${voteId}/results`)).statusCode).toBe(409);
    expect((await resident.json("GET", `/api/v1/votes/${voteId}/receipts`)).statusCode).toBe(409);
    expect((await resident.get(`${voteUrl}/receipts.txt`)).statusCode).toBe(409);
  });

  it("is not there for residents of another department, or staff without votes.manage", async () => {
    expect((await elsewhere.get(voteUrl)).statusCode).toBe(404);
    await elsewhere.get("/votes");
    expect((await elsewhere.post(`${voteUrl}/cast`, { choice_1: "yes" })).statusCode).toBe(404);
    expect(
      (await elsewhere.json("POST", `/api/v1/votes/${voteId}/ballots`, { choices: ["yes"] })).statusCode,
    ).toBe(404);
    expect((await elsewhere.json("GET", `/api/v1/votes/${voteId}`)).statusCode).toBe(404);
    expect((await elsewhere.get("/votes")).body).not.toContain(voteUrl);
    const caretaker = new TestBrowser(app.server);
    await caretaker.login("vicevaert@almen.demo");
    expect((await caretaker.get(voteUrl)).statusCode).toBe(404);
    expect((await caretaker.get(`/votes/manage/${voteId}`)).statusCode).toBe(404);
    expect((await resident.get(`/votes/manage/${voteId}`)).statusCode).toBe(404);
  });

  it("stores the receipt nowhere readable: not in the session, the audit log or the logs' URLs", async () => {
    for (const table of ["sessions", "audit_log", "vote_roll_marks", "vote_envelopes"] as const) {
      const rows = await app.ctx.db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(receipt);
    }
  });
});

describe("after closing", () => {
  it("shows the results, ballots = marks, and finds the voter's receipt", async () => {
    app.clock.set(new Date("2026-12-09T19:00:01.000Z")); // 20:00:01 in Copenhagen
    const voter = new TestBrowser(app.server);
    await voter.login("beboer@almen.demo");
    const page = await voter.get(voteUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Afstemningen er lukket.");
    expect(page.body).toContain("Stemmesedler i stemmeboksen: 3");
    expect(page.body).toContain("Afkrydsninger på valglisten: 3");
    expect(page.body).toContain("Optællingen er gentaget nu og giver det offentliggjorte resultat");
    expect(page.body).not.toMatch(untranslated);
    const found = await voter.post(`${voteUrl}/receipt`, { code: receipt.toLowerCase() });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`Koden ${receipt} er med blandt de afgivne stemmer.`);
    await voter.get(voteUrl);
    const missing = await voter.post(`${voteUrl}/receipt`, { code: "0000-0000-0000-0000" });
    expect(missing.body).toContain("er ikke med blandt de afgivne stemmer");
    await voter.get(voteUrl);
    const malformed = await voter.post(`${voteUrl}/receipt`, { code: "abc" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('id="error-summary"');
    const list = await voter.get(`${voteUrl}/receipts.txt`);
    expect(list.body.split("\n")).toContain(receipt);
    const results = await voter.json("GET", `/api/v1/votes/${voteId}/results`);
    expect(results.json()).toMatchObject({
      yes: 1,
      no: 1,
      blank: 1,
      ballots: 3,
      marks: 3,
      verified: true,
      outcome: "tie",
    });
    const check = await voter.json("POST", `/api/v1/votes/${voteId}/receipts/check`, { code: receipt });
    expect(check.json()).toEqual({ code: receipt, found: true });
    const closed = await voter.get("/votes");
    expect(closed.body).toContain("Ja 1 · Nej 1 · Blank 1");
    expect((await voter.post(`${voteUrl}/cast`, { choice_1: "yes" })).statusCode).toBe(409);
  });
});

describe("the API, end to end", () => {
  it("creates, opens, casts, closes and publishes, all audited", async () => {
    const admin = new TestBrowser(app.server);
    await admin.login("driftschef@almen.demo");
    await admin.get("/votes/manage");
    const now = app.clock.now().getTime();
    const created = await admin.json("POST", "/api/v1/votes", {
      departmentId: (await demoDepartments(app)).d101,
      title: "Hundeluftning",
      question: "Må hunde luftes på græsplænen?",
      kind: "digital",
      opensAt: new Date(now + 3_600_000).toISOString(),
      closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await admin.json("POST", `/api/v1/votes/${id}/open`)).json()).toMatchObject({ status: "open" });
    const roll = await admin.json("GET", `/api/v1/votes/${id}/roll`);
    expect(roll.json().matches).toBe(true);
    const voter = new TestBrowser(app.server);
    await voter.login("beboer@almen.demo");
    await voter.get("/votes");
    const cast = await voter.json("POST", `/api/v1/votes/${id}/ballots`, { choices: ["no"] });
    expect(cast.statusCode).toBe(201);
    const [code] = cast.json().receipts as string[];
    expect((await voter.json("POST", `/api/v1/votes/${id}/ballots`, { choices: ["no"] })).statusCode).toBe(
      409,
    );
    const closed = await admin.json("POST", `/api/v1/votes/${id}/close`);
    expect(closed.json()).toMatchObject({
      status: "closed",
      results: { no: 1, ballots: 1, marks: 1, verified: true },
    });
    expect((await voter.json("GET", `/api/v1/votes/${id}/receipts`)).json().receipts).toEqual([code]);
    const actions = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      "votes.cast",
      "votes.close",
      "votes.create",
      "votes.open",
      "votes.publish",
    ]);
    const openapi = (await admin.get("/api/openapi.json")).json();
    expect(Object.keys(openapi.paths)).toContain("/api/v1/votes/{id}/ballots");
  });
});
