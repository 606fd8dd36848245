import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(browser: TestBrowser, scopes: string[]): Promise<string> {
  await browser.get("/account/tokens");
  const res = await browser.post("/account/tokens", { name: "Integration", scopes });
  expect(res.statusCode).toBe(200);
  return /id="new-token">([^<]+)</.exec(res.body)![1]!;
}

describe("API tokens", () => {
  it("are shown once, stored hashed, scoped, revocable, and record their last use", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("admin@almen.demo");
    const token = await createToken(browser, ["audit.read"]);
    expect(token).toMatch(/^almen_[\w-]{8}_[\w-]{40,}$/);
    const row = await app.ctx.db.selectFrom("api_tokens").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(row.scopes_json).toEqual(["audit.read"]);
    expect(row.last_used_at).toBeNull();
    const list = await browser.get("/account/tokens");
    expect(list.body).not.toContain(token);

    const audit = await app.server.inject({ url: "/api/v1/audit", headers: bearer(token) });
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({ page: 1, pageSize: 100, items: expect.any(Array) });
    const used = await app.ctx.db.selectFrom("api_tokens").select("last_used_at").executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();

    // A permission the user holds but the token does not: 403 with a JSON error.
    const staff = await app.server.inject({ url: "/api/v1/staff", headers: bearer(token) });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.code).toBe("forbidden");

    const id = row.id;
    await browser.get("/account/tokens");
    expect((await browser.post(`/account/tokens/${id}/revoke`)).statusCode).toBe(303);
    const after = await app.server.inject({ url: "/api/v1/audit", headers: bearer(token) });
    expect(after.statusCode).toBe(401);
  });

  it("cannot carry a permission its owner lacks", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("beboer@almen.demo");
    await browser.get("/account/tokens");
    const res = await browser.post("/account/tokens", { name: "Sneaky", scopes: ["audit.read"] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Du kan kun give nøglen rettigheder, du selv har.");
    const none = await browser.post("/account/tokens", { name: "" });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Der er fejl i formularen");
    expect(await app.ctx.db.selectFrom("api_tokens").selectAll().execute()).toHaveLength(0);
  });

  it("are managed through the JSON API with a session cookie and a CSRF header", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("beboer@almen.demo");
    await browser.get("/account/tokens");
    const created = await browser.json("POST", "/api/v1/tokens", {
      name: "Mit script",
      scopes: ["home.view", "account.self"],
    });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    const me = await app.server.inject({ url: "/api/v1/me", headers: bearer(token) });
    expect(me.json()).toMatchObject({
      email: "beboer@almen.demo",
      permissions: ["account.self", "home.view"],
    });
    const bad = await browser.json("POST", "/api/v1/tokens", { name: "", scopes: ["nope"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("validation");
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(["name", "scopes.0"]));
    expect(bad.json().error.fields["scopes.0"]).toBe("Ukendt rettighed.");
    const revoked = await browser.json("DELETE", `/api/v1/tokens/${item.id}`);
    expect(revoked.statusCode).toBe(204);
    expect((await app.server.inject({ url: "/api/v1/me", headers: bearer(token) })).statusCode).toBe(401);
  });
});

describe("API documentation", () => {
  it("publishes an OpenAPI document with the v1 routes", async () => {
    const res = await app.server.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/me", "/api/v1/tokens", "/api/v1/audit", "/api/v1/staff"]),
    );
    expect((await app.server.inject({ url: "/api/docs/" })).statusCode).toBe(200);
  });
});
