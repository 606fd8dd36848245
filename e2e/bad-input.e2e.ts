import { describe, expect, it } from "vitest";
import { clickAndCheck, skipJourneys, visit } from "./browser.ts";
import { journey, useSuite } from "./harness.ts";

describe.skipIf(skipJourneys)("journey 5: forms with bad input (360 px phone)", () => {
  const suite = useSuite();

  it("shows the error summary, keeps what was typed and stays accessible", () =>
    journey(suite, { viewport: { width: 360, height: 740 } }, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      const summary = page.getByRole("alert");
      const logIn = () => page.getByRole("button", { name: "Log ind", exact: true }).click();

      // The login form, submitted empty.
      await visit(j, url, "/login");
      const empty = await clickAndCheck(j, logIn);
      expect(empty?.status()).toBe(400);
      expect(await summary.count()).toBe(1);
      expect(await summary.getByRole("heading", { name: "Der er fejl i formularen" }).count()).toBe(1);
      expect(await summary.textContent()).toContain("Skriv din e-mail.");
      expect(await summary.textContent()).toContain("Skriv din adgangskode.");
      expect(await page.locator("#email").getAttribute("aria-invalid")).toBe("true");

      // With only the e-mail: the e-mail is kept, the other error stays.
      await page.locator("#email").fill("beboer@almen.demo");
      const noPassword = await clickAndCheck(j, logIn);
      expect(noPassword?.status()).toBe(400);
      expect(await page.locator("#email").inputValue()).toBe("beboer@almen.demo");
      expect(await summary.textContent()).toContain("Skriv din adgangskode.");
      expect(await summary.textContent()).not.toContain("Skriv din e-mail.");

      // The error summary links to the field.
      await summary.getByRole("link", { name: /Skriv din adgangskode/ }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("password");

      // The forgot-password form with an address that is not one.
      await visit(j, url, "/password/forgot");
      await page.getByLabel("E-mail").fill("not-an-email");
      const invalid = await clickAndCheck(j, () => page.getByRole("button", { name: "Send link" }).click());
      expect(invalid?.status()).toBe(400);
      expect(await summary.getByRole("heading", { name: "Der er fejl i formularen" }).count()).toBe(1);
      expect(await summary.textContent()).toContain("Skriv en gyldig e-mail");
      expect(await page.locator("#email").inputValue()).toBe("not-an-email");
      expect(await page.locator("#email-error").textContent()).toContain("Skriv en gyldig e-mail");
    }));
});
