import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../test/helpers.ts";

let app: TestApp;
let writeToken: string;
let readToken: string;
let residentToken: string;

beforeAll(async () => {
  app = await buildTestApp();
  const admin = new TestBrowser(app.server);
  await admin.login("admin@almen.demo");
  await admin.get("/account/tokens");
  writeToken = (
    await admin.json("POST", "/api/v1/tokens", {
      name: "ERP",
      scopes: ["masterdata.read", "masterdata.write"],
    })
  ).json().token;
  readToken = (
    await admin.json("POST", "/api/v1/tokens", { name: "Read", scopes: ["masterdata.read"] })
  ).json().token;
  const resident = new TestBrowser(app.server);
  await resident.login("beboer@almen.demo");
  await resident.get("/account/tokens");
  residentToken = (
    await resident.json("POST", "/api/v1/tokens", { name: "Mine", scopes: ["home.view"] })
  ).json().token;
});
afterAll(async () => {
  await app.close();
});

const call = (token: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  app.server.inject({
    method,
    url,
    payload: payload as never,
    headers: { authorization: `Bearer ${token}` },
  });

describe("master data API", () => {
  it("lists every kind in the import format with a cursor, and searches units", async () => {
    const units = await call(readToken, "GET", "/api/v1/masterdata/units");
    expect(units.statusCode).toBe(200);
    expect(units.json().items).toHaveLength(24);
    expect(units.json().items[0]).toMatchObject({
      id: expect.any(String),
      organisation: "1",
      unit_number: expect.stringMatching(/^10[12]-/),
    });
    expect(units.json().next).toBeNull();
    const search = await call(readToken, "GET", "/api/v1/masterdata/units/search?status=vacant&roomsMin=3");
    expect(
      search
        .json()
        .items.every((u: { status: string; rooms: number }) => u.status === "vacant" && u.rooms >= 3),
    ).toBe(true);
    const people = await call(readToken, "GET", "/api/v1/masterdata/people/search?q=beboer");
    expect(people.json().total).toBe(2);
    expect(JSON.stringify(people.json())).not.toMatch(/cpr/i);
  });

  it("creates and updates through the same validation as the import, audited", async () => {
    const dept = {
      organisation: "1",
      number: "103",
      name: "Bøgelunden",
      municipality_code: "0147",
      street: "Bøgealléen",
      house_number: "2",
      postcode: "2000",
      town: "Frederiksberg",
      construction_year: "1971",
      has_board: "ja",
    };
    const bad = await call(writeToken, "POST", "/api/v1/masterdata/departments", {
      ...dept,
      postcode: "12",
      has_board: "måske",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({
      postcode: "Postnummeret skal være 4 cifre.",
      has_board: "Skriv ja eller nej.",
    });
    const created = await call(writeToken, "POST", "/api/v1/masterdata/departments", dept);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const twice = await call(writeToken, "POST", "/api/v1/masterdata/departments", dept);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields.number).toContain("allerede brugt");
    const updated = await call(writeToken, "PUT", `/api/v1/masterdata/departments/${id}`, {
      ...dept,
      name: "Bøgelunden Syd",
    });
    expect(updated.json()).toMatchObject({ id, name: "Bøgelunden Syd" });
    const history = await app.ctx.db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("entity_id", "=", id)
      .orderBy("at")
      .execute();
    expect(history.map((h) => h.action)).toEqual(["import.create", "import.update"]);
    expect(history[1]!.after_json).toEqual({ name: "Bøgelunden Syd" });
  });

  it("needs the scope and the permission, and hides what is not yours", async () => {
    expect((await call(readToken, "POST", "/api/v1/masterdata/departments", {})).statusCode).toBe(403);
    expect((await call(residentToken, "GET", "/api/v1/masterdata/units")).statusCode).toBe(404);
    expect((await call(readToken, "GET", "/api/v1/masterdata/units/not-an-id")).statusCode).toBe(404);
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/masterdata/{kind}",
        "/api/v1/masterdata/{kind}/{id}",
        "/api/v1/masterdata/units/search",
      ]),
    );
  });
});
