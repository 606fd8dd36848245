import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  checkPage,
  clickAndCheck,
  completeEnrolment,
  logOut,
  pathOf,
  skipJourneys,
  submitLogin,
  visit,
} from "./browser.ts";
import { byRole } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";

const admin = byRole("org_admin");
const resident = byRole("resident");
const examples = path.join(import.meta.dirname, "..", "docs", "import-examples");

/** A departments file for the demo organisation (number 1), with one bad row when `bad`. */
function departmentsFile(bad: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), "almen-e2e-import-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const header = readFileSync(path.join(examples, "departments.csv"), "utf8").split("\n")[0];
  const rows = [
    "1;103;Kirsebærhaven;0101;Kirsebærvej;8;2400;København NV;1972;ja",
    `1;104;Solsikken;0101;Solvej;${bad ? "0" : "3"};2400;København NV;1980;nej`,
  ];
  const file = path.join(dir, "afdelinger.csv");
  writeFileSync(file, [header, ...rows, ""].join("\n"));
  return file;
}

describe.skipIf(skipJourneys)("journey: master data in one place", () => {
  const suite = useSuite();

  it("imports a file after fixing its bad row, finds a unit by address, edits the rent and sees the history", () =>
    journey(suite, {}, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      await visit(j, url, "/login");
      await submitLogin(j, admin.email);
      await completeEnrolment(j);

      // Upload a file with one bad row: the report lists it, nothing is imported.
      await visit(j, url, "/masterdata/import");
      await page.getByLabel("Hvad indeholder filen?").selectOption("departments");
      await page.getByLabel("CSV-fil").setInputFiles(departmentsFile(true));
      const refused = await clickAndCheck(j, () =>
        page.getByRole("button", { name: "Kontrollér og importér" }).click(),
      );
      expect(refused?.status()).toBe(400);
      const report = page.locator("#import-report");
      expect(await report.textContent()).toContain("Filen blev ikke importeret: 1 fejl i 2 rækker");
      expect(await report.locator("tbody tr").first().textContent()).toMatch(
        /^3house_numberHusnummeret skal være/,
      );
      await visit(j, url, "/masterdata/departments?q=Kirsebær");
      expect(await page.locator("main").textContent()).toContain("0 fundet");

      // Fix it and import again.
      await visit(j, url, "/masterdata/import");
      await page.getByLabel("Hvad indeholder filen?").selectOption("departments");
      await page.getByLabel("CSV-fil").setInputFiles(departmentsFile(false));
      await clickAndCheck(j, () => page.getByRole("button", { name: "Kontrollér og importér" }).click());
      expect(await page.locator("#import-report").textContent()).toContain("2 oprettet");

      // Find a unit by typing part of its address.
      await visit(j, url, "/masterdata");
      await page.getByLabel("Find lejemål").fill("rosenvænget 3, 1.");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Søg", exact: true }).click());
      expect(pathOf(page)).toBe("/masterdata/units");
      const first = page.locator("main table tbody tr a").first();
      const unitNumber = await first.textContent();
      await clickAndCheck(j, () => first.click());
      expect(await page.locator("h1").textContent()).toBe(`Lejemål ${unitNumber}`);

      // Edit the rent; bad input first.
      await clickAndCheck(j, () => page.getByRole("link", { name: "Ret", exact: true }).click());
      const rent = page.getByLabel("Husleje pr. måned (kr.)");
      await rent.fill("mange penge");
      const bad = await clickAndCheck(j, () => page.getByRole("button", { name: "Gem" }).click());
      expect(bad?.status()).toBe(400);
      expect(await page.getByRole("alert").textContent()).toContain("Skriv et beløb i kroner");
      expect(await rent.inputValue()).toBe("mange penge");
      await rent.fill("7.654,25");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Gem" }).click());
      expect(await page.locator("#unit-rent").textContent()).toMatch(/7\.654,25/);
      const history = await page.locator("#history").locator("..").textContent();
      expect(history).toContain(admin.email);
      expect(history).toContain("765425");
      await logOut(j, url);
    }));

  it("lets a resident edit their phone number", () =>
    journey(suite, { viewport: { width: 360, height: 740 } }, async (j) => {
      const { page } = j;
      const { url } = suite.server;
      await visit(j, url, "/login");
      await submitLogin(j, resident.email);
      await visit(j, url, "/account/contact");
      await page.getByLabel("Telefon").fill("12");
      const bad = await clickAndCheck(j, () => page.getByRole("button", { name: "Gem" }).click());
      expect(bad?.status()).toBe(400);
      await page.getByLabel("Telefon").fill("+45 20 30 40 50");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Gem" }).click());
      expect(await page.getByLabel("Telefon").inputValue()).toBe("+45 20 30 40 50");
      expect(await page.getByRole("status").first().textContent()).toContain("Ændringerne er gemt.");
      await checkPage(j);
    }));
});
