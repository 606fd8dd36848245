import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { api, browserFor, tokenFor } from "./test-support.ts";

let app: TestApp;
let admin: TestBrowser;
let resident: TestBrowser;
let board: TestBrowser;
let courseUrl: string;

const courseForm = {
  title: "Bestyrelsesarbejde for begyndere",
  summary: "Det vigtigste på to aftener",
  description: "Vi gennemgår budget, dagsorden og referat.\n\nMed kaffe.",
  format: "in_person",
  audience: "democrats",
};

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2026-02-02T09:00:00Z"));
  admin = await browserFor(app, "admin@almen.demo");
  resident = await browserFor(app, "beboer@almen.demo");
  board = await browserFor(app, "bestyrelse@almen.demo");
});
afterAll(async () => {
  await app.close();
});

const sessionIdOn = (body: string) =>
  /action="\/course-sessions\/([^/"]+)\/(?:enrol|cancel)"/.exec(body)?.[1];

describe("the course catalogue", () => {
  it("curators create a course (errors keep what was typed); unpublished it is theirs alone", async () => {
    const form = await admin.get("/courses/new");
    expect(form.statusCode).toBe(200);
    const organisationId = /name="organisationId" value="([^"]+)"/.exec(form.body)![1]!;
    const noOrganisation = await admin.post("/courses", courseForm);
    expect(noOrganisation.statusCode).toBe(400);
    expect(noOrganisation.body).toContain("Vælg en boligorganisation.");
    const bad = await admin.post("/courses", { ...courseForm, organisationId, summary: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv en kort beskrivelse.");
    expect(bad.body).toContain('value="Bestyrelsesarbejde for begyndere"');
    const ok = await admin.post("/courses", { ...courseForm, organisationId });
    expect(ok.statusCode).toBe(303);
    courseUrl = String(ok.headers.location);
    expect((await admin.get("/courses")).body).toContain("Ikke offentliggjort");
    expect((await resident.get(courseUrl)).statusCode).toBe(404);
    expect((await resident.get("/courses")).body).not.toContain("Bestyrelsesarbejde for begyndere");
    expect((await resident.get("/courses/new")).statusCode).toBe(404);

    await admin.get(`${courseUrl}/edit`);
    expect((await admin.post(courseUrl, { ...courseForm, published: "ja" })).statusCode).toBe(303);
    const listed = await resident.get("/courses");
    expect(listed.body).toContain("Bestyrelsesarbejde for begyndere");
    expect(listed.body).toContain("Fremmøde");
  });

  it("a session with one seat: the first enrols, the next waits, a cancellation gives the seat on", async () => {
    const page = await admin.get(courseUrl);
    const bad = await admin.post(`${courseUrl}/sessions`, {
      date: "2026-03-10",
      startTime: "17.00",
      place: "Fælleshuset",
      capacity: "1",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv tidspunktet som TT:MM");
    expect(bad.body).toContain('value="Fælleshuset"');
    expect(page.statusCode).toBe(200);
    const added = await admin.post(`${courseUrl}/sessions`, {
      date: "2026-03-10",
      startTime: "17:00",
      endTime: "20:00",
      place: "Fælleshuset",
      capacity: "1",
    });
    expect(added.statusCode).toBe(303);

    const view = await resident.get(courseUrl);
    expect(view.body).toContain("0 af 1 pladser taget");
    const sessionId = sessionIdOn(view.body)!;
    const enrolled = await resident.post(`/course-sessions/${sessionId}/enrol`);
    expect(enrolled.statusCode).toBe(303);
    expect((await resident.get(courseUrl)).body).toContain("Du er tilmeldt");

    const full = await board.get(courseUrl);
    expect(full.body).toContain("Skriv mig på ventelisten");
    await board.post(`/course-sessions/${sessionId}/enrol`);
    const waiting = await board.get(courseUrl);
    expect(waiting.body).toContain("Holdet er fuldt. Du er skrevet på ventelisten");
    expect(waiting.body).toContain("Du er nr. 1 på ventelisten");

    const again = await board.post(`/course-sessions/${sessionId}/enrol`);
    expect(again.statusCode).toBe(303);
    expect((await board.get(courseUrl)).body).toContain("Du er allerede tilmeldt eller på ventelisten.");

    await resident.get(courseUrl);
    await resident.post(`/course-sessions/${sessionId}/cancel`);
    expect((await board.get(courseUrl)).body).toContain("Du er tilmeldt");

    // The curator's participant list: record the completion.
    const participants = await admin.get(`/course-sessions/${sessionId}`);
    expect(participants.statusCode).toBe(200);
    expect(participants.body).toContain("Ahmed Bestyrelsesmedlem");
    expect(participants.body).not.toContain("Jens Ærø Beboer");
    const userId = /name="user_id" value="([^"]+)"/.exec(participants.body)![1]!;
    const done = await admin.post(`/courses/${courseUrl.split("/").pop()}/completions`, {
      user_id: userId,
      back: sessionId,
    });
    expect(done.headers.location).toBe(`/course-sessions/${sessionId}`);
    expect((await board.get(courseUrl)).body).toContain("Gennemført den");
    expect((await admin.get(courseUrl)).body).toContain("Ahmed Bestyrelsesmedlem, 2. februar 2026 (hold)");
    expect((await resident.get(`/course-sessions/${sessionId}`)).statusCode).toBe(404);
  });

  it("an online module: pages read in order and marked done; all done completes the course", async () => {
    await admin.get(courseUrl);
    for (const [title, body] of [
      ["Hvad er et budget?", "Budgettet er afdelingens plan for året."],
      ["Henlæggelser", "Penge sat til side til vedligehold."],
    ]) {
      expect((await admin.post(`${courseUrl}/pages`, { title: title!, body: body! })).statusCode).toBe(303);
    }
    const bad = await admin.post(`${courseUrl}/pages`, { title: "Tom", body: "" });
    expect(bad.statusCode).toBe(400);

    const course = await resident.get(courseUrl);
    expect(course.body).toContain("Du har læst 0 af 2 sider.");
    const first = /href="(\/courses\/[^"]+\/pages\/[^"]+)"/.exec(course.body)![1]!;
    const page1 = await resident.get(first);
    expect(page1.body).toContain("Side 1 af 2");
    expect(page1.body).toContain("Budgettet er afdelingens plan for året.");
    const next = await resident.post(`${first}/done`);
    expect(String(next.headers.location)).not.toBe(first);
    const page2 = await resident.get(String(next.headers.location));
    expect(page2.body).toContain("Henlæggelser");
    const last = await resident.post(`${next.headers.location}/done`);
    expect(last.headers.location).toBe(courseUrl);
    const finished = await resident.get(courseUrl);
    expect(finished.body).toContain("Du har læst alle sider. Kurset er gennemført!");
    expect(finished.body).toContain("Gennemført den");
  });

  it("the API: catalogue, course, enrolment and its waiting list", async () => {
    const mine = api(app, await tokenFor(app, "formand@almen.demo", ["community.contribute"]));
    const curator = api(
      app,
      await tokenFor(app, "admin@almen.demo", ["community.contribute", "community.curate"]),
    );
    const list = await mine("GET", "/api/v1/courses?format=in_person");
    expect(list.statusCode).toBe(200);
    const id = list.json().items[0].id;
    const course = await mine("GET", `/api/v1/courses/${id}`);
    expect(course.json()).toMatchObject({
      title: "Bestyrelsesarbejde for begyndere",
      pages: [{ done: false }, { done: false }],
    });
    const sessionId = course.json().sessions[0].id;
    const asked = await mine("POST", `/api/v1/course-sessions/${sessionId}/enrolment`);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toEqual({ status: "waiting" });
    expect((await mine("POST", `/api/v1/course-sessions/${sessionId}/enrolment`)).statusCode).toBe(409);
    const people = await curator("GET", `/api/v1/course-sessions/${sessionId}/enrolments`);
    expect(people.json().items.map((p: { name: string; status: string }) => [p.name, p.status])).toEqual([
      ["Ahmed Bestyrelsesmedlem", "enrolled"],
      ["Birthe Formand", "waiting"],
    ]);
    const more = await curator("PUT", `/api/v1/course-sessions/${sessionId}`, {
      date: "2026-03-10",
      startTime: "17:00",
      place: "Fælleshuset",
      capacity: 2,
    });
    expect(more.statusCode).toBe(204);
    expect((await mine("GET", `/api/v1/courses/${id}`)).json().sessions[0]).toMatchObject({
      myStatus: "enrolled",
      enrolled: 2,
    });
    expect((await mine("GET", `/api/v1/course-sessions/${sessionId}/enrolments`)).statusCode).toBe(404);
    expect((await mine("DELETE", `/api/v1/course-sessions/${sessionId}/enrolment`)).statusCode).toBe(204);
    const pageId = course.json().pages[0].id;
    const done = await mine("POST", `/api/v1/courses/${id}/pages/${pageId}/done`);
    expect(done.json()).toEqual({ completed: false });
  });

  it("the community API is in the OpenAPI document", async () => {
    const doc = (await app.server.inject({ url: "/api/openapi.json" })).json();
    for (const path of [
      "/api/v1/me/interests",
      "/api/v1/interest-counts",
      "/api/v1/me/onboarding",
      "/api/v1/onboarding-programmes/{id}/steps",
      "/api/v1/courses/{id}",
      "/api/v1/course-sessions/{id}/enrolment",
      "/api/v1/courses/{id}/pages/{pageId}/done",
      "/api/v1/guides",
      "/api/v1/ideas/{id}/experiences/{departmentId}",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/api/v1/ideas"].post.requestBody).toBeDefined();
  });
});
