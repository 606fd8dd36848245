import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { newId } from "../../../platform/ids.ts";
import {
  type Applicant,
  applicant,
  type Fixture,
  lettingFixture,
  vacancyOnFreeUnit,
} from "../offers/test-fixtures.ts";

let app: TestApp;
let f: Fixture;
let officer: TestBrowser;
let karen: Applicant;
let lars: Applicant;
let mona: Applicant;
const otherOfficerEmail = "udlejning@anden.demo";
const untranslated = /letting\.(applicants|staff)\.|\{\{/;
const page = (a: Applicant) => `/letting/applicants/${a.applicationId}`;

/** A letting officer of another organisation: the demo officer's login copied, granted there. */
async function otherOrganisationOfficer() {
  const now = new Date().toISOString();
  const organisationId = newId();
  await app.ctx.db
    .insertInto("organisations")
    .values({
      id: organisationId,
      number: 998,
      name: "Anden Boligorganisation",
      cvr: null,
      street: null,
      house_number: null,
      floor: null,
      door: null,
      postcode: null,
      town: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const demo = await app.ctx.db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", "udlejning@almen.demo")
    .executeTakeFirstOrThrow();
  const userId = newId();
  await app.ctx.db
    .insertInto("users")
    .values({
      ...demo,
      id: userId,
      email: otherOfficerEmail,
      totp_secret_enc: null,
      is_totp_enabled: false,
      totp_last_step: null,
      person_id: null,
    })
    .execute();
  await app.ctx.db
    .insertInto("user_roles")
    .values({
      id: newId(),
      user_id: userId,
      role: "letting_officer",
      organisation_id: organisationId,
      department_id: null,
      created_at: now,
    })
    .execute();
}

const storedRank = async (a: Applicant) =>
  (
    await app.ctx.db
      .selectFrom("application_departments")
      .select("rank")
      .where("application_id", "=", a.applicationId)
      .executeTakeFirstOrThrow()
  ).rank;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-10-22T10:00:00.000Z"));
  f = await lettingFixture(app, {
    offersPerRound: 2,
    municipalAssignmentEvery: 0,
    childrenPriorityMinRooms: 0,
  });
  karen = await applicant(app, f, { seniority: "2012-01-01", name: "Karen Første" });
  lars = await applicant(app, f, { seniority: "2013-01-01", name: "Lars Anden" });
  mona = await applicant(app, f, { seniority: "2014-01-01", name: "Mona Tredje" });
  await otherOrganisationOfficer();
  officer = new TestBrowser(app.server);
  await officer.login("udlejning@almen.demo");
});
afterAll(async () => {
  await app.close();
});

describe("the applicant pages", () => {
  it("are in the menu and find an applicant by the start of the name", async () => {
    const empty = await officer.get("/letting/applicants");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('href="/letting/applicants"');
    expect(empty.body).toContain("Ansøgere");
    const found = await officer.get("/letting/applicants?q=lars");
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`href="${page(lars)}"`);
    expect(found.body).toContain("Lars Anden");
    expect(found.body).not.toContain("Karen Første");
    expect(found.body).not.toMatch(untranslated);
    expect((await officer.get("/letting/applicants?q=zzz")).body).toContain("Ingen ansøgere fundet");
  });

  it("shows the stored place in each department, never a count", async () => {
    expect(await storedRank(lars)).toBe(2);
    const res = await officer.get(page(lars));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Nr. 2");
    expect(res.body).toContain("Lars Anden");
    expect(res.body).not.toMatch(untranslated);
    // The page reads the stored rank: a rank written behind its back is what it shows.
    await app.ctx.db
      .updateTable("application_departments")
      .set({ rank: 42 })
      .where("application_id", "=", lars.applicationId)
      .execute();
    try {
      expect((await officer.get(page(lars))).body).toContain("Nr. 42");
    } finally {
      await app.ctx.db
        .updateTable("application_departments")
        .set({ rank: 2 })
        .where("application_id", "=", lars.applicationId)
        .execute();
    }
  });

  it("re-renders a refused form with the error summary and everything typed", async () => {
    await officer.get(page(karen));
    const bad = await officer.post(page(karen), {
      household_size: "nul",
      is_rehousing: "ja",
      flexible: ["work", "care"],
      has_payment_plan: "ja",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Der er fejl i formularen");
    expect(bad.body).toContain('href="#household_size"');
    expect(bad.body).toContain("Skriv antal personer som et helt tal fra 1 til 20.");
    expect(bad.body).toContain('value="nul"');
    expect(bad.body).toContain('href="#has_payment_plan"');
    expect(bad.body).toMatch(/id="has_payment_plan"[^>]*checked/);
    expect(bad.body).toMatch(/id="is_rehousing"[^>]*checked/);
    expect(bad.body).toMatch(/id="flexible"[^>]*value="work"[^>]*checked/);
    expect(bad.body).toMatch(/id="flexible-care"[^>]*value="care"[^>]*checked/);
    expect(bad.body).not.toMatch(/id="flexible-divorce"[^>]*checked/);

    const plan = await officer.post(page(karen), { household_size: "2", has_payment_plan: "ja" });
    expect(plan.statusCode).toBe(400);
    expect(plan.body).toContain('href="#has_payment_plan"');
    expect(plan.body).toContain("En afdragsordning kan kun registreres, når ansøgeren skylder penge.");
    expect(plan.body).toContain('value="2"');
    const row = await app.ctx.db
      .selectFrom("applications")
      .select(["is_rehousing", "household_size", "has_payment_plan"])
      .where("id", "=", karen.applicationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ is_rehousing: false, household_size: 1, has_payment_plan: false });
  });

  it("saves the facts, and the queue rows follow", async () => {
    await officer.get(page(mona));
    const saved = await officer.post(page(mona), {
      household_size: "2",
      has_children: "ja",
      is_rehousing: "ja",
      flexible: "education",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(page(mona));
    const after = await officer.get(page(mona));
    expect(after.body).toContain("Oplysningerne er gemt.");
    expect(after.body).toMatch(/id="has_children"[^>]*checked/);
    expect(after.body).toMatch(/id="flexible-education"[^>]*checked/);
    const queue = await app.ctx.db
      .selectFrom("application_departments")
      .select(["is_rehousing", "is_flexible", "has_children"])
      .where("application_id", "=", mona.applicationId)
      .executeTakeFirstOrThrow();
    expect(queue).toEqual({ is_rehousing: true, is_flexible: true, has_children: true });
  });

  it("is linked from the offer round's explanation on the vacancy page", async () => {
    const vacancyId = await vacancyOnFreeUnit(app, f);
    await officer.get(`/letting/vacancies/${vacancyId}`);
    expect((await officer.post(`/letting/vacancies/${vacancyId}/run`)).statusCode).toBe(303);
    const vacancy = await officer.get(`/letting/vacancies/${vacancyId}`);
    // Mona, marked for rehousing above, comes first; Karen follows by seniority.
    expect(vacancy.body).toContain(`href="${page(mona)}"`);
    expect(vacancy.body).toContain(`href="${page(karen)}"`);
    const offered = await app.ctx.db
      .selectFrom("offers")
      .select(["application_id", "position"])
      .where("vacancy_id", "=", vacancyId)
      .orderBy("position")
      .execute();
    expect(offered.map((o) => o.application_id)).toEqual([mona.applicationId, karen.applicationId]);
    const offers = await officer.get(page(mona));
    expect(offers.body).toContain("Sendt");
  });

  it("pauses, reactivates and (once confirmed) removes an application", async () => {
    await officer.get(page(lars));
    expect((await officer.post(`${page(lars)}/pause`)).statusCode).toBe(303);
    const passive = await officer.get(page(lars));
    expect(passive.body).toContain("Passiv");
    expect(passive.body).toContain("Ikke i køen");
    expect(await storedRank(lars)).toBeNull();
    expect((await officer.post(`${page(lars)}/reactivate`)).statusCode).toBe(303);
    expect(await storedRank(lars)).toBe(2);
    await officer.get(page(lars));
    const unconfirmed = await officer.post(`${page(lars)}/remove`);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('href="#remove_confirm"');
    expect(await storedRank(lars)).toBe(2);
    expect((await officer.post(`${page(lars)}/remove`, { remove_confirm: "ja" })).statusCode).toBe(303);
    const removed = await officer.get(page(lars));
    expect(removed.body).toContain("Slettet");
    expect(removed.body).not.toContain("Gem oplysningerne");
    expect(await storedRank(lars)).toBeNull();
  });
});

describe("who may see an applicant", () => {
  it("is not there for a letting officer of another organisation", async () => {
    const other = new TestBrowser(app.server);
    await other.login(otherOfficerEmail);
    expect((await other.get(page(karen))).statusCode).toBe(404);
    expect((await other.get("/letting/applicants?q=Karen")).body).not.toContain("Karen Første");
    await other.get("/letting/applicants");
    expect((await other.post(page(karen), { household_size: "2" })).statusCode).toBe(404);
    expect((await other.post(`${page(karen)}/pause`)).statusCode).toBe(404);
  });

  it("is not there for a resident", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    expect((await resident.get(page(karen))).statusCode).toBe(404);
    expect((await resident.get("/letting/applicants?q=Karen")).statusCode).toBe(404);
  });

  it("is read-only for staff who may read but not let", async () => {
    const manager = new TestBrowser(app.server);
    await manager.login("driftschef@almen.demo");
    const res = await manager.get(page(karen));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Du kan se oplysningerne, men ikke ændre dem.");
    expect(res.body).not.toContain("Gem oplysningerne");
    expect(res.body).not.toContain(`action="${page(karen)}/pause"`);
    expect((await manager.post(page(karen), { household_size: "2" })).statusCode).toBe(404);
  });
});

describe("the applications API", () => {
  const tokenFor = async (browser: TestBrowser) => {
    await browser.get("/account/tokens");
    const res = await browser.json("POST", "/api/v1/tokens", {
      name: "Test",
      scopes: ["letting.read", "letting.manage"],
    });
    expect(res.statusCode).toBe(201);
    const token = res.json().token as string;
    return (method: "GET" | "PATCH", url: string, payload?: unknown) =>
      app.server.inject({
        method,
        url,
        payload: payload as never,
        headers: { authorization: `Bearer ${token}` },
      });
  };

  it("searches, reads and records the facts of an application", async () => {
    const call = await tokenFor(officer);
    const list = await call("GET", "/api/v1/applications?q=karen");
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ page: 1, hasMore: false, items: [{ id: karen.applicationId }] });
    expect((await call("GET", "/api/v1/applications")).statusCode).toBe(400);

    const one = await call("GET", `/api/v1/applications/${karen.applicationId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      name: "Karen Første",
      list: "external",
      status: "active",
      departments: [{ departmentId: f.departmentId, rank: await storedRank(karen) }],
      facts: { isOwingMoney: false, hasPaymentPlan: false },
    });
    expect(one.json().offers[0]).toMatchObject({ status: "sent", outcome: null });

    const patched = await call("PATCH", `/api/v1/applications/${karen.applicationId}`, {
      isOwingMoney: true,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().facts).toMatchObject({
      isOwingMoney: true,
      hasPaymentPlan: false,
      householdSize: 1,
    });

    const plan = await call("PATCH", `/api/v1/applications/${karen.applicationId}`, {
      isOwingMoney: false,
      hasPaymentPlan: true,
    });
    expect(plan.statusCode).toBe(400);
    expect(plan.json().error.fields.hasPaymentPlan).toMatch(/afdragsordning/);
    const badType = await call("PATCH", `/api/v1/applications/${karen.applicationId}`, {
      householdSize: "x",
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields.householdSize).toBe(
      "Skriv antal personer som et helt tal fra 1 til 20.",
    );
    const removed = await call("PATCH", `/api/v1/applications/${lars.applicationId}`, { isRehousing: true });
    expect(removed.statusCode).toBe(409);
  });

  it("answers 404 for an application out of reach", async () => {
    const other = new TestBrowser(app.server);
    await other.login(otherOfficerEmail);
    const call = await tokenFor(other);
    expect((await call("GET", `/api/v1/applications/${karen.applicationId}`)).statusCode).toBe(404);
    expect(
      (await call("PATCH", `/api/v1/applications/${karen.applicationId}`, { isRehousing: true })).statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/v1/applications?q=Karen")).json().items).toEqual([]);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/applications", "/api/v1/applications/{id}"]),
    );
    expect(Object.keys(doc.paths["/api/v1/applications/{id}"])).toEqual(
      expect.arrayContaining(["get", "patch"]),
    );
  });
});
