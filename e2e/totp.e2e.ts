import { describe, expect, it } from "vitest";
import {
  checkPage,
  clickAndCheck,
  completeEnrolment,
  logOut,
  pathOf,
  skipJourneys,
  submitLogin,
  totpCode,
  visit,
} from "./browser.ts";
import { byRole } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";

const staff = byRole("operations_manager");

describe.skipIf(skipJourneys)("journey 2: a staff member enrols TOTP and logs in with a code", () => {
  const suite = useSuite();

  it("enrols, sees recovery codes, logs out and back in with TOTP, then with a recovery code", () =>
    journey(suite, {}, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      const code = page.getByLabel("Kode", { exact: true });
      const confirm = () => page.getByRole("button", { name: "Bekræft", exact: true }).click();

      // First login: the password is accepted, then enrolment (scan step: the secret) is required.
      await visit(j, url, "/login");
      await submitLogin(j, staff.email);
      expect(pathOf(page)).toBe("/login/enrol");
      expect(await page.locator("h1").textContent()).toBe("Opsæt totrinsbekræftelse");
      expect(await page.getByRole("img", { name: "QR-kode til godkendelses-appen" }).count()).toBe(1);

      // A wrong code is refused on the same page, with the error summary.
      await code.fill("000000");
      const refused = await clickAndCheck(j, () =>
        page.getByRole("button", { name: "Bekræft og fortsæt" }).click(),
      );
      expect(refused?.status()).toBe(400);
      expect(await page.getByRole("alert").textContent()).toContain("Koden er forkert eller udløbet");

      const { secret, recoveryCodes } = await completeEnrolment(j);
      expect(await page.locator("h1").textContent()).toBe(`Hej ${staff.name}`);
      await logOut(j, url);

      // Second login: the second-factor page, with a code from the authenticator.
      await submitLogin(j, staff.email);
      expect(pathOf(page)).toBe("/login/second-factor");
      expect(await page.locator("h1").textContent()).toBe("Bekræft din identitet");
      // The next time step's code (accepted within the ±30 s window) is not the one used to enrol.
      await code.fill(await totpCode(secret, 30));
      await clickAndCheck(j, confirm);
      expect(pathOf(page)).toBe("/home");
      expect(await page.locator("h1").textContent()).toBe(`Hej ${staff.name}`);
      await logOut(j, url);

      // Third login: a recovery code works, once.
      await submitLogin(j, staff.email);
      expect(pathOf(page)).toBe("/login/second-factor");
      await code.fill(recoveryCodes[0]!);
      await clickAndCheck(j, confirm);
      expect(pathOf(page)).toBe("/home");
      await logOut(j, url);

      await submitLogin(j, staff.email);
      await code.fill(recoveryCodes[0]!);
      const reused = await clickAndCheck(j, confirm);
      expect(reused?.status()).toBe(400);
      expect(pathOf(page)).toBe("/login/second-factor");
      expect(await page.getByRole("alert").textContent()).toContain("Koden er forkert eller udløbet");
      await checkPage(j);
    }));
});
