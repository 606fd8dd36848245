import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { newId } from "../../../platform/ids.ts";
import { estimateWaitingMonths } from "./public.service.ts";

let app: TestApp;
let orgId: string;
const dept: Record<number, string> = {};

const now = () => app.clock.now().toISOString();
const monthsAgo = (m: number) => {
  const d = new Date(app.clock.now());
  d.setUTCMonth(d.getUTCMonth() - m);
  return d.toISOString();
};

async function unit(unitNumber: string) {
  return app.ctx.db
    .selectFrom("units")
    .select(["id", "department_id", "organisation_id", "rent_ore"])
    .where("unit_number", "=", unitNumber)
    .executeTakeFirstOrThrow();
}

async function vacancy(unitNumber: string, status: string, extra: Record<string, string | null> = {}) {
  const u = await unit(unitNumber);
  await app.ctx.db
    .insertInto("vacancies")
    .values({
      id: newId(),
      organisation_id: u.organisation_id,
      department_id: u.department_id,
      unit_id: u.id,
      source: "manual",
      ending_tenancy_id: null,
      free_from: "2027-01-01",
      rent_ore: u.rent_ore,
      status: status as "open",
      let_via: null,
      let_application_id: null,
      new_tenancy_id: null,
      let_at: null,
      created_by: null,
      created_at: now(),
      updated_at: now(),
      ...(extra as Record<string, never>),
    })
    .execute();
}

beforeAll(async () => {
  app = await buildTestApp();
  const depts = await app.ctx.db
    .selectFrom("departments")
    .select(["id", "number", "organisation_id"])
    .execute();
  for (const d of depts) dept[d.number] = d.id;
  orgId = depts[0]!.organisation_id;
  // 101: units 0011 (3 rooms, family) and 0012 (4 rooms, youth) are vacant; so are 102's 0023, 0024.
  await vacancy("101-0001", "open", { free_from: "2026-12-15" }); // let now, moving out: soon vacant
  await vacancy("101-0011", "let", { let_at: monthsAgo(1) }); // let already: not shown
  await vacancy("102-0023", "cancelled"); // cancelled: the vacant unit still shows
  // Lettings in 101 over the last 24 months: six from the lists (with 0011's), one municipal, one too old.
  for (let i = 0; i < 5; i++)
    await vacancy("101-0002", "let", { let_at: monthsAgo(2 + i * 4), let_via: "external" });
  await vacancy("101-0003", "let", { let_at: monthsAgo(3), let_via: "municipal" });
  await vacancy("101-0003", "let", { let_at: monthsAgo(30), let_via: "internal" });
  // Twelve active applications on 101's queue, and two that are not active.
  let list = await app.ctx.db
    .selectFrom("waiting_lists")
    .select("id")
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  if (!list) {
    list = { id: newId() };
    await app.ctx.db
      .insertInto("waiting_lists")
      .values({ id: list.id, organisation_id: orgId, kind: "external", created_at: now() })
      .execute();
  }
  const people = await app.ctx.db.selectFrom("people").select("id").limit(14).execute();
  for (const [i, person] of people.entries()) {
    const id = newId();
    const active = i < 12;
    await app.ctx.db
      .insertInto("applications")
      .values({
        id,
        list_id: list.id,
        person_id: person.id,
        seniority_date: "2020-01-01",
        status: active ? "active" : "passive",
        rooms_min: null,
        rooms_max: null,
        max_rent_ore: null,
        fee_paid_until: null,
        quarantine_until: null,
        created_at: now(),
        updated_at: now(),
      })
      .execute();
    await app.ctx.db
      .insertInto("application_departments")
      .values({
        application_id: id,
        department_id: dept[101]!,
        list_id: list.id,
        seniority_date: "2020-01-01",
        rank: active ? i + 1 : null,
      })
      .execute();
  }
});
afterAll(async () => {
  await app.close();
});

const homes = (body: string) => [...body.matchAll(/<h3>([^<]+)<\/h3>/g)].map((m) => m[1]);

describe("the vacant homes page", () => {
  it("lists vacancies being let and vacant units, to anyone, soonest first", async () => {
    const res = await new TestBrowser(app.server).get("/boliger");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Ledige boliger");
    expect(res.body).toContain("4 ledige boliger");
    const list = homes(res.body);
    expect(list).toHaveLength(4);
    // Vacant now first, then by the date they are free.
    expect(list[3]).toContain("Rosenvænget 1, st. tv");
    expect(res.body).toContain("15. december 2026");
    expect(res.body).toContain("Ledig nu");
    expect(res.body).toContain('href="/afdelinger/1-101"');
    expect(res.body).not.toMatch(/>[a-z_]+\.[a-z_.]+</);
  });

  it("filters by municipality, town, kind, rooms, rent, area and facilities", async () => {
    const browser = new TestBrowser(app.server);
    const count = async (qs: string) => homes((await browser.get(`/boliger?${qs}`)).body).length;
    expect(await count("municipality=0101")).toBe(2);
    expect(await count("municipality=751")).toBe(2);
    expect(await count("municipality=aarhus")).toBe(2);
    expect(await count("municipality=K%C3%B8benhavn")).toBe(2);
    expect(await count("municipality=Odense")).toBe(0);
    expect(await count("municipality=K_benhavn")).toBe(0);
    expect(await count("municipality=%25")).toBe(0);
    expect(await count("kind=youth")).toBe(2);
    expect(await count("roomsMin=4")).toBe(2);
    expect(await count("roomsMin=2&roomsMax=3")).toBe(1);
    expect(await count("maxRent=7550")).toBe(2);
    expect(await count("minArea=100")).toBe(2);
    expect(await count("stepFree=ja")).toBe(1);
    expect(await count("elevator=ja&balcony=ja")).toBe(1);
    expect(await count("pets=ja")).toBe(1);
    const bad = await browser.get("/boliger?roomsMin=mange&kind=family");
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain("Et eller flere søgefelter er ikke udfyldt rigtigt");
    expect(homes(bad.body)).toHaveLength(2);
  });

  it("is in English through the language switch", async () => {
    const browser = new TestBrowser(app.server);
    await browser.get("/boliger");
    await browser.post("/language", { lang: "en", next: "/boliger" });
    const res = await browser.get("/boliger");
    expect(res.body).toContain("Vacant homes");
    expect(res.body).toContain("4 vacant homes");
  });

  it("answers the same through the API, and refuses bad filters there", async () => {
    const res = await app.server.inject({ url: "/api/v1/public/vacancies?municipality=0101&pets=true" });
    expect(res.statusCode).toBe(200);
    const json = res.json();
    expect(json.total).toBe(1);
    expect(json.items[0]).toMatchObject({ freeFrom: "2026-12-15", department: { key: "1-101" } });
    expect(json.items[0].features).toContain("pets");
    const bad = await app.server.inject({ url: "/api/v1/public/vacancies?roomsMin=mange" });
    expect(bad.statusCode).toBe(400);
  });
});

describe("the department page", () => {
  it("estimates a range from a known pace", () => {
    expect(estimateWaitingMonths(2, 10)).toBeNull();
    expect(estimateWaitingMonths(5, 12)).toEqual({ fromMonths: 39, toMonths: 105 });
    expect(estimateWaitingMonths(12, 0)).toEqual({ fromMonths: 0, toMonths: 1 });
  });

  it("shows homes, rent per m², facilities, energy labels and the typical waiting time", async () => {
    const res = await new TestBrowser(app.server).get("/afdelinger/1-101");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Afdeling 101 Æblehaven");
    expect(res.body).toContain("12 boliger");
    expect(res.body).toContain("Familiebolig: 11");
    expect(res.body).toContain("Ungdomsbolig: 1");
    expect(res.body).toContain("Elevator (3 af 12 boliger)");
    expect(res.body).toContain("B, C, D");
    expect(res.body).toMatch(/939\skr\. – 1\.015\skr\./);
    expect(res.body).toContain("34–82 måneder");
    expect(res.body).toContain(
      "Anslået ud fra 6 udlejninger fra ventelisterne de seneste 24 måneder og 12 aktive",
    );
    expect(res.body).not.toMatch(/>[a-z_]+\.[a-z_.]+</);
    const other = await new TestBrowser(app.server).get(`/afdelinger/${dept[102]}`);
    expect(other.body).toContain("Der har været for få udlejninger til at anslå ventetiden.");
    expect((await new TestBrowser(app.server).get("/afdelinger/1-999")).statusCode).toBe(404);
  });

  it("gives the same figures through the API", async () => {
    const res = await app.server.inject({ url: "/api/v1/public/departments/1-101" });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({
      number: 101,
      homes: 12,
      energyLabels: ["B", "C", "D"],
      waiting: { lettings: 6, queue: 12, months: 24, estimate: { fromMonths: 34, toMonths: 82 } },
    });
    // Rent 3200 kr + 1450 kr per room a month, 35 m² + 20 m² per room: 1 room is dearest per m².
    expect(d.rentPerM2Year).toEqual({
      minOre: Math.round((9000_00 * 12) / 115),
      maxOre: Math.round((4650_00 * 12) / 55),
    });
    expect((await app.server.inject({ url: "/api/v1/public/departments/nope" })).statusCode).toBe(404);
  });
});
