import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { applicant, type Fixture, freeUnit, lettingFixture } from "../offers/test-fixtures.ts";

let app: TestApp;
let f: Fixture;
let officer: TestBrowser;
let seeker: TestBrowser;
let seekerPersonId: string;

const untranslated = /letting\.(staff|ranking)\.|\{\{/;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-10-22T10:00:00.000Z"));
  f = await lettingFixture(app, {
    offersPerRound: 2,
    municipalAssignmentEvery: 0,
    childrenPriorityMinRooms: 0,
  });
  // The demo seeker gets a person of their own, with the longest seniority.
  const first = await applicant(app, f, { seniority: "2012-01-01", name: "Sofie Boligsøger" });
  seekerPersonId = first.personId;
  await app.ctx.db
    .updateTable("users")
    .set({ person_id: seekerPersonId })
    .where("email", "=", "boligsoger@almen.demo")
    .execute();
  await applicant(app, f, { seniority: "2013-01-01", feePaidUntil: "2020-01-01", name: "Ubetalt Ansøger" });
  await applicant(app, f, { seniority: "2014-01-01" });
  officer = new TestBrowser(app.server);
  await officer.login("udlejning@almen.demo");
  seeker = new TestBrowser(app.server);
  await seeker.login("boligsoger@almen.demo");
});
afterAll(async () => {
  await app.close();
});

describe("staff vacancy pages", () => {
  let vacancyUrl: string;

  it("creates a vacancy by hand and runs an offer round with the whole ranking explained", async () => {
    expect((await officer.get("/letting/vacancies/new")).statusCode).toBe(200);
    const unitId = await freeUnit(app, f);
    const bad = await officer.post("/letting/vacancies", { unit_id: unitId, free_from: "1. december" });
    expect(bad.statusCode).toBe(400);
    await officer.get("/letting/vacancies/new");
    const created = await officer.post("/letting/vacancies", {
      unit_id: unitId,
      free_from: "2026-12-01",
      rent: "7500",
    });
    expect(created.statusCode).toBe(303);
    vacancyUrl = created.headers.location as string;
    const list = await officer.get("/letting/vacancies");
    expect(list.body).toContain(vacancyUrl);
    await officer.get(vacancyUrl);
    const run = await officer.post(`${vacancyUrl}/run`);
    expect(run.statusCode).toBe(303);
    const page = await officer.get(vacancyUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ubetalt Ansøger");
    expect(page.body).toContain("gebyret er ikke betalt");
    expect(page.body).toContain("Tilbudt");
    expect(page.body).not.toMatch(untranslated);
  });

  it("is not there for those without letting.read", async () => {
    const caretaker = new TestBrowser(app.server);
    await caretaker.login("vicevaert@almen.demo");
    expect([403, 404]).toContain((await caretaker.get(vacancyUrl)).statusCode);
  });

  it("lets the applicant see and answer their own offer, and nobody else's", async () => {
    expect(seekerPersonId).not.toBe("");
    const list = await seeker.get("/offers");
    expect(list.statusCode).toBe(200);
    const offerUrl = /href="(\/offers\/[^"]+)"/.exec(list.body)?.[1];
    expect(offerUrl).toBeDefined();
    const page = await seeker.get(offerUrl!);
    expect(page.body).toContain("Ja tak");
    expect(page.body).not.toMatch(untranslated);
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    expect((await resident.get(offerUrl!)).statusCode).toBe(404);
    await seeker.get(offerUrl!);
    expect((await seeker.post(`${offerUrl}/answer`, { answer: "accept" })).statusCode).toBe(303);
    const after = await seeker.get(offerUrl!);
    expect(after.body).toContain("Sagt ja");
    expect(after.body).not.toContain("Ja tak");
  });

  it("closes the round after the deadline and shows the applicant what happened", async () => {
    expect(seekerPersonId).not.toBe("");
    app.clock.set(new Date("2026-10-28T10:00:00.000Z"));
    // Sessions end after a while: both log in again after the week.
    officer = new TestBrowser(app.server);
    await officer.login("udlejning@almen.demo");
    seeker = new TestBrowser(app.server);
    await seeker.login("boligsoger@almen.demo");
    await officer.get(vacancyUrl);
    expect((await officer.post(`${vacancyUrl}/close`)).statusCode).toBe(303);
    expect((await officer.get(vacancyUrl)).body).toContain("Udlejet");
    const list = await seeker.get("/offers");
    const offerUrl = /href="(\/offers\/[^"]+)"/.exec(list.body)?.[1];
    expect((await seeker.get(offerUrl!)).body).toContain("Du har fået boligen");
  });
});

describe("the letting API", () => {
  it("lists vacancies and explains rounds for staff; offers for the applicant", async () => {
    await officer.get("/account/tokens");
    const tokenRes = await officer.json("POST", "/api/v1/tokens", {
      name: "Test",
      scopes: ["letting.read", "letting.manage"],
    });
    expect(tokenRes.statusCode).toBe(201);
    const token = tokenRes.json().token as string;
    const call = (method: "GET" | "POST", url: string, payload?: unknown) =>
      app.server.inject({
        method,
        url,
        payload: payload as never,
        headers: { authorization: `Bearer ${token}` },
      });
    const list = await call("GET", "/api/v1/vacancies");
    expect(list.statusCode).toBe(200);
    const id = list.json().items[0].id as string;
    const rounds = await call("GET", `/api/v1/vacancies/${id}/rounds`);
    expect(rounds.statusCode).toBe(200);
    const round = rounds.json().items[0];
    expect(round.ranked.length + round.excluded.length).toBeGreaterThan(0);
    for (const r of round.ranked) expect(r.reason.text).not.toMatch(untranslated);
    const unitId = await freeUnit(app, f);
    const created = await call("POST", "/api/v1/vacancies", {
      source: "manual",
      unitId,
      freeFrom: "2027-01-01",
    });
    expect(created.statusCode).toBe(201);
    const run = await call("POST", `/api/v1/vacancies/${created.json().id}/rounds`);
    expect(run.statusCode).toBe(200);
    expect(run.json().mode).toBe("lists");
    expect((await call("POST", `/api/v1/vacancies/${created.json().id}/rounds/close`)).statusCode).toBe(409);
  });

  it("gives the applicant their offers, with their own line and what happened", async () => {
    await seeker.get("/account/tokens");
    const res = await seeker.json("POST", "/api/v1/tokens", { name: "Mine", scopes: ["letting.apply"] });
    expect(res.statusCode).toBe(201);
    const headers = { authorization: `Bearer ${res.json().token}` };
    const mine = await app.server.inject({ url: "/api/v1/me/offers", headers });
    expect(mine.statusCode).toBe(200);
    const [offer] = mine.json().items;
    expect(offer).toMatchObject({ status: "won", canAnswer: false });
    expect(offer.ownLine).toMatch(/anciennitet|seniority/);
    const late = await app.server.inject({
      method: "POST",
      url: `/api/v1/me/offers/${offer.id}/answer`,
      payload: { answer: "decline" },
      headers,
    });
    expect(late.statusCode).toBe(409);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/vacancies",
        "/api/v1/vacancies/{id}",
        "/api/v1/vacancies/{id}/rounds",
        "/api/v1/vacancies/{id}/rounds/extend",
        "/api/v1/vacancies/{id}/rounds/close",
        "/api/v1/me/offers",
        "/api/v1/me/offers/{id}/answer",
      ]),
    );
  });
});
