import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";
import { todayInCopenhagen } from "../platform/dates.ts";
import { seedDemoLetting } from "./demo-letting.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
  expect(await seedDemoLetting(app.ctx)).toBe(true);
  expect(await seedDemoLetting(app.ctx)).toBe(false);
});
afterAll(async () => {
  await app.close();
});

/** Søparken's queue on a list: names in place order, and the ranks. */
async function queue(list: "external" | "internal") {
  return app.ctx.db
    .selectFrom("application_departments as q")
    .innerJoin("applications as a", "a.id", "q.application_id")
    .innerJoin("people as p", "p.id", "a.person_id")
    .innerJoin("waiting_lists as l", "l.id", "q.list_id")
    .innerJoin("departments as d", "d.id", "q.department_id")
    .select(["p.name", "q.rank", "a.fee_paid_until"])
    .where("d.number", "=", 102)
    .where("l.kind", "=", list)
    .orderBy("q.seniority_date")
    .execute();
}

describe("the demo's letting", () => {
  it("puts the seekers in Søparken's queue by seniority, the passive one without a place, fees paid", async () => {
    const external = await queue("external");
    expect(external.map((r) => [r.name, r.rank])).toEqual([
      ["Karen Holm", 1],
      ["Mohammed Rahimi", 2],
      ["Ida Kristensen", 3],
      ["Bo Vestergaard", null],
      ["Aylin Demir", 4],
      ["Emil Frandsen", 5],
      ["Hanne Lykke", 6],
      ["Niels Bech", 7],
      ["Freja Toft", 8],
    ]);
    expect((await queue("internal")).map((r) => r.rank)).toEqual([1, 2]);
    const today = todayInCopenhagen(app.ctx.clock);
    for (const r of external) expect(r.fee_paid_until! > today).toBe(true);
  });

  it("leaves Æblehaven and the demo seeker to a visitor's own journey", async () => {
    const seeker = new TestBrowser(app.server);
    await seeker.login("boligsoger@almen.demo");
    expect((await seeker.get("/waiting-lists")).body).toContain("Du står ikke på nogen venteliste endnu.");
    const inAeblehaven = await app.ctx.db
      .selectFrom("vacancies as v")
      .innerJoin("departments as d", "d.id", "v.department_id")
      .select("v.id")
      .where("d.number", "=", 101)
      .execute();
    expect(inAeblehaven).toEqual([]);
  });

  it("lets Søparken's vacant homes, with an offer round under way that staff can read", async () => {
    const vacancies = await app.ctx.db
      .selectFrom("vacancies as v")
      .innerJoin("units as u", "u.id", "v.unit_id")
      .select(["v.id", "v.status", "u.kind"])
      .orderBy("u.unit_number")
      .execute();
    expect(vacancies.map((v) => [v.kind, v.status])).toEqual([
      ["family", "offering"],
      ["youth", "open"],
    ]);
    const offers = await app.ctx.db
      .selectFrom("offers")
      .select("status")
      .where("vacancy_id", "=", vacancies[0]!.id)
      .execute();
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((o) => o.status === "sent")).toBe(true);
    const staff = new TestBrowser(app.server);
    await staff.login("udlejning@almen.demo");
    const page = await staff.get(`/letting/vacancies/${vacancies[0]!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Karen Holm");
  });

  it("shows the homes on the public pages, without a login", async () => {
    const page = await app.server.inject({ method: "GET", url: "/boliger" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Åboulevarden");
  });
});
