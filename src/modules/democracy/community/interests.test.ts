import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { api, browserFor, demoPlaces, makeUser, tokenFor } from "./test-support.ts";

let app: TestApp;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let resident: TestBrowser;
let board: TestBrowser;
let admin: TestBrowser;

beforeAll(async () => {
  app = await buildTestApp();
  places = await demoPlaces(app);
  resident = await browserFor(app, "beboer@almen.demo");
  board = await browserFor(app, "bestyrelse@almen.demo");
  admin = await browserFor(app, "admin@almen.demo");
});
afterAll(async () => {
  await app.close();
});

describe("Bliv beboerdemokrat", () => {
  it("asks what the resident would join, keeps what was typed on an error, saves, changes and withdraws", async () => {
    const page = await resident.get("/get-involved");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Bliv beboerdemokrat");
    expect(page.body).toContain("Hvad vil du være med til i 101 Æblehaven?");

    const empty = await resident.post("/get-involved", { department_id: places.dept101, note: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Vælg mindst én ting");

    const long = await resident.post("/get-involved", {
      department_id: places.dept101,
      interests: ["board"],
      note: "x".repeat(1001),
      contact_consent: "ja",
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("højst være 1000 tegn");
    expect(long.body).toMatch(/id="interests"[^>]*checked/);

    const ok = await resident.post("/get-involved", {
      department_id: places.dept101,
      interests: ["board", "activities"],
      note: "Jeg kan lave mad",
      contact_consent: "ja",
    });
    expect(ok.statusCode).toBe(303);
    const saved = await resident.get(String(ok.headers.location));
    expect(saved.body).toContain("Tak! Vi har gemt");
    expect(saved.body).toContain("Gem ændringerne");
    expect(saved.body).toContain("Jeg kan lave mad");

    // Not the resident's department: looks like not there.
    const elsewhere = await resident.post("/get-involved", {
      department_id: places.dept102,
      interests: ["board"],
      contact_consent: "ja",
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("the board sees its own department's interested residents who agreed to be contacted, and nobody else's", async () => {
    const quiet = await makeUser(app, {
      name: "Stille Beboer",
      roles: ["resident"],
      departmentId: places.dept101,
      organisationId: places.organisationId,
    });
    const quietBrowser = await browserFor(app, quiet.email);
    await quietBrowser.get("/get-involved");
    await quietBrowser.post("/get-involved", { department_id: places.dept101, interests: ["committee"] });

    const list = await board.get(`/get-involved/departments/${places.dept101}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Jens Ærø Beboer");
    expect(list.body).toContain("Jeg kan lave mad");
    expect(list.body).not.toContain("Stille Beboer");
    expect(list.body).toContain("1 beboer mere er interesseret");

    expect((await board.get(`/get-involved/departments/${places.dept102}`)).statusCode).toBe(404);
    expect((await resident.get(`/get-involved/departments/${places.dept101}`)).statusCode).toBe(404);
    expect((await admin.get(`/get-involved/departments/${places.dept101}`)).statusCode).toBe(404);
  });

  it("the organisation sees the numbers across departments; a resident does not", async () => {
    const page = await admin.get("/get-involved/overview");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/101 Æblehaven<\/th>\s*<td>2<\/td>\s*<td>1<\/td>\s*<td>1<\/td>\s*<td>1<\/td>/);
    expect(page.body).toMatch(/102 Søparken<\/th>\s*<td>0<\/td>/);
    expect((await resident.get("/get-involved/overview")).statusCode).toBe(404);
    expect((await board.get("/get-involved/overview")).statusCode).toBe(404);
  });

  it("withdrawing deletes what the resident said", async () => {
    const res = await resident.post("/get-involved/withdraw", { department_id: places.dept101 });
    expect(res.statusCode).toBe(303);
    const list = await board.get(`/get-involved/departments/${places.dept101}`);
    expect(list.body).not.toContain("Jens Ærø Beboer");
    const rows = await app.ctx.db.selectFrom("democracy_interests").select("person_id").execute();
    expect(rows).toHaveLength(1);
  });

  it("the API: the resident's own interests, the board's list, the counts", async () => {
    const residentToken = await tokenFor(app, "beboer@almen.demo", [
      "democracy.participate",
      "democracy.view",
    ]);
    const boardToken = await tokenFor(app, "bestyrelse@almen.demo", ["board.work"]);
    const adminToken = await tokenFor(app, "admin@almen.demo", ["democracy.view", "community.curate"]);
    const r = api(app, residentToken);
    const put = await r("PUT", `/api/v1/me/interests/${places.dept101}`, {
      interests: ["committee"],
      note: "Grønne områder",
      contactConsent: true,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      department: "101 Æblehaven",
      interests: ["committee"],
      contactConsent: true,
    });
    const bad = await r("PUT", `/api/v1/me/interests/${places.dept101}`, {
      interests: [],
      contactConsent: false,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.interests).toContain("Vælg mindst én ting");
    expect((await r("GET", "/api/v1/me/interests")).json().items).toHaveLength(1);

    const list = await api(app, boardToken)(
      "GET",
      `/api/v1/departments/${places.dept101}/interested-residents`,
    );
    expect(list.json()).toMatchObject({
      items: [{ name: "Jens Ærø Beboer", interests: ["committee"] }],
      withoutConsent: 1,
    });
    expect(
      (await api(app, boardToken)("GET", `/api/v1/departments/${places.dept102}/interested-residents`))
        .statusCode,
    ).toBe(404);

    const counts = await api(app, adminToken)("GET", "/api/v1/interest-counts");
    expect(counts.json().totals).toEqual({ total: 2, board: 0, committee: 2, activities: 0 });
    expect((await r("GET", "/api/v1/interest-counts")).statusCode).toBe(404);

    expect((await r("DELETE", `/api/v1/me/interests/${places.dept101}`)).statusCode).toBe(204);
    expect((await r("DELETE", `/api/v1/me/interests/${places.dept101}`)).statusCode).toBe(404);
  });
});
