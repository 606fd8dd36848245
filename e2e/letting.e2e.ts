import { describe, expect, it } from "vitest";
import {
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

const seeker = byRole("housing_seeker");
const officer = byRole("letting_officer");
/** Demo unit 101-0011: a 3-room family home in Æblehaven, vacant, 7.550 kr. a month. */
const unitNumber = "101-0011";
const homeHeading = "Rosenvænget 5, 2. tv";

/** Today in Copenhagen (the server's "today") as YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" }).format(new Date());

describe.skipIf(skipJourneys)("journey: a housing seeker signs up, is offered a home and moves in", () => {
  const suite = useSuite();

  it("sign-up, fee paid, vacancy, offer round, acceptance, close and lease, the new home on /home", async () => {
    await journey(suite, {}, async (s) => {
      const { url } = suite.server;
      const page = s.page;

      // The seeker (no person record yet) signs up for Æblehaven on the external list.
      await visit(s, url, "/login");
      await submitLogin(s, seeker.email);
      expect(pathOf(page)).toBe("/home");
      await visit(s, url, "/waiting-lists");
      expect(await page.locator("main").textContent()).toContain("Du står ikke på nogen venteliste endnu.");
      await clickAndCheck(s, () => page.locator("main").getByRole("link", { name: "Skriv dig op" }).click());
      expect(pathOf(page)).toBe("/waiting-lists/sign-up");
      const organisation = page.getByLabel("Boligorganisation", { exact: true });
      if ((await page.getByRole("button", { name: "Skriv mig op" }).count()) === 0) {
        await organisation.selectOption({ index: 1 });
        await clickAndCheck(s, () => page.getByRole("button", { name: "Vis afdelinger" }).click());
      }
      await page.getByRole("radio", { name: "Ekstern venteliste" }).check();
      await page.getByRole("checkbox", { name: "101 Æblehaven" }).check();
      await page.getByLabel("Fødselsdato", { exact: true }).fill("1990-05-17");
      await page.getByLabel("Mindst antal værelser", { exact: true }).fill("2");
      await page.getByLabel("Højst antal værelser", { exact: true }).fill("4");
      await page.getByLabel("Højeste husleje pr. måned (kr.)", { exact: true }).fill("9000");
      await page.getByRole("checkbox", { name: "Familiebolig" }).check();
      await page.getByLabel("Antal personer i husstanden", { exact: true }).fill("3");
      await page.getByRole("checkbox", { name: "Der er børn i husstanden" }).check();
      await clickAndCheck(s, () => page.getByRole("button", { name: "Skriv mig op" }).click());
      expect(pathOf(page)).toBe("/waiting-lists");
      expect(await page.getByRole("status").first().textContent()).toContain("Du er skrevet op.");
      const lists = await page.locator("main").textContent();
      expect(lists).toContain("Æblehaven");
      expect(lists).toContain("Ikke betalt endnu");

      await journey(suite, {}, async (o) => {
        const staff = o.page;
        await visit(o, url, "/login");
        await submitLogin(o, officer.email);
        await completeEnrolment(o);

        // The sign-up fee is paid at the office: staff register it against the seeker's charge.
        await visit(o, url, "/letting/fees");
        const charge = staff.locator("#charge_id option").filter({ hasText: seeker.name });
        expect(await charge.count()).toBe(1);
        const chargeLabel = (await charge.textContent()) ?? "";
        const amount = chargeLabel.match(/\d{1,3}(?:\.\d{3})*,\d{2}/)?.[0];
        expect(amount, `an amount in "${chargeLabel}"`).toBeDefined();
        await staff.getByLabel("Opkrævning", { exact: true }).selectOption({ label: chargeLabel });
        await staff.getByLabel("Beløb i kr.", { exact: true }).fill(amount!);
        await staff.getByLabel("Betalt den", { exact: true }).fill(today());
        await clickAndCheck(o, () => staff.getByRole("button", { name: "Registrér betaling" }).click());
        expect(pathOf(staff)).toBe("/letting/fees");
        expect(await staff.getByRole("status").first().textContent()).toContain("Betalingen er registreret.");
        expect(await staff.locator("#charge_id option").filter({ hasText: seeker.name }).count()).toBe(0);

        // A vacancy for the family home 101-0011, free from today (so the lease is current at once: /home
        // shows tenancies covering today), at its current rent.
        await visit(o, url, "/letting/vacancies");
        await clickAndCheck(o, () => staff.getByRole("link", { name: "Opret ledig bolig" }).click());
        expect(pathOf(staff)).toBe("/letting/vacancies/new");
        const unitLabel = await staff
          .locator("#unit_id option")
          .filter({ hasText: new RegExp(`^${unitNumber} – `) })
          .textContent();
        await staff.getByLabel("Bolig", { exact: true }).selectOption({ label: unitLabel! });
        await staff.getByLabel("Ledig fra (ÅÅÅÅ-MM-DD)", { exact: true }).fill(today());
        await clickAndCheck(o, () =>
          staff.locator("main").getByRole("button", { name: "Opret ledig bolig" }).click(),
        );
        expect(pathOf(staff)).toMatch(/^\/letting\/vacancies\/[0-9a-f-]+$/);
        const vacancyPath = pathOf(staff);
        expect(await staff.getByRole("status").first().textContent()).toContain(
          "Den ledige bolig er oprettet.",
        );
        const address = (await staff.locator("h1").textContent())!.trim();
        expect(address.startsWith(homeHeading)).toBe(true);
        expect(await staff.locator("main").textContent()).toContain("Klar til tilbud");

        // The round: no letting history, yet a list round (not the municipality's turn); the seeker alone.
        await clickAndCheck(o, () => staff.getByRole("button", { name: "Start tilbudsrunde" }).click());
        expect(pathOf(staff)).toBe(vacancyPath);
        expect(await staff.getByRole("status").first().textContent()).toContain(
          "Boligen er tilbudt 1 ansøger.",
        );
        const ranked = staff.locator("main table").first().locator("tbody tr");
        expect(await ranked.count()).toBe(1);
        expect(await ranked.first().textContent()).toContain(seeker.name);
        expect(await ranked.first().textContent()).toContain("Sendt");

        // Closing now is refused: the offer can still be answered before its deadline.
        await clickAndCheck(o, () => staff.getByRole("button", { name: "Afslut runden og udlej" }).click());
        expect(pathOf(staff)).toBe(vacancyPath);
        expect(await staff.getByRole("status").first().textContent()).toContain(
          "Der kan stadig komme svar: vent til fristen er udløbet.",
        );
        expect(await staff.locator("main").textContent()).toContain("Tilbudt");

        // The seeker finds the offer and says yes.
        await visit(s, url, "/offers");
        await clickAndCheck(s, () => page.locator("main").getByRole("link", { name: address }).click());
        expect(pathOf(page)).toMatch(/^\/offers\/[0-9a-f-]+$/);
        expect(await page.locator("h1").textContent()).toBe(address);
        expect(await page.locator("main").textContent()).toContain("Du er nr. 1 i rækkefølgen.");
        await clickAndCheck(s, () => page.getByRole("button", { name: "Ja tak" }).click());
        expect(await page.getByRole("status").first().textContent()).toContain("Tak for dit svar.");
        expect(await page.locator("main").textContent()).toContain("Sagt ja");

        // Every answer is in: staff close the round, and the home is let to the seeker.
        await visit(o, url, vacancyPath);
        expect(await ranked.first().textContent()).toContain("Sagt ja");
        await clickAndCheck(o, () => staff.getByRole("button", { name: "Afslut runden og udlej" }).click());
        expect(await staff.getByRole("status").first().textContent()).toContain("Boligen er udlejet.");
        expect(await staff.locator("main").textContent()).toContain("Udlejet");
        expect(await ranked.first().textContent()).toContain("Fik boligen");
        await logOut(o, url);
      });

      // The offer tells the seeker they got the home.
      await page.reload();
      expect(await page.locator("main").textContent()).toContain("Fik boligen");

      // A new login carries the resident role: /home shows the new home.
      await logOut(s, url);
      await visit(s, url, "/login");
      await submitLogin(s, seeker.email);
      expect(pathOf(page)).toBe("/home");
      const home = page.locator('section[aria-labelledby="home-resident"]');
      expect(await home.locator("h2").textContent()).toBe("Min bolig");
      expect(await home.locator("h3").allTextContents()).toEqual([homeHeading]);
      expect(await home.textContent()).toContain("101 Æblehaven");
      expect(await home.textContent()).toContain(`Nr. ${unitNumber}`);
      await logOut(s, url);
    });
  });
});
