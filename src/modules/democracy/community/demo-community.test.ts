import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { seedDemoCommunity } from "../../../seed/demo-community.ts";
import { browserFor } from "./test-support.ts";

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe("the community demo data", () => {
  it("seeds once, and the pages show it to the demo logins", async () => {
    expect(await seedDemoCommunity(app.ctx)).toBe(true);
    expect(await seedDemoCommunity(app.ctx)).toBe(false);
    const member = await browserFor(app, "bestyrelse@almen.demo");
    const onboarding = await member.get("/onboarding");
    expect(onboarding.body).toContain("Velkommen i afdelingsbestyrelsen");
    expect(onboarding.body).toContain("0 af 6 trin klaret");
    const courses = await member.get("/courses");
    expect(courses.body).toContain("Bestyrelsens grundkursus");
    expect(courses.body).toContain("Onlinemodul med 4 sider");
    const ideas = await member.get("/community/ideas?recommended=ja");
    expect(ideas.body).toContain("3 idéer");
    const guides = await member.get("/community/guides?tag=budget");
    expect(guides.body).toContain("2 fundet");
    const chair = await browserFor(app, "formand@almen.demo");
    expect((await chair.get("/onboarding/board")).body).toContain("Ahmed Bestyrelsesmedlem");
    const dept = await app.ctx.db
      .selectFrom("departments")
      .select("id")
      .where("number", "=", 101)
      .executeTakeFirstOrThrow();
    expect((await chair.get(`/get-involved/departments/${dept.id}`)).body).toContain(
      "Jeg vil gerne hjælpe med sommerfesten.",
    );
  });
});
