import { describe, expect, it } from "vitest";
import { completeEnrolment, logOut, pathOf, skipJourneys, submitLogin, visit } from "./browser.ts";
import { demoLogins, staffRoles } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";

const streets = /(Rosenvænget|Bøgealléen|Åboulevarden|Søndergade|Kærvej|Fælledvej) \d+/;

describe.skipIf(skipJourneys)("journey 1: every demo role logs in and out (360 px phone)", () => {
  const suite = useSuite();

  it("greets each of the 9 roles on /home and logs out", () =>
    journey(suite, { viewport: { width: 360, height: 740 } }, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      await visit(j, url, "/");
      for (const login of demoLogins) {
        await visit(j, url, "/login");
        await submitLogin(j, login.email);
        if (staffRoles.has(login.role)) await completeEnrolment(j);
        expect(pathOf(page), login.role).toBe("/home");
        expect(await page.locator("h1").textContent(), login.role).toBe(`Hej ${login.name}`);
        expect(await page.locator("header .user").textContent()).toBe(login.name);
        if (login.role === "resident") {
          const home = page.getByRole("region", { name: "Min bolig" });
          expect(await home.count()).toBe(1);
          expect(await home.locator("h3").first().textContent()).toMatch(streets);
        }
        await logOut(j, url);
      }
    }));
});
