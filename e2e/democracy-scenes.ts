import { expect } from "vitest";
import { clickAndCheck, type Journey, pathOf, tableRecords, visit } from "./browser.ts";
import { byRole } from "./demo.ts";
import { errorSummary, flash, mainText, screenshot, textOf } from "./democracy-support.ts";

/** The democracy journey's cast, meeting and calendar, and its two longest scenes. */

export const people = {
  chair: byRole("board_chair"),
  resident: byRole("resident"),
  staff: byRole("operations_manager"),
  member: byRole("board_member"),
};

export const department = "101 Æblehaven";
export const title = "Afdelingsmøde forår 2027";
export const proposal = {
  title: "Cykelskur ved Rosenvænget 5",
  body: "Vi foreslår et overdækket cykelskur til 30 cykler ved gavlen af Rosenvænget 5.\n\nPris ca. 180.000 kr. fra henlæggelserne.",
};

/**
 * The phases, each a restart of almen on the same data with the clock at the given instant. The
 * meeting is Tuesday 30 March 2027 at 19:00, two days after summer time starts: convened in winter
 * time, held in summer time, and 19:00 must stay 19:00 on every page.
 */
export const at = {
  convening: "2027-02-22T09:00:00Z", // Monday 10:00, five weeks and a day before the meeting
  afterDeadline: "2027-03-17T09:00:00Z", // the day after the proposal deadline (16 March)
  meetingDay: "2027-03-30T16:30:00Z", // 18:30 summer time, half an hour before the meeting
  ballotOpen: "2027-04-01T08:00:00Z", // the ballot runs 31 March – 6 April
  ballotClosed: "2027-04-07T08:00:00Z",
};
export const meetingDate = "2027-03-30";
export const ballot = { opens: "2027-03-31", closes: "2027-04-06" };

/**
 * Day 0, as the board chair: plans the meeting (a date too early first), adds the condensed
 * budget and accounts, convenes it and opens it for proposals. Returns the staff page's path and
 * the number of notice letters.
 */
export async function planAndConvene(j: Journey): Promise<{ meetingPath: string; letters: number }> {
  const { page } = j;
  await clickAndCheck(j, () =>
    page.locator("nav").getByRole("link", { name: "Afdelingsmøder", exact: true }).click(),
  );
  expect(pathOf(page)).toBe("/meetings");
  await clickAndCheck(j, () => page.getByRole("link", { name: "Planlæg et møde" }).click());
  expect(await mainText(page)).toContain(
    "Et ordinært møde kan tidligst holdes den 22. marts 2027, hvis det indkaldes i dag.",
  );
  const plan = async (date: string) => {
    await page.getByLabel("Afdeling", { exact: true }).selectOption({ label: department });
    await page.getByRole("radio", { name: "Ordinært afdelingsmøde", exact: true }).check();
    await page.getByLabel("Overskrift", { exact: true }).fill(title);
    await page.getByLabel("Dato", { exact: true }).fill(date);
    await page.getByLabel("Klokkeslæt", { exact: true }).fill("19:00");
    await page.getByLabel("Sted", { exact: true }).fill("Fælleshuset, Rosenvænget 3");
    return clickAndCheck(j, () => page.getByRole("button", { name: "Planlæg et møde" }).click());
  };
  // Three weeks ahead is too early for an ordinary meeting: refused with the first allowed date.
  expect((await plan("2027-03-15"))?.status()).toBe(400);
  expect(await errorSummary(page)).toContain(
    "Mødet den 15. marts 2027 ligger for tidligt: et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel",
  );
  expect(await errorSummary(page)).toContain("Første mulige mødedato er den 22. marts 2027.");
  await plan(meetingDate);
  expect(pathOf(page)).toMatch(/^\/meetings\/[^/]+$/);
  const meetingPath = pathOf(page);
  expect(await flash(page)).toBe("Mødet er planlagt.");
  const facts = await mainText(page);
  expect(facts).toContain("30.03.2027, 19.00");
  expect(facts).toContain(
    "Indkaldelsen skal ud senest den 2. marts 2027, fordi et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel før mødet den 30. marts 2027.",
  );
  expect(facts).toContain("Valg af dirigent");

  await page
    .getByLabel("Budget (kort)", { exact: true })
    .fill("Husleje og andre indtægter; 4.310.000,00\nVedligeholdelse og fornyelse; -640.000,00");
  await page
    .getByLabel("Regnskab (kort)", { exact: true })
    .fill("Indtægter; 4.182.000,00\nUdgifter; -4.169.500,00");
  await clickAndCheck(j, () => page.getByRole("button", { name: "Gem budget og regnskab" }).click());
  expect(await flash(page)).toBe("Gemt.");

  await clickAndCheck(j, () =>
    page.getByRole("button", { name: "Indkald mødet (sender brev til alle husstande)" }).click(),
  );
  const convened = await flash(page);
  const letters = Number(convened.match(/(\d+) breve er lagt i udbakken/)?.[1]);
  expect(letters, convened).toBeGreaterThan(0);
  await clickAndCheck(j, () => page.getByRole("button", { name: "Åbn for forslag" }).click());
  expect(await flash(page)).toBe("Der er åbnet for forslag.");
  expect(await mainText(page)).toContain("Trin Åben for forslag");
  return { meetingPath, letters };
}

/**
 * The meeting day, as the chair of the meeting (on a phone at the door): takes the chair, checks
 * that every household on the check-in list got the notice, checks three households in, records
 * the budget vote and sends the proposal to a ballot, and closes the meeting.
 */
export async function holdMeeting(
  j: Journey,
  url: string,
  meetingPath: string,
  noticeRecipients: string[],
): Promise<void> {
  const present = [people.resident.name, people.chair.name, people.member.name];
  const { page } = j;
  await visit(j, url, meetingPath);
  await clickAndCheck(j, () =>
    page.getByRole("link", { name: "Afhold mødet: check-in og afstemninger" }).click(),
  );
  expect(pathOf(page)).toBe(`${meetingPath}/run`);
  await clickAndCheck(j, () => page.getByRole("button", { name: "Jeg er mødets dirigent" }).click());
  expect(await flash(page)).toBe("Du er nu mødets dirigent.");

  // Every household on the check-in list got the notice (a lease holder of it is a recipient).
  const households = await tableRecords(
    page.getByRole("region", { name: "Afdelingens husstande" }).locator("table"),
  );
  expect(households.length).toBeGreaterThan(0);
  for (const h of households) {
    const members = h.Deltagere ?? "";
    expect(
      noticeRecipients.some((name) => members.includes(name)),
      `a notice to ${h.Adresse}`,
    ).toBe(true);
  }
  for (const [n, name] of present.entries()) {
    await clickAndCheck(j, () =>
      page.getByRole("button", { name: `Tjek ind: ${name}`, exact: true }).click(),
    );
    expect(await flash(page)).toBe(`Husstande tjekket ind: ${n + 1}. Personer tjekket ind: ${n + 1}.`);
  }
  // On the phone the check-in table fits its scroll box: each household stacks, nothing is cut off.
  const fit = await page
    .getByRole("region", { name: "Afdelingens husstande" })
    .evaluate((wrap) => ({ box: wrap.clientWidth, table: wrap.querySelector("table")!.scrollWidth }));
  expect(fit.table, "the check-in table's width at 360 px").toBeLessThanOrEqual(fit.box);
  await page.locator("#check-in-heading").evaluate((h) => h.scrollIntoView());
  await screenshot(page, "4a-meeting-chair-check-in");
  await screenshot(
    page,
    "4a-meeting-check-in-table",
    page
      .getByRole("region", { name: "Afdelingens husstande" })
      .locator("tbody tr")
      .filter({ hasText: "Til stede" })
      .first(),
  );
  const facts = await mainText(page);
  expect(facts).toContain("Husstande tjekket ind 3");
  expect(facts).toContain("Højst antal stemmer (2 pr. husstand) 6");

  // The budget: a show of votes, adopted by simple majority.
  await clickAndCheck(j, () =>
    page.getByRole("link", { name: "Registrér afstemning: Godkendelse af budget" }).click(),
  );
  await page.getByLabel("Stemmer for", { exact: true }).fill("5");
  await page.getByLabel("Stemmer imod", { exact: true }).fill("1");
  await page.getByLabel("Blanke stemmer", { exact: true }).fill("0");
  await clickAndCheck(j, () => page.getByRole("button", { name: "Gem afstemningen" }).click());
  expect(await flash(page)).toBe("Afstemningen er gemt: vedtaget.");

  // The proposal: the meeting sends it to a ballot of all households.
  await clickAndCheck(j, () =>
    page.getByRole("link", { name: `Registrér afstemning: ${proposal.title}` }).click(),
  );
  await page.getByLabel("Stemmer for", { exact: true }).fill("7");
  await page.getByLabel("Stemmer imod", { exact: true }).fill("0");
  await page
    .getByRole("radio", { name: "Mødet besluttede at sende punktet til urafstemning", exact: true })
    .check();
  await page.getByLabel("Urafstemningen åbner (dato)", { exact: true }).fill(ballot.opens);
  await page.getByLabel("Urafstemningen lukker (dato)", { exact: true }).fill(ballot.closes);
  // More votes than 2 per household checked in: refused, and nothing typed is lost.
  const tooMany = await clickAndCheck(j, () =>
    page.getByRole("button", { name: "Gem afstemningen" }).click(),
  );
  expect(tooMany?.status()).toBe(400);
  expect(await errorSummary(page)).toContain(
    "Der er afgivet 7 stemmer, men 3 husstande er tjekket ind, og hver har 2 stemmer: højst 6.",
  );
  expect(await page.getByLabel("Urafstemningen lukker (dato)", { exact: true }).inputValue()).toBe(
    ballot.closes,
  );
  await page.getByLabel("Stemmer for", { exact: true }).fill("5");
  await page.getByLabel("Stemmer imod", { exact: true }).fill("1");
  await clickAndCheck(j, () => page.getByRole("button", { name: "Gem afstemningen" }).click());
  expect(await flash(page)).toBe("Afstemningen er gemt: punktet sendes til urafstemning.");
  const items = await textOf(page.locator("#items-heading + ol"));
  expect(items).toContain("Godkendelse af budget – Vedtaget (5 for, 1 imod, 0 blanke)");
  expect(items).toContain(`${proposal.title} – Sendt til urafstemning (5 for, 1 imod, 0 blanke)`);

  await clickAndCheck(j, () => page.getByRole("button", { name: "Afslut mødet" }).click());
  expect(pathOf(page)).toBe(`${meetingPath}/minutes`);
  expect(await flash(page)).toBe("Mødet er afsluttet. Skriv nu referatet.");
}
