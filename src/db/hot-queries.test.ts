/**
 * The queries every request runs were merged and prepared once (db/prepared.ts): the session is
 * read with its user and grants (platform/sessions.ts), a home with its household
 * (masterdata.repository.ts). They must still see every change at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";
import { findCurrentHomes } from "../modules/masterdata/masterdata.repository.ts";
import { todayInCopenhagen } from "../platform/dates.ts";
import { newId } from "../platform/ids.ts";

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

const userIdOf = async (email: string) =>
  (await app.ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

describe("session, user and grants read together", () => {
  it("logs out at once when the user is suspended, even with the session row still there", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("beboer@almen.demo");
    expect((await browser.get("/home")).statusCode).toBe(200);
    const id = await userIdOf("beboer@almen.demo");
    await app.ctx.db.updateTable("users").set({ status: "suspended" }).where("id", "=", id).execute();
    try {
      const res = await browser.get("/home");
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/login?next=%2Fhome");
      const left = await app.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute();
      expect(left).toHaveLength(0);
    } finally {
      await app.ctx.db.updateTable("users").set({ status: "active" }).where("id", "=", id).execute();
    }
  });

  it("sees a new grant, a lost grant and a new name on the very next request", async () => {
    const browser = new TestBrowser(app.server);
    await browser.login("beboer@almen.demo");
    const id = await userIdOf("beboer@almen.demo");
    expect((await browser.get("/home")).body).not.toContain('href="/masterdata"');
    const grant = newId();
    const org = await app.ctx.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow();
    await app.ctx.db
      .insertInto("user_roles")
      .values({
        id: grant,
        user_id: id,
        role: "org_admin",
        organisation_id: org.id,
        department_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    await app.ctx.db.updateTable("users").set({ name: "Jens Omdøbt" }).where("id", "=", id).execute();
    const granted = await browser.get("/home");
    expect(granted.body).toContain('href="/masterdata"');
    expect(granted.body).toContain("Jens Omdøbt");
    await app.ctx.db.deleteFrom("user_roles").where("id", "=", grant).execute();
    expect((await browser.get("/home")).body).not.toContain('href="/masterdata"');
  });

  it("keeps two browsers of the same user apart, each with its own session", async () => {
    const one = new TestBrowser(app.server);
    const two = new TestBrowser(app.server);
    await one.login("beboer@almen.demo");
    await two.login("bestyrelse@almen.demo");
    const [a, b] = await Promise.all([one.get("/home"), two.get("/home")]);
    expect(a.body).toContain("Beboer");
    expect(b.statusCode).toBe(200);
    expect(b.body).not.toContain("Jens");
  });
});

describe("current homes in one query", () => {
  it("lists each home once with its whole household by name", async () => {
    const person = await app.ctx.db
      .selectFrom("users")
      .select("person_id")
      .where("email", "=", "beboer@almen.demo")
      .executeTakeFirstOrThrow();
    const homes = await findCurrentHomes(app.ctx.db, person.person_id!, todayInCopenhagen(app.ctx.clock));
    expect(homes).toHaveLength(1);
    expect(homes[0]!.household.length).toBeGreaterThan(1);
    const byName = await app.ctx.db
      .selectFrom("household_members as m")
      .innerJoin("people as p", "p.id", "m.person_id")
      .select(["p.name", "m.role"])
      .where("m.tenancy_id", "=", homes[0]!.tenancyId)
      .orderBy("p.name")
      .execute();
    expect(homes[0]!.household).toEqual(byName);
    expect(await findCurrentHomes(app.ctx.db, "no-such-person", "2026-01-01")).toEqual([]);
  });
});
