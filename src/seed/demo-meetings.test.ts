import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../test/helpers.ts";
import { searchDecisions } from "../modules/democracy/meetings/index.ts";
import { seedDemoMeetings } from "./demo-meetings.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe("the demo meetings", () => {
  it("walk last year's meeting to published minutes and convene this year's, once", async () => {
    expect(await seedDemoMeetings(app.ctx)).toBe(true);
    expect(await seedDemoMeetings(app.ctx)).toBe(false);
    const meetings = await app.ctx.db
      .selectFrom("meetings")
      .select(["id", "stage", "department_id"])
      .orderBy("starts_at")
      .execute();
    expect(meetings.map((m) => m.stage)).toEqual(["published", "proposals_open"]);
    const register = await searchDecisions(app.ctx.db, {
      departmentId: meetings[0]!.department_id,
      q: "hønsehus",
      page: 1,
      pageSize: 10,
    });
    expect(register.rows.map((d) => d.outcome)).toEqual(["adopted"]);
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    const page = await resident.get("/democracy");
    expect(page.body).toContain(`/democracy/meetings/${meetings[1]!.id}`);
    expect(page.body).toContain(`/democracy/meetings/${meetings[0]!.id}`);
  });
});
