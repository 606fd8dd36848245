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

const userId = async (email: string) =>
  (await app.ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe("staff accounts and roles", () => {
  it("lets an organisation administrator create an account that gets a welcome link, and grant and remove roles", async () => {
    const admin = new TestBrowser(app.server);
    await admin.login("admin@almen.demo");
    const form = await admin.get("/admin/staff/new");
    const orgScope = /value="(org:[^"]+)"/.exec(form.body)![1]!;
    const invalid = await admin.post("/admin/staff/new", {
      name: "",
      email: "nope",
      role: "caretaker",
      scope: orgScope,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("Skriv brugerens navn.");
    expect(invalid.body).toContain('value="nope"');

    const created = await admin.post("/admin/staff/new", {
      name: "Nina Ny",
      email: "nina@almen.demo",
      role: "letting_officer",
      scope: orgScope,
    });
    expect(created.statusCode).toBe(303);
    expect(app.mail.sent.at(-1)).toMatchObject({ to: "nina@almen.demo", subject: "Din konto i almen" });
    const id = await userId("nina@almen.demo");
    const detail = await admin.get(`/admin/staff/${id}`);
    expect(detail.body).toContain("Udlejningsmedarbejder");

    const deptScope = /value="(dept:[^"]+)"/.exec(detail.body)![1]!;
    expect(
      (await admin.post(`/admin/staff/${id}/roles`, { role: "caretaker", scope: deptScope })).statusCode,
    ).toBe(303);
    const twice = await admin.post(`/admin/staff/${id}/roles`, { role: "caretaker", scope: deptScope });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain("Brugeren har allerede den rolle.");
    const notAllowed = await admin.post(`/admin/staff/${id}/roles`, {
      role: "system_admin",
      scope: "global",
    });
    expect(notAllowed.statusCode).toBe(400);

    const grants = await app.ctx.db
      .selectFrom("user_roles")
      .select(["id", "role"])
      .where("user_id", "=", id)
      .execute();
    expect(grants.map((g) => g.role).sort()).toEqual(["caretaker", "letting_officer"]);
    const caretakerGrant = grants.find((g) => g.role === "caretaker")!;
    await admin.get(`/admin/staff/${id}`);
    expect((await admin.post(`/admin/staff/${id}/roles/${caretakerGrant.id}/remove`)).statusCode).toBe(303);

    const list = await admin.get("/admin/staff?q=nina");
    expect(list.body).toContain("Nina Ny");
    expect(list.body).not.toContain("Jens Ærø Beboer");

    const audit = await admin.get("/admin/audit?action=role.grant");
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain("role.grant");
    expect(audit.body).toContain("admin@almen.demo");
    expect(audit.body).not.toContain("role.revoke");
    const byPerson = await admin.get("/admin/audit?person=ADMIN@almen");
    expect(byPerson.body).toContain("account.create");
    const badDate = await admin.get("/admin/audit?from=27-11-2026");
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("Skriv datoen som ÅÅÅÅ-MM-DD.");
  });

  it("logs a suspended account out at once, everywhere, and lets it back in when reactivated", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("bestyrelse@almen.demo");
    const token = await resident.json("POST", "/api/v1/tokens", {
      name: "t",
      scopes: ["home.view", "account.self"],
    });
    expect(token.statusCode).toBe(201);
    const apiToken = token.json().token as string;
    expect((await resident.get("/home")).statusCode).toBe(200);

    const admin = new TestBrowser(app.server);
    await admin.login("admin@almen.demo");
    const id = await userId("bestyrelse@almen.demo");
    await admin.get(`/admin/staff/${id}`);
    expect((await admin.post(`/admin/staff/${id}/suspend`)).statusCode).toBe(303);

    expect((await resident.get("/home")).statusCode).toBe(303);
    expect(
      (await app.server.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${apiToken}` } }))
        .statusCode,
    ).toBe(401);
    const again = await new TestBrowser(app.server).login("bestyrelse@almen.demo");
    expect(again.statusCode).toBe(400);
    const sessions = await app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
    expect(sessions).toHaveLength(0);

    await admin.get(`/admin/staff/${id}`);
    await admin.post(`/admin/staff/${id}/reactivate`);
    expect((await new TestBrowser(app.server).login("bestyrelse@almen.demo")).statusCode).toBe(303);
  });

  it("offers the same through the JSON API with a service token", async () => {
    const admin = new TestBrowser(app.server);
    await admin.login("admin@almen.demo");
    await admin.get("/account/tokens");
    const { token } = (
      await admin.json("POST", "/api/v1/tokens", { name: "HR", scopes: ["staff.manage"] })
    ).json();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const org = await app.ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    const created = await app.server.inject({
      method: "POST",
      url: "/api/v1/staff",
      headers,
      payload: {
        name: "Api Person",
        email: "api@almen.demo",
        grant: { role: "operations_manager", organisationId: org.id },
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: "api@almen.demo",
      grants: [{ role: "operations_manager" }],
    });
    const invalid = await app.server.inject({
      method: "POST",
      url: "/api/v1/staff",
      headers: { ...headers, "accept-language": "da" },
      payload: { name: "", email: "x" },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toHaveProperty("email");
    const list = await app.server.inject({ url: "/api/v1/staff?q=api", headers });
    expect(list.json().items).toHaveLength(1);
    const suspended = await app.server.inject({
      method: "POST",
      url: `/api/v1/staff/${created.json().id}/status`,
      headers,
      payload: { status: "suspended" },
    });
    expect(suspended.json().status).toBe("suspended");
  });
});
