import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "../../../../test/browser.ts";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { endOfDay, startOfDay } from "../meetings/deadlines.ts";
import { demoDepartments, testActor } from "./test-fixtures.ts";
import { voteTime } from "./vote-time.ts";
import { createVote } from "./votes.service.ts";

/** A ballot that closes at the end of a day shows that day, "kl. 24.00", never the next day "00.00". */

const da = (iso: string, edge: "opens" | "closes") => voteTime(translator("da"), "da", iso, edge);
const en = (iso: string, edge: "opens" | "closes") => voteTime(translator("en"), "en", iso, edge);

describe("a vote's opening and closing, as a reader says them", () => {
  it("shows a closing at midnight as the end of the day before, in winter and summer time", () => {
    expect(da(endOfDay("2026-12-03").toISOString(), "closes")).toBe("3. december 2026 kl. 24.00");
    expect(en(endOfDay("2026-12-03").toISOString(), "closes")).toBe("3 December 2026, end of day");
    expect(da(endOfDay("2027-04-06").toISOString(), "closes")).toBe("6. april 2027 kl. 24.00");
    // The night summer time starts (28 March 2027): the day still ends at midnight.
    expect(da(endOfDay("2027-03-27").toISOString(), "closes")).toBe("27. marts 2027 kl. 24.00");
  });

  it("shows any other instant as its Copenhagen date and time, and an opening at midnight as 00.00", () => {
    expect(da("2026-12-09T19:00:00.000Z", "closes")).toBe("9. december 2026 kl. 20.00");
    expect(en("2027-04-06T17:30:00.000Z", "closes")).toBe("6 April 2027, 19:30");
    expect(da(startOfDay("2027-03-31").toISOString(), "opens")).toBe("31. marts 2027 kl. 00.00");
  });
});

describe("the pages", () => {
  let app: TestApp;
  let voteId: string;

  beforeAll(async () => {
    app = await buildTestApp();
    app.clock.set(new Date("2026-11-25T09:00:00.000Z"));
    const { d101 } = await demoDepartments(app);
    ({ id: voteId } = await createVote(app.ctx, testActor, {
      departmentId: d101,
      title: "Ladestandere",
      question: "Skal afdelingen sætte ladestandere op?",
      kind: "ballot",
      opensAt: startOfDay("2026-11-27").toISOString(),
      closesAt: endOfDay("2026-12-03").toISOString(),
    }));
  });
  afterAll(async () => {
    await app.close();
  });

  it("show the closing day itself to residents and staff, in Danish and English", async () => {
    const resident = new TestBrowser(app.server);
    await resident.login("beboer@almen.demo");
    const staff = new TestBrowser(app.server);
    await staff.login("driftschef@almen.demo");
    const pages = [
      await resident.get(`/votes/${voteId}`),
      await staff.get("/votes/manage"),
      await staff.get(`/votes/manage/${voteId}`),
    ];
    // Once open, the residents' list says when it closes.
    app.clock.set(new Date("2026-11-28T09:00:00.000Z"));
    await resident.login("beboer@almen.demo"); // sessions end after days away
    pages.push(await resident.get("/votes"));
    expect(pages[3]!.body).toContain("Lukker 3. december 2026 kl. 24.00");
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("3. december 2026 kl. 24.00");
      expect(page.body).not.toMatch(/04\.12\.2026|4\. december 2026/);
    }
    expect(pages[0]!.body).toContain("Du kan stemme fra da og til den lukker 3. december 2026 kl. 24.00.");
    await app.ctx.db
      .updateTable("users")
      .set({ language: "en" })
      .where("email", "=", "beboer@almen.demo")
      .execute();
    const english = await resident.get(`/votes/${voteId}`);
    expect(english.body).toContain("3 December 2026, end of day");
  });
});
