import { describe, expect, it } from "vitest";
import { clickAndCheck, logOut, pathOf, skipJourneys, submitLogin, visit } from "./browser.ts";
import { byRole } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";
import { waitForMail } from "./server.ts";

const resident = byRole("resident");
const newPassword = "Ny-og-lang-adgangskode-42";

describe.skipIf(skipJourneys)("journey 3: password reset by e-mail link", () => {
  const suite = useSuite();

  it("mails a one-time link, sets a new password and logs in with it", () =>
    journey(suite, {}, async (j) => {
      const { page } = j;
      const { url, dataDir } = suite.server;
      const save = () => page.getByRole("button", { name: "Gem ny adgangskode" }).click();

      await visit(j, url, "/login");
      await clickAndCheck(j, () => page.getByRole("link", { name: "Glemt adgangskode?" }).click());
      expect(pathOf(page)).toBe("/password/forgot");
      await page.getByLabel("E-mail").fill(resident.email);
      await clickAndCheck(j, () => page.getByRole("button", { name: "Send link" }).click());
      expect(await page.getByRole("status").textContent()).toContain("Hvis e-mailen har en konto");

      const mail = await waitForMail(dataDir, resident.email);
      expect(mail.subject).toBe("Vælg en ny adgangskode til almen");
      const link = new RegExp(`${url}/password/reset/\\S+`).exec(mail.text)?.[0];
      expect(link, mail.text).toBeDefined();

      const opened = await visit(j, url, link!);
      expect(opened.status()).toBe(200);
      expect(await page.locator("h1").textContent()).toBe("Vælg ny adgangskode");

      // Too short: refused with the error summary.
      await page.getByLabel("Ny adgangskode", { exact: true }).fill("kort");
      await page.getByLabel("Gentag ny adgangskode").fill("kort");
      const short = await clickAndCheck(j, save);
      expect(short?.status()).toBe(400);
      expect(await page.getByRole("alert").textContent()).toContain("mindst 12 tegn");

      await page.getByLabel("Ny adgangskode", { exact: true }).fill(newPassword);
      await page.getByLabel("Gentag ny adgangskode").fill(newPassword);
      await clickAndCheck(j, save);
      expect(pathOf(page)).toBe("/login");
      expect(await page.getByRole("status").textContent()).toContain("Din adgangskode er ændret");

      // The old password no longer works; the new one does.
      const old = await submitLogin(j, resident.email);
      expect(old?.status()).toBe(400);
      expect(await page.getByRole("alert").textContent()).toContain("E-mail eller adgangskode er forkert");
      await submitLogin(j, resident.email, newPassword);
      expect(pathOf(page)).toBe("/home");
      expect(await page.locator("h1").textContent()).toBe(`Hej ${resident.name}`);
      await logOut(j, url);

      // The link works once: the second time it is the invalid-link page.
      const again = await visit(j, url, link!);
      expect(again.status()).toBe(404);
      expect(await page.locator("main").textContent()).toContain(
        "Linket er ugyldigt, allerede brugt eller udløbet",
      );
      expect(await page.locator("input[type=password]").count()).toBe(0);
    }));
});
