import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";
import { can, isPermission, permissionTable, reachOf, roles } from "./access.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe("the permission table", () => {
  it("names only known roles, and every role holds home.view", () => {
    for (const allowed of Object.values(permissionTable)) for (const r of allowed) expect(roles).toContain(r);
    for (const role of roles)
      expect(
        can({ userId: "u", grants: [{ role, organisationId: null, departmentId: null }] }, "home.view"),
      ).toBe(true);
  });

  it("scopes grants: an organisation grant does not reach another organisation, a department grant only its department", () => {
    const orgAdmin = {
      userId: "u",
      grants: [{ role: "org_admin" as const, organisationId: "o1", departmentId: null }],
    };
    expect(can(orgAdmin, "audit.read", { organisationId: "o1" })).toBe(true);
    expect(can(orgAdmin, "audit.read", { organisationId: "o2" })).toBe(false);
    const caretaker = {
      userId: "u",
      grants: [{ role: "caretaker" as const, organisationId: null, departmentId: "d1" }],
    };
    expect(can(caretaker, "staff.home", { organisationId: "o1", departmentId: "d1" })).toBe(true);
    expect(can(caretaker, "staff.home", { organisationId: "o1", departmentId: "d2" })).toBe(false);
    expect(can(caretaker, "audit.read")).toBe(false);
  });

  it("keeps the organisation board out of each department's own democracy", () => {
    const orgChair = {
      userId: "u",
      grants: [
        { role: "board_chair" as const, organisationId: "o1", departmentId: null },
        { role: "resident" as const, organisationId: "o1", departmentId: "d1" },
      ],
    };
    // The organisation board itself, an organisation-level scope.
    expect(can(orgChair, "board.work", { organisationId: "o1" })).toBe(true);
    // Another department's meetings, board and proposals are not theirs.
    expect(can(orgChair, "meetings.manage", { organisationId: "o1", departmentId: "d2" })).toBe(false);
    expect(can(orgChair, "board.work", { organisationId: "o1", departmentId: "d2" })).toBe(false);
    expect(can(orgChair, "democracy.participate", { organisationId: "o1", departmentId: "d2" })).toBe(false);
    // Their own department, as a resident of it.
    expect(can(orgChair, "democracy.participate", { organisationId: "o1", departmentId: "d1" })).toBe(true);
    expect(reachOf(orgChair, "meetings.manage")).toEqual({
      all: false,
      organisationIds: [],
      departmentIds: [],
    });
    expect(reachOf(orgChair, "democracy.view")).toEqual({
      all: false,
      organisationIds: [],
      departmentIds: ["d1"],
    });
    // A staff grant for the organisation still reaches every department of it.
    const manager = {
      userId: "m",
      grants: [{ role: "operations_manager" as const, organisationId: "o1", departmentId: null }],
    };
    expect(can(manager, "meetings.manage", { organisationId: "o1", departmentId: "d2" })).toBe(true);
    expect(reachOf(manager, "meetings.manage").organisationIds).toEqual(["o1"]);
  });

  it("limits an API token to its scopes", () => {
    const admin = {
      userId: "u",
      grants: [{ role: "org_admin" as const, organisationId: "o1", departmentId: null }],
    };
    expect(can({ ...admin, tokenScopes: ["home.view"] }, "audit.read")).toBe(false);
    expect(can({ ...admin, tokenScopes: ["audit.read"] }, "audit.read")).toBe(true);
  });
});

describe("every route declares its access", () => {
  it("has a permission from the table (or public) on every registered route", () => {
    expect(app.routes.length).toBeGreaterThan(25);
    expect(app.routes.some((r) => r.url === "/api/v1/staff" && r.permission === "staff.manage")).toBe(true);
    const missing = app.routes.filter((r) => r.permission !== "public" && !isPermission(r.permission));
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it("denies a route that declares nothing (default deny)", async () => {
    const { buildApp } = await import("../app.ts");
    const { testConfig, freshDatabase } = await import("../../test/helpers.ts");
    const database = await freshDatabase();
    const built = await buildApp({ config: testConfig(), database, logger: false });
    built.server.get("/undeclared", async () => "secret");
    await built.server.ready();
    const res = await built.server.inject({ url: "/undeclared" });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("secret");
    expect(built.routes.find((r) => r.url === "/undeclared")?.permission).toBeUndefined();
    await built.server.close();
    await database.drop();
  });
});

describe("not allowed looks like not there", () => {
  it("answers 404 to a resident on staff pages and staff API", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("beboer@almen.demo");
    for (const url of ["/admin/audit", "/admin/staff", "/api/v1/audit", "/api/v1/staff"]) {
      const res = await browser.get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it("answers 404 for an account in another organisation, and for an id that does not exist", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("admin@almen.demo");
    const system = await app.ctx.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "system@almen.demo")
      .executeTakeFirstOrThrow();
    expect((await browser.get(`/admin/staff/${system.id}`)).statusCode).toBe(404);
    expect((await browser.get("/admin/staff/does-not-exist")).statusCode).toBe(404);
  });

  it("sends anonymous visitors to the login page, and API callers a 401 JSON error", async () => {
    const page = await app.server.inject({ url: "/admin/audit" });
    expect(page.statusCode).toBe(303);
    const api = await app.server.inject({ url: "/api/v1/me" });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({
      error: { code: "unauthorized", message: expect.stringContaining("logge ind") },
    });
  });
});
