import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { startOnboarding } from "./onboarding.service.ts";
import { api, browserFor, demoPlaces, demoUser, makeUser, tokenFor } from "./test-support.ts";

let app: TestApp;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let admin: TestBrowser;
let member: TestBrowser;
let chair: TestBrowser;
let programmeUrl: string;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-05-04T08:00:00Z"));
  places = await demoPlaces(app);
  admin = await browserFor(app, "admin@almen.demo");
  member = await browserFor(app, "bestyrelse@almen.demo");
  chair = await browserFor(app, "formand@almen.demo");
});
afterAll(async () => {
  await app.close();
});

const elect = async (personId: string, departmentId: string, electedOn: string) =>
  app.ctx.db
    .transaction()
    .execute((trx) =>
      startOnboarding(trx, { personId, organisationId: places.organisationId, departmentId, electedOn }),
    );

describe("onboarding pages", () => {
  it("curators build a programme: errors are shown with what was typed; it needs a step to be used", async () => {
    const list = await admin.get("/onboarding/programmes");
    expect(list.statusCode).toBe(200);
    const organisationId = /name="organisationId" value="([^"]+)"/.exec(list.body)![1]!;
    const bad = await admin.post("/onboarding/programmes", { organisationId, title: "", intro: "Velkommen" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv en titel.");
    expect(bad.body).toContain("Velkommen");
    const ok = await admin.post("/onboarding/programmes", {
      organisationId,
      title: "Ny i bestyrelsen",
      intro: "Velkommen",
    });
    programmeUrl = String(ok.headers.location);

    await admin.get(programmeUrl);
    const early = await admin.post(`${programmeUrl}/current`);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("Tilføj mindst ét trin");

    const step = {
      title: "Mød formanden",
      description: "Aftal en kop kaffe.",
      linkUrl: "javascript:alert(1)",
      dueOffsetDays: "7",
      courseId: "",
    };
    const badLink = await admin.post(`${programmeUrl}/steps`, step);
    expect(badLink.statusCode).toBe(400);
    expect(badLink.body).toContain("Skriv en webadresse");
    const badOffset = await admin.post(`${programmeUrl}/steps`, {
      ...step,
      linkUrl: "",
      dueOffsetDays: "syv",
    });
    expect(badOffset.statusCode).toBe(400);
    expect(badOffset.body).toContain("Skriv et helt antal dage");
    expect(badOffset.body).toContain('value="syv"');
    await admin.post(`${programmeUrl}/steps`, { ...step, linkUrl: "/courses" });
    await admin.post(`${programmeUrl}/steps`, {
      ...step,
      title: "Læs forretningsordenen",
      linkUrl: "",
      dueOffsetDays: "30",
    });
    const page = await admin.get(programmeUrl);
    expect(page.body).toContain("Frist: 7 dage efter valget");
    // Move the second step first.
    const secondId = [...page.body.matchAll(/\/onboarding\/steps\/([^/"]+)\/move/g)].map((m) => m[1])[1]!;
    await admin.post(`/onboarding/steps/${secondId}/move`, { direction: "up" });
    const moved = await admin.get(programmeUrl);
    expect(moved.body.indexOf("Læs forretningsordenen")).toBeLessThan(moved.body.indexOf("Mød formanden"));
    expect((await admin.post(`${programmeUrl}/current`)).statusCode).toBe(303);
    expect((await admin.get("/onboarding/programmes")).body).toContain("Aktuelt forløb");
    expect((await member.get("/onboarding/programmes")).statusCode).toBe(404);
  });

  it("the new member sees the checklist and ticks steps off; the chair sees the progress", async () => {
    const ahmed = await demoUser(app, "bestyrelse@almen.demo");
    await elect(ahmed.personId!, places.dept101, "2026-04-20");
    const page = await member.get("/onboarding");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ny i bestyrelsen");
    expect(page.body).toContain("0 af 2 trin klaret");
    expect(page.body).toContain("Senest 20. maj 2026");
    expect(page.body).toContain("Overskredet"); // Mød formanden was due 27 April
    const itemId = /action="\/onboarding\/items\/([^"]+)"/.exec(page.body)![1]!;
    expect((await member.post(`/onboarding/items/${itemId}`, { done: "ja" })).statusCode).toBe(303);
    expect((await member.get("/onboarding")).body).toContain("1 af 2 trin klaret");
    expect((await chair.post(`/onboarding/items/${itemId}`, { done: "nej" })).statusCode).toBe(404);

    const other = await makeUser(app, {
      name: "Søren Søparken",
      roles: ["board_member"],
      departmentId: places.dept102,
      organisationId: places.organisationId,
    });
    await elect(other.personId!, places.dept102, "2026-04-20");
    const progress = await chair.get("/onboarding/board");
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toContain("Ahmed Bestyrelsesmedlem");
    expect(progress.body).not.toContain("Søren Søparken");
    const checklistUrl = /href="(\/onboarding\/checklists\/[^"]+)"/.exec(progress.body)![1]!;
    expect((await chair.get(checklistUrl)).body).toContain("Mød formanden");
    expect((await member.get("/onboarding/board")).statusCode).toBe(404);
    expect((await (await browserFor(app, "beboer@almen.demo")).get(checklistUrl)).statusCode).toBe(404);

    const all = await admin.get("/onboarding/progress");
    expect(all.body).toContain("Ahmed Bestyrelsesmedlem");
    expect(all.body).toContain("Søren Søparken");
    const sorenList = await app.ctx.db
      .selectFrom("onboarding_checklists")
      .select("id")
      .where("person_id", "=", other.personId!)
      .executeTakeFirstOrThrow();
    expect((await chair.get(`/onboarding/checklists/${sorenList.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/onboarding/checklists/${sorenList.id}`)).statusCode).toBe(200);
  });

  it("the menu shows the community entries by role", async () => {
    const resident = await browserFor(app, "beboer@almen.demo");
    const home = await resident.get("/get-involved");
    expect(home.body).toContain('href="/get-involved"');
    expect(home.body).toContain('href="/courses"');
    expect(home.body).toContain('href="/community"');
    expect(home.body).not.toContain('href="/onboarding"');
    expect((await member.get("/courses")).body).toContain('href="/onboarding"');
    expect((await resident.get("/onboarding")).statusCode).toBe(404);
  });

  it("the API: checklists, ticking, the chair's and the organisation's progress, programmes", async () => {
    const mine = api(app, await tokenFor(app, "bestyrelse@almen.demo", ["board.work"]));
    const chairApi = api(app, await tokenFor(app, "formand@almen.demo", ["board.work"]));
    const curator = api(app, await tokenFor(app, "admin@almen.demo", ["community.curate"]));
    const lists = await mine("GET", "/api/v1/me/onboarding");
    const [list] = lists.json().items;
    expect(list).toMatchObject({ programme: "Ny i bestyrelsen", done: 1, electedOn: "2026-04-20" });
    const open = list.items.find((i: { doneAt: string | null }) => !i.doneAt);
    expect((await mine("PUT", `/api/v1/me/onboarding-items/${open.id}`, { done: true })).statusCode).toBe(
      204,
    );
    const board = await chairApi("GET", "/api/v1/board/onboarding-progress");
    expect(board.json().items).toEqual([
      expect.objectContaining({ person: "Ahmed Bestyrelsesmedlem", done: 2, steps: 2, nextDueOn: null }),
    ]);
    expect((await mine("GET", "/api/v1/board/onboarding-progress")).statusCode).toBe(404);
    expect((await curator("GET", "/api/v1/onboarding-progress")).json().total).toBe(2);

    const created = await curator("POST", "/api/v1/onboarding-programmes", {
      organisationId: places.organisationId,
      title: "Version 2",
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await curator("POST", `/api/v1/onboarding-programmes/${id}/current`)).statusCode).toBe(400);
    const step = await curator("POST", `/api/v1/onboarding-programmes/${id}/steps`, {
      title: "",
      dueOffsetDays: 3,
    });
    expect(step.statusCode).toBe(400);
    expect(step.json().error.fields.title).toBe("Skriv en titel.");
    expect(
      (
        await curator("POST", `/api/v1/onboarding-programmes/${id}/steps`, {
          title: "Introaften",
          dueOffsetDays: 3,
        })
      ).statusCode,
    ).toBe(201);
    const current = await curator("POST", `/api/v1/onboarding-programmes/${id}/current`);
    expect(current.json()).toMatchObject({
      current: true,
      steps: [{ title: "Introaften", dueOffsetDays: 3 }],
    });
    const programmes = await curator("GET", "/api/v1/onboarding-programmes");
    expect(programmes.json().items.filter((g: { current: boolean }) => g.current)).toHaveLength(1);
  });
});
