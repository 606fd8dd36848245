import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { seedDemoBoards } from "../../../seed/demo-boards.ts";
import { createElection } from "./elections.service.ts";
import { timeLeft } from "./rules.ts";
import { addMeeting, staff, testActor, type World, world } from "./test-fixtures.ts";

let app: TestApp;
let w: World;
let officer: TestBrowser;
let resident: TestBrowser;
let member: TestBrowser;
let chair: TestBrowser;
let electionId: string;
let otherElectionId: string;

const untranslated = /boards\.[a-z_]+\.|\{\{/;
/** TestBrowser has no PUT: the same request by hand, with the browser's cookies and CSRF token. */
const put = (b: TestBrowser, url: string, payload: unknown) =>
  app.server.inject({
    method: "PUT",
    url,
    payload: payload as never,
    headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "x-csrf-token": b.lastCsrf },
  });
const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location);

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-10-01T10:00:00.000Z"));
  w = await world(app);
  expect(await seedDemoBoards(app.ctx)).toBe(true);
  expect(await seedDemoBoards(app.ctx)).toBe(false);
  const meeting = await addMeeting(app, w, w.departmentId, "2026-11-20");
  electionId = await createElection(app.ctx, testActor, staff, w.departmentId, { meetingId: meeting });
  const other = await addMeeting(app, w, w.otherDepartmentId, "2026-11-21");
  otherElectionId = await createElection(app.ctx, testActor, staff, w.otherDepartmentId, {
    meetingId: other,
  });
  officer = new TestBrowser(app.server);
  await officer.login("driftschef@almen.demo");
  resident = new TestBrowser(app.server);
  await resident.login("beboer@almen.demo");
  member = new TestBrowser(app.server);
  await member.login("bestyrelse@almen.demo");
  chair = new TestBrowser(app.server);
  await chair.login("formand@almen.demo");
});
afterAll(async () => {
  await app.close();
});

describe("staff board pages", () => {
  it("lists the boards within reach and shows a board with its members", async () => {
    const list = await officer.get("/boards");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("101 Æblehaven");
    expect(list.body).toContain("Organisationsbestyrelsen");
    expect(list.body).toContain('href="/boards"');
    const page = await officer.get(`/boards/${w.departmentId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Birthe Formand");
    expect(page.body).toContain("Ahmed Bestyrelsesmedlem");
    expect(page.body).toContain("1. suppleant");
    expect(page.body).not.toMatch(untranslated);
  });

  it("records a member: bad input shows the form again with the values, good input adds them", async () => {
    await officer.get(`/boards/${w.departmentId}`);
    const personId = w.person("beboer@almen.demo");
    const bad = await officer.post(`/boards/${w.departmentId}/members`, {
      personId,
      role: "member",
      startDate: "1. oktober",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("error-summary");
    expect(bad.body).toContain('value="1. oktober"');
    const good = await officer.post(`/boards/${w.departmentId}/members`, {
      personId,
      role: "member",
      startDate: "2026-10-01",
      hasContactConsent: "ja",
    });
    expect(good.statusCode).toBe(303);
    const page = await officer.get(`/boards/${w.departmentId}`);
    expect(page.body).toContain("Jens Ærø Beboer");
  });

  it("records a resignation on its own page", async () => {
    const term = await app.ctx.db
      .selectFrom("board_members")
      .select("id")
      .where("person_id", "=", w.person("beboer@almen.demo"))
      .executeTakeFirstOrThrow();
    const url = `/boards/${w.departmentId}/members/${term.id}/resign`;
    expect((await officer.get(url)).statusCode).toBe(200);
    const missing = await officer.post(url, { resignedOn: "2026-10-02", reason: "" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Skriv en årsag.");
    const done = await officer.post(url, { resignedOn: "2026-10-02", reason: "Fortrød" });
    expect(done.statusCode).toBe(303);
    const page = await officer.get(`/boards/${w.departmentId}`);
    expect(page.body).toContain("Udtrådt 2. oktober 2026: Fortrød");
  });

  it("sets up an election at a meeting", async () => {
    expect((await officer.get(`/boards/${w.departmentId}/elections/new`)).statusCode).toBe(200);
    const meeting = await addMeeting(app, w, w.departmentId, "2026-12-01");
    const created = await officer.post(`/boards/${w.departmentId}/elections`, {
      meetingId: meeting,
      kind: "board",
      memberSeats: "2",
      alternateSeats: "1",
    });
    expect(created.statusCode).toBe(303);
    expect(location(created)).toMatch(/^\/elections\//);
    const page = await officer.get(location(created));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(untranslated);
  });

  it("is not there for residents, nor for a board outside the staff member's reach", async () => {
    expect((await resident.get("/boards")).statusCode).toBe(404);
    expect((await resident.get(`/boards/${w.departmentId}`)).statusCode).toBe(404);
    expect((await officer.get("/boards/does-not-exist")).statusCode).toBe(404);
  });
});

describe("the residents' board page", () => {
  it("shows who sits and how to reach them, with contact details only by consent", async () => {
    const page = await resident.get("/democracy/board");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Birthe Formand");
    expect(page.body).toContain("mailto:formand@almen.demo");
    expect(page.body).toContain("Ahmed Bestyrelsesmedlem");
    expect(page.body).not.toContain("mailto:bestyrelse@almen.demo");
    expect(page.body).toContain('href="/democracy/board"');
    expect(page.body).not.toMatch(untranslated);
  });

  it("lets a member show their own contact details", async () => {
    const page = await member.get("/democracy/board");
    const action = /action="(\/democracy\/board\/terms\/[^"]+\/contact)"/.exec(page.body)?.[1];
    expect(action).toBeDefined();
    expect((await member.post(action!, { consent: "ja" })).statusCode).toBe(303);
    expect((await resident.get("/democracy/board")).body).toContain("mailto:bestyrelse@almen.demo");
    expect((await resident.post(action!, { consent: "nej" })).statusCode).toBe(404);
  });

  it("lets a resident stand in an open election online", async () => {
    const url = `/democracy/board/elections/${electionId}/nominate`;
    expect((await resident.get("/democracy/board")).body).toContain(url);
    expect((await resident.get(url)).statusCode).toBe(200);
    const bad = await resident.post(`/democracy/board/elections/${electionId}/nominations`, {
      who: "neighbour",
      unitId: "",
      name: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Vælg naboens bolig.");
    await resident.get(url);
    const done = await resident.post(`/democracy/board/elections/${electionId}/nominations`, { who: "self" });
    expect(done.statusCode).toBe(303);
    expect((await resident.get("/democracy/board")).body).toContain("Kandidater: Jens Ærø Beboer");
  });

  it("shows board pages only for the viewer's own department", async () => {
    expect((await member.get(`/democracy/board?department=${w.otherDepartmentId}`)).statusCode).toBe(404);
    expect((await member.get(`/democracy/board/elections/${otherElectionId}/nominate`)).statusCode).toBe(404);
    expect((await chair.get(`/elections/${electionId}`)).statusCode).toBe(200);
    expect((await chair.get(`/elections/${otherElectionId}`)).statusCode).toBe(404);
    expect((await member.get(`/elections/${electionId}`)).statusCode).toBe(404);
    const seeker = new TestBrowser(app.server);
    await seeker.login("boligsoger@almen.demo");
    expect((await seeker.get("/democracy/board")).statusCode).toBe(404);
    expect((await seeker.get("/democracy/demands")).statusCode).toBe(404);
  });
});

describe("demands on the pages and the API", () => {
  let demandId: string;

  it("starts a demand, counts households, and shows the deadline timer once reached", async () => {
    const page = await resident.get("/democracy/demands");
    expect(page.statusCode).toBe(200);
    // Æblehaven has 10 households: 25% is 2.5, so 3 must sign.
    expect(page.body).toContain("3 af 10 husstande");
    const started = await resident.post("/democracy/demands", {
      departmentId: w.departmentId,
      subject: "Altaner til alle",
      reason: "Vi vil stemme om altaner.",
    });
    expect(started.statusCode).toBe(303);
    const after = await resident.get(location(started));
    expect(after.body).toContain("1 af 3 nødvendige husstande");
    expect(after.body).toContain("Din husstand har skrevet under.");
    demandId =
      /action="\/democracy\/demands\/([^/"]+)\/sign"/.exec(
        (await member.get("/democracy/demands")).body,
      )?.[1] ?? "";
    expect(demandId).not.toBe("");
    expect((await member.post(`/democracy/demands/${demandId}/sign`)).statusCode).toBe(303);
    await chair.get("/democracy/demands");
    const api = await chair.json("POST", `/api/v1/demands/${demandId}/signatures`);
    expect(api.statusCode).toBe(201);
    expect(api.json()).toEqual({ reached: true, signatures: 3, threshold: 3, households: 10 });
    // The meeting must be convened by the end of 15 October (Copenhagen): 22:00 UTC.
    const left = timeLeft(app.clock.now(), new Date("2026-10-15T22:00:00.000Z"));
    expect(left.days).toBe(14);
    const reached = await resident.get("/democracy/demands");
    expect(reached.body).toContain("Nok underskrifter");
    expect(reached.body).toContain(
      `14 dage og ${left.hours} timer tilbage til at indkalde (senest 15. oktober 2026)`,
    );
    expect(reached.body).not.toMatch(untranslated);
    const notice = await officer.get("/boards");
    expect(notice.body).toContain("Et gyldigt krav om ekstraordinært afdelingsmøde");
    expect(notice.body).toContain("Altaner til alle");
  });

  it("refuses a second signature from the API, and shows the demand with its deadline", async () => {
    await resident.get("/democracy/demands");
    const again = await resident.json("POST", `/api/v1/demands/${demandId}/signatures`);
    expect(again.statusCode).toBe(409);
    const one = await resident.json("GET", `/api/v1/demands/${demandId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      state: "reached",
      signatures: 3,
      needed: 3,
      conveneBy: "2026-10-15",
      timeLeft: timeLeft(app.clock.now(), new Date("2026-10-15T22:00:00.000Z")),
      signedByMe: true,
    });
    const list = await resident.json("GET", `/api/v1/demands?departmentId=${w.otherDepartmentId}`);
    expect(list.statusCode).toBe(404);
  });
});

describe("the boards API", () => {
  it("shows a resident their board, with contact details only by consent", async () => {
    await resident.get("/democracy/board");
    const res = await resident.json("GET", `/api/v1/boards/${w.departmentId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { sitting: { name: string; role: string; contact: unknown }[] };
    const chairRow = body.sitting.find((m) => m.role === "chair");
    expect(chairRow).toMatchObject({ name: "Birthe Formand", contact: { email: "formand@almen.demo" } });
    expect((await resident.json("GET", `/api/v1/boards/${w.otherDepartmentId}`)).statusCode).toBe(404);
    expect((await resident.json("GET", `/api/v1/boards/${w.organisationId}`)).statusCode).toBe(200);
    expect((await resident.json("GET", "/api/v1/boards")).statusCode).toBe(404);
  });

  it("lets staff record and end terms, and the chair record the election result", async () => {
    await officer.get("/boards");
    const list = await officer.json("GET", "/api/v1/boards");
    expect(list.statusCode).toBe(200);
    const rec = await officer.json("POST", `/api/v1/boards/${w.departmentId}/members`, {
      personId: w.person("beboer@almen.demo"),
      role: "alternate",
      startDate: "2026-10-01",
    });
    expect(rec.statusCode).toBe(201);
    const alternates = (
      rec.json() as { sitting: { name: string; role: string; alternateRank: number }[] }
    ).sitting.filter((m) => m.role === "alternate");
    expect(alternates.map((a) => a.alternateRank)).toEqual([1, 2]);
    const termId = (alternates[1] as unknown as { termId: string }).termId;
    const resigned = await officer.json("POST", `/api/v1/board-members/${termId}/resignation`, {
      resignedOn: "2026-10-01",
      reason: "Flytter",
    });
    expect(resigned.statusCode).toBe(204);
    const after = await officer.json("GET", `/api/v1/boards/${w.departmentId}`);
    expect(
      (after.json() as { sitting: { role: string }[] }).sitting.filter((m) => m.role === "alternate"),
    ).toHaveLength(1);
    await resident.get("/democracy/board");
    const consent = await put(resident, `/api/v1/me/board-members/${termId}/contact-consent`, {
      consent: true,
    });
    expect(consent.statusCode).toBe(204);
    await member.get("/democracy/board");
    expect(
      (await put(member, `/api/v1/me/board-members/${termId}/contact-consent`, { consent: true })).statusCode,
    ).toBe(404);
    await chair.get("/democracy/board");
    const nominated = await chair.json("POST", `/api/v1/elections/${electionId}/meeting-nominations`, {
      personId: w.person("bestyrelse@almen.demo"),
      consent: true,
    });
    expect(nominated.statusCode).toBe(201);
    const early = await chair.json("POST", `/api/v1/elections/${electionId}/result`, { votes: [] });
    expect(early.statusCode).toBe(400);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json() as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/api/v1/boards",
      "/api/v1/boards/{scopeId}/members",
      "/api/v1/elections/{id}/result",
      "/api/v1/elections/{id}/nominations",
      "/api/v1/demands",
      "/api/v1/demands/{id}/signatures",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
