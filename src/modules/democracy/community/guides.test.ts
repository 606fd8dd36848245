import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { searchGuides } from "./guides.repository.ts";
import { createGuide, deleteGuide, updateGuide } from "./guides.service.ts";
import { api, browserFor, demoPlaces, demoUser, makeUser, type TestUser, tokenFor } from "./test-support.ts";

let app: TestApp;
let places: Awaited<ReturnType<typeof demoPlaces>>;
let resident: TestUser;
let board: TestUser;
let admin: TestUser;
const ids: Record<string, string> = {};

const search = (f: { q?: string; tag?: string; kind?: "guide" | "example"; departmentId?: string }) =>
  searchGuides(app.ctx.db, { organisationIds: [places.organisationId], limit: 50, offset: 0, ...f }).then(
    (r) => r.rows.map((g) => g.title).sort(),
  );

beforeAll(async () => {
  app = await buildTestApp();
  places = await demoPlaces(app);
  resident = await demoUser(app, "beboer@almen.demo");
  board = await demoUser(app, "bestyrelse@almen.demo");
  admin = await demoUser(app, "admin@almen.demo");
  const write = (
    u: TestUser,
    placement: string,
    kind: "guide" | "example",
    title: string,
    body: string,
    tags: string,
  ) => createGuide(app.ctx, u.actor, u.principal, u.userId, { placement, kind, title, body, tags });
  ids.apple = await write(
    board,
    `dept:${places.dept101}`,
    "example",
    "Æbletræer i gården",
    "Vi plantede 12 træer.",
    "Grønt, Have",
  );
  ids.budget = await write(
    admin,
    `dept:${places.dept102}`,
    "guide",
    "Sådan læser du budgettet",
    "Start med henlæggelserne.",
    "budget, økonomi",
  );
  ids.reuse = await write(
    resident,
    `dept:${places.dept101}`,
    "example",
    "100% genbrug til festen",
    "Service fra loppemarkedet.",
    "fest",
  );
  ids.org = await write(
    admin,
    `org:${places.organisationId}`,
    "guide",
    "Dagsorden til afdelingsmødet",
    "Punkt for punkt, 50 kr. pr. kop kaffe.",
    "møder, Budget",
  );
});
afterAll(async () => {
  await app.close();
});

describe("guides and good examples", () => {
  it("are searched across departments, case-insensitively also for æ, ø and å, with % and _ taken literally", async () => {
    expect(await search({})).toHaveLength(4);
    expect(await search({ q: "æble" })).toEqual(["Æbletræer i gården"]);
    expect(await search({ q: "HENLÆGGELSER" })).toEqual(["Sådan læser du budgettet"]);
    expect(await search({ q: "100%" })).toEqual(["100% genbrug til festen"]);
    expect(await search({ q: "50%" })).toEqual([]);
    expect(await search({ q: "_" })).toEqual([]);
    // Tags are searched too.
    expect(await search({ q: "økonomi" })).toEqual(["Sådan læser du budgettet"]);
  });

  it("are filtered by tag (stored lower-cased), kind and department", async () => {
    expect(await search({ tag: "budget" })).toEqual([
      "Dagsorden til afdelingsmødet",
      "Sådan læser du budgettet",
    ]);
    expect(await search({ tag: "grønt" })).toEqual(["Æbletræer i gården"]);
    expect(await search({ kind: "example" })).toEqual(["100% genbrug til festen", "Æbletræer i gården"]);
    expect(await search({ departmentId: places.dept101, q: "træer" })).toEqual(["Æbletræer i gården"]);
    expect(await search({ tag: "budget", q: "kaffe" })).toEqual(["Dagsorden til afdelingsmødet"]);
  });

  it("authors change their own; others may not; curators may change all", async () => {
    const edit = (u: TestUser, id: string, title: string) =>
      updateGuide(app.ctx, u.actor, u.principal, u.userId, id, {
        placement: `dept:${places.dept101}`,
        kind: "example",
        title,
        body: "Ny tekst",
        tags: ["fest"],
      });
    await edit(resident, ids.reuse!, "100% genbrug – opdateret");
    await expect(edit(board, ids.reuse!, "Overtaget")).rejects.toMatchObject({ code: "not_found" });
    await edit(admin, ids.reuse!, "100% genbrug – redigeret");
    expect(await search({ q: "redigeret" })).toEqual(["100% genbrug – redigeret"]);
    // A resident cannot place a guide in a department that is not theirs.
    await expect(
      createGuide(app.ctx, resident.actor, resident.principal, resident.userId, {
        placement: `dept:${places.dept102}`,
        kind: "guide",
        title: "Forkert sted",
        body: "Tekst",
      }),
    ).rejects.toMatchObject({ code: "validation", fields: { placement: "community.errors.placement" } });
    await expect(
      deleteGuide(app.ctx, board.actor, board.principal, board.userId, ids.reuse!),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("pages: search, write with errors kept, read with author and department", async () => {
    const b = await browserFor(app, "beboer@almen.demo");
    const list = await b.get("/community/guides?q=%C3%A6ble");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Æbletræer i gården");
    expect(list.body).not.toContain("Sådan læser du budgettet");
    expect(list.body).toContain("1 fundet");

    await b.get("/community/guides/new");
    const bad = await b.post("/community/guides", {
      placement: `dept:${places.dept101}`,
      kind: "guide",
      title: "Vaskeriet",
      body: "",
      tags: "vask, regler",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv teksten.");
    expect(bad.body).toContain('value="vask, regler"');
    const ok = await b.post("/community/guides", {
      placement: `dept:${places.dept101}`,
      kind: "guide",
      title: "Vaskeriet",
      body: "Book en tid.",
      tags: "vask, regler",
    });
    expect(ok.statusCode).toBe(303);
    const page = await b.get(String(ok.headers.location));
    expect(page.body).toContain("Jens Ærø Beboer");
    expect(page.body).toContain("101 Æblehaven");
    expect(page.body).toContain(">Ret<");
    const other = await browserFor(app, "bestyrelse@almen.demo");
    const seen = await other.get(String(ok.headers.location));
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(">Ret<");
    expect((await other.get(`${ok.headers.location}/edit`)).statusCode).toBe(404);
  });

  it("the API searches, writes and refuses someone else's guide", async () => {
    const outsider = await makeUser(app, {
      roles: ["resident"],
      departmentId: places.dept102,
      organisationId: places.organisationId,
    });
    const mine = api(app, await tokenFor(app, "bestyrelse@almen.demo", ["community.contribute"]));
    const theirs = api(app, await tokenFor(app, outsider.email, ["community.contribute"]));
    const created = await mine("POST", "/api/v1/guides", {
      departmentId: places.dept101,
      kind: "example",
      title: "Fællesspisning hver torsdag",
      body: "30 kr. for voksne.",
      tags: ["Mad", "fællesskab"],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      tags: ["fællesskab", "mad"],
      department: "101 Æblehaven",
      canEdit: true,
    });
    const found = await theirs("GET", "/api/v1/guides?tag=mad");
    expect(found.json().items.map((g: { title: string }) => g.title)).toEqual([
      "Fællesspisning hver torsdag",
    ]);
    expect(found.json().items[0].canEdit).toBe(false);
    const put = await theirs("PUT", `/api/v1/guides/${created.json().id}`, {
      departmentId: places.dept102,
      kind: "guide",
      title: "Overtaget",
      body: "x",
    });
    expect(put.statusCode).toBe(404);
    const tags = await theirs("GET", "/api/v1/guide-tags");
    expect(tags.json().items).toContainEqual({ tag: "budget", count: 2 });
  });
});
