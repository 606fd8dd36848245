import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import type { IdeaTag } from "./community.table.ts";
import { experiencesOf, searchIdeas } from "./ideas.repository.ts";
import { kronerToOre } from "./ideas.routes.tsx";
import { createIdea, recordExperience, setRecommended } from "./ideas.service.ts";
import { api, browserFor, demoPlaces, demoUser, type TestUser, tokenFor } from "./test-support.ts";

let app: TestApp;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let resident: TestUser;
let board: TestUser;
let admin: TestUser;
let caretaker: TestUser;
const ids: Record<string, string> = {};

const titles = (f: {
  q?: string;
  tag?: IdeaTag;
  effort?: "small" | "medium" | "large";
  recommendedOnly?: boolean;
}) =>
  searchIdeas(app.ctx.db, { organisationIds: [places.organisationId], limit: 50, offset: 0, ...f }).then(
    (r) => r.rows.map((i) => i.title),
  );

beforeAll(async () => {
  app = await buildTestApp();
  places = await demoPlaces(app);
  resident = await demoUser(app, "beboer@almen.demo");
  board = await demoUser(app, "bestyrelse@almen.demo");
  admin = await demoUser(app, "admin@almen.demo");
  caretaker = await demoUser(app, "vicevaert@almen.demo");
  const add = (
    u: TestUser,
    title: string,
    tags: IdeaTag[],
    min: number | null,
    max: number | null,
    effort: "small" | "medium" | "large",
  ) =>
    createIdea(app.ctx, u.actor, u.principal, u.userId, {
      placement: `dept:${places.dept101}`,
      title,
      description: `${title}: sådan gør I`,
      costMinOre: min,
      costMaxOre: max,
      effort,
      tags,
    });
  ids.flea = await add(resident, "Loppemarked i gården", ["social", "families"], 0, 0, "medium");
  ids.dinner = await add(admin, "Fællesspisning", ["food", "social", "elderly"], 50_000, 150_000, "medium");
  ids.swap = await add(board, "Bytte-reol", ["green"], 30_000, null, "small");
});
afterAll(async () => {
  await app.close();
});

describe("the idea catalogue", () => {
  it("filters by audience tag and effort, and searches title, description and tags", async () => {
    expect((await titles({ tag: "social" })).sort()).toEqual(["Fællesspisning", "Loppemarked i gården"]);
    expect(await titles({ tag: "green" })).toEqual(["Bytte-reol"]);
    expect(await titles({ effort: "small" })).toEqual(["Bytte-reol"]);
    expect(await titles({ q: "SPISNING" })).toEqual(["Fællesspisning"]);
    expect(await titles({ q: "elderly" })).toEqual(["Fællesspisning"]);
    expect(await titles({ q: "%" })).toEqual([]);
    const swap = (await searchIdeas(app.ctx.db, { organisationIds: null, q: "reol", limit: 5, offset: 0 }))
      .rows[0]!;
    // One amount given is an exact cost.
    expect([swap.cost_min_ore, swap.cost_max_ore]).toEqual([30_000, 30_000]);
  });

  it("a curated recommended list: curators mark ideas, others cannot", async () => {
    await setRecommended(app.ctx, admin.actor, admin.principal, ids.swap!, true);
    app.clock.advance(1000);
    await setRecommended(app.ctx, admin.actor, admin.principal, ids.dinner!, true);
    expect(await titles({ recommendedOnly: true })).toEqual(["Fællesspisning", "Bytte-reol"]);
    await expect(
      setRecommended(app.ctx, board.actor, board.principal, ids.flea!, true),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await setRecommended(app.ctx, admin.actor, admin.principal, ids.swap!, false);
    expect(await titles({ recommendedOnly: true })).toEqual(["Fællesspisning"]);
  });

  it("departments say 'we did this': its board or staff covering it, one note per department", async () => {
    const note = (u: TestUser, departmentId: string, text: string) =>
      recordExperience(app.ctx, u.actor, u.principal, u.userId, ids.flea!, {
        departmentId,
        note: text,
        doneOn: "2026-06-01",
      });
    await note(board, places.dept101, "Godt fremmøde, 40 boder.");
    await expect(note(resident, places.dept101, "Vi var der")).rejects.toMatchObject({ code: "validation" });
    await expect(note(board, places.dept102, "Ikke vores")).rejects.toMatchObject({
      code: "validation",
      fields: { departmentId: "community.ideas.errors.department" },
    });
    await note(caretaker, places.dept101, "Husk at låne borde af fælleshuset.");
    const notes = await experiencesOf(app.ctx.db, ids.flea!);
    expect(notes.map((x) => [x.department_number, x.note])).toEqual([
      [101, "Husk at låne borde af fælleshuset."],
    ]);
    await note(admin, places.dept102, "Også en succes hos os.");
    expect(
      (await searchIdeas(app.ctx.db, { organisationIds: null, q: "loppe", limit: 5, offset: 0 })).rows[0]!
        .experience_count,
    ).toBe(2);
  });

  it("reads kroner as people type them", () => {
    expect([
      kronerToOre(""),
      kronerToOre("1500"),
      kronerToOre("1.500"),
      kronerToOre("250,5"),
      kronerToOre("12 kr."),
    ]).toEqual([null, 150_000, 150_000, 25_050, 1_200]);
    expect(kronerToOre("tusind")).toBeUndefined();
    expect(kronerToOre("-5")).toBeUndefined();
  });

  it("pages: browse by tag, add with errors kept, 'we did this' for the board, recommend for curators", async () => {
    const b = await browserFor(app, "bestyrelse@almen.demo");
    const list = await b.get("/community/ideas?tag=green");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Bytte-reol");
    expect(list.body).not.toContain("Fællesspisning");

    await b.get("/community/ideas/new");
    const form = {
      placement: `dept:${places.dept101}`,
      title: "Filmaften",
      description: "Storskærm",
      effort: "small",
      tags: ["culture", "youth"],
    };
    const bad = await b.post("/community/ideas", { ...form, costFrom: "800", costTo: "300" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Til-beløbet skal være mindst");
    expect(bad.body).toMatch(/value="culture"[^>]*checked/);
    const worse = await b.post("/community/ideas", { ...form, costFrom: "mange" });
    expect(worse.statusCode).toBe(400);
    expect(worse.body).toContain("Skriv et beløb i hele kroner");
    const ok = await b.post("/community/ideas", { ...form, costFrom: "300", costTo: "800" });
    expect(ok.statusCode).toBe(303);
    const page = await b.get(String(ok.headers.location));
    expect(page.body).toContain("300,00");
    expect(page.body).toContain("800,00");
    expect(page.body).toContain("Det gjorde vi");
    expect(page.body).not.toContain("Anbefal idéen");
    const done = await b.post(`${ok.headers.location}/experiences`, {
      departmentId: places.dept101,
      note: "Popcorn!",
      doneOn: "",
    });
    expect(done.statusCode).toBe(303);
    expect((await b.get(String(ok.headers.location))).body).toContain("Popcorn!");

    const r = await browserFor(app, "beboer@almen.demo");
    const seen = await r.get(String(ok.headers.location));
    expect(seen.body).toContain("Popcorn!");
    expect(seen.body).not.toContain('name="note"');
    expect((await r.post(`${ok.headers.location}/recommend`, { recommended: "ja" })).statusCode).toBe(404);

    const a = await browserFor(app, "admin@almen.demo");
    await a.get(String(ok.headers.location));
    expect((await a.post(`${ok.headers.location}/recommend`, { recommended: "ja" })).statusCode).toBe(303);
    expect((await r.get("/community")).body).toContain("Filmaften");
    expect((await r.get("/community/ideas?recommended=ja")).body).toContain("Filmaften");
  });

  it("the API: filter, add, 'we did this', recommend", async () => {
    const mine = api(
      app,
      await tokenFor(app, "bestyrelse@almen.demo", ["community.contribute", "board.work"]),
    );
    const curator = api(
      app,
      await tokenFor(app, "admin@almen.demo", ["community.contribute", "community.curate"]),
    );
    const created = await mine("POST", "/api/v1/ideas", {
      departmentId: places.dept101,
      title: "Grøn gårdmand",
      description: "Køkkenhaver",
      costMinOre: 0,
      costMaxOre: 200_000,
      effort: "large",
      tags: ["green", "children"],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(
      (await mine("GET", "/api/v1/ideas?tag=children")).json().items.map((i: { id: string }) => i.id),
    ).toEqual([id]);
    expect(
      (await mine("PUT", `/api/v1/ideas/${id}/experiences/${places.dept101}`, { note: "Børnene elsker det" }))
        .statusCode,
    ).toBe(204);
    expect((await mine("PUT", `/api/v1/ideas/${id}/recommended`, { recommended: true })).statusCode).toBe(
      404,
    );
    expect((await curator("PUT", `/api/v1/ideas/${id}/recommended`, { recommended: true })).statusCode).toBe(
      204,
    );
    const one = await mine("GET", `/api/v1/ideas/${id}`);
    expect(one.json()).toMatchObject({
      recommended: true,
      experiences: 1,
      experienceNotes: [{ note: "Børnene elsker det" }],
    });
    const recommended = await mine("GET", "/api/v1/ideas?recommended=true");
    expect(recommended.json().items.map((i: { id: string }) => i.id)).toContain(id);
  });
});
