import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickAndCheck, type Journey, pathOf, skipJourneys, tableRecords, visit } from "./browser.ts";
import {
  at,
  department,
  holdMeeting,
  meetingDate,
  people,
  planAndConvene,
  proposal,
  title,
} from "./democracy-scenes.ts";
import { errorSummary, flash, mainText, screenshot, Timeline, textOf } from "./democracy-support.ts";

const { chair, resident, staff, member } = people;

describe.skipIf(skipJourneys)("journey: a department meeting from notice to minutes, with a ballot", () => {
  const time = new Timeline();
  beforeAll(() => time.open());
  afterAll(() => time.close());

  it("convene, propose, deadline, final agenda, meeting, ballot, minutes, a new board member", {
    timeout: 480_000,
  }, async () => {
    const go = (j: Journey, path: string) => visit(j, time.url, path);
    let residentPath = ""; // /democracy/meetings/{id}
    let noticeRecipients: string[] = [];

    // ── Day 0: the board chair plans and convenes the meeting. ────────────────────────────────
    await time.phase(at.convening);
    const { meetingPath, letters } = await time.as(chair.email, {}, planAndConvene);
    // Staff see the notice letters: one per lease holder of every household, in one batch.
    const lettersChecked = time.as(staff.email, {}, async (j) => {
      const { page } = j;
      await go(j, "/letters");
      await clickAndCheck(j, () =>
        page
          .getByRole("link", { name: `Indkaldelse til afdelingsmøde, ${department}, ${meetingDate}` })
          .click(),
      );
      const rows = await tableRecords(page.locator("main table").nth(1));
      expect(rows).toHaveLength(letters);
      noticeRecipients = rows.map((r) => r.Modtager ?? "");
      expect(new Set(noticeRecipients).size).toBe(letters);
      expect(noticeRecipients).toContain(resident.name);
      expect(noticeRecipients).toContain(chair.name);
    });

    // Meanwhile a resident (on a phone) reads the notice and proposes before the deadline.
    const proposed = time.as(resident.email, { phone: true }, async (j) => {
      const { page } = j;
      await go(j, "/inbox");
      // The newest of the department's notices (the demo data has two older meetings).
      await clickAndCheck(j, () =>
        page.getByRole("link", { name: "Indkaldelse til afdelingsmøde i Æblehaven" }).first().click(),
      );
      const notice = await mainText(page);
      expect(notice).toContain(
        "Mødet holdes tirsdag den 30. marts 2027 kl. 19.00. Sted: Fælleshuset, Rosenvænget 3.",
      );
      expect(notice).toContain("16. marts 2027");

      await go(j, "/democracy");
      await clickAndCheck(j, () => page.getByRole("link", { name: title }).click());
      residentPath = pathOf(page);
      expect(residentPath).toBe(meetingPath.replace("/meetings/", "/democracy/meetings/"));
      expect(await mainText(page)).toContain(
        "Forslag skal være afdelingsbestyrelsen i hænde senest den 16. marts 2027, fordi forslag skal indsendes mindst 2 uger før mødet den 30. marts 2027.",
      );
      await page.getByRole("radio", { name: "Nyt forslag", exact: true }).check();
      await page.getByLabel("Overskrift på forslaget", { exact: true }).fill(proposal.title);
      await page.getByLabel("Forslaget og begrundelsen", { exact: true }).fill(proposal.body);
      await clickAndCheck(j, () => page.getByRole("button", { name: "Send forslaget" }).click());
      expect(await flash(page)).toBe("Dit forslag er sendt til afdelingsbestyrelsen.");
      expect(await page.locator("#own-heading + ul").textContent()).toContain(
        `${proposal.title} – Nyt forslag, Modtaget`,
      );
      await screenshot(page, "1-resident-own-proposal", page.locator("#own-heading").locator(".."));
    });
    await Promise.all([lettersChecked, proposed]);

    // ── The day after the proposal deadline. ──────────────────────────────────────────────────
    await time.phase(at.afterDeadline);
    await time.as(resident.email, { phone: true }, async (j) => {
      const { page } = j;
      await go(j, residentPath);
      expect(await mainText(page)).toContain("Fristen for nye forslag er overskredet.");
      await page.getByRole("radio", { name: "Nyt forslag", exact: true }).check();
      await page.getByLabel("Overskrift på forslaget", { exact: true }).fill("Ny legeplads");
      await page.getByLabel("Forslaget og begrundelsen", { exact: true }).fill("En ny legeplads i gården.");
      const refused = await clickAndCheck(j, () =>
        page.getByRole("button", { name: "Send forslaget" }).click(),
      );
      expect(refused?.status()).toBe(400);
      expect(await errorSummary(page)).toContain(
        "Fristen for nye forslag var den 16. marts 2027. Efter fristen kan du kun stille ændringsforslag til punkter, der allerede er på dagsordenen.",
      );
      // What was typed is kept.
      expect(await page.getByLabel("Overskrift på forslaget", { exact: true }).inputValue()).toBe(
        "Ny legeplads",
      );
      await screenshot(page, "2-resident-proposal-refused", page.locator("#propose-heading").locator(".."));

      // An amendment to an item on the agenda is still taken.
      await page.getByRole("radio", { name: "Ændringsforslag", exact: true }).check();
      await page
        .getByLabel("Punkt på dagsordenen (kun ændringsforslag)", { exact: true })
        .selectOption({ label: "5. Godkendelse af budget" });
      await page.getByLabel("Overskrift på forslaget", { exact: true }).fill("Lavere huslejestigning");
      await page
        .getByLabel("Forslaget og begrundelsen", { exact: true })
        .fill("Huslejen stiger højst 1,5 % i stedet for 2,1 %.");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Send forslaget" }).click());
      expect(await flash(page)).toBe("Dit ændringsforslag er sendt til afdelingsbestyrelsen.");
      const own = await page.locator("#own-heading + ul").textContent();
      expect(own).toContain("Lavere huslejestigning – Ændringsforslag, Modtaget");
      expect(own).not.toContain("Ny legeplads");
    });

    // The board puts the proposal on the agenda; the chair publishes the final agenda.
    await time.as(chair.email, {}, async (j) => {
      const { page } = j;
      await go(j, residentPath);
      await clickAndCheck(j, () =>
        page.getByRole("link", { name: "Bestyrelsens behandling af forslagene" }).click(),
      );
      expect(pathOf(page)).toBe(`${residentPath}/board`);
      const card = page.locator("main li.almen-card").filter({ hasText: proposal.title });
      expect(await card.textContent()).toContain(`Stillet af ${resident.name}`);
      await card.getByLabel(`Placering i bestyrelsens rækkefølge: ${proposal.title}`).fill("1");
      await card
        .getByLabel(`Bestyrelsens kommentar: ${proposal.title}`)
        .fill("Bestyrelsen anbefaler forslaget.");
      await clickAndCheck(j, () => card.getByRole("button", { name: "Gem placering og kommentar" }).click());
      expect(await flash(page)).toBe("Gemt.");
      await clickAndCheck(j, () =>
        page.getByRole("button", { name: `Sæt på dagsordenen: ${proposal.title}` }).click(),
      );
      expect(await flash(page)).toBe("Forslaget er sat på dagsordenen.");

      // It goes just before "Eventuelt", which stays the last item; nothing can move below it.
      await go(j, meetingPath);
      const items = await page.locator("#agenda-heading ~ ol > li > h3").allTextContents();
      expect(items.slice(-3)).toEqual(["Valg til afdelingsbestyrelsen", proposal.title, "Eventuelt"]);
      expect(await page.getByRole("button", { name: `Flyt ned: ${proposal.title}` }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Flyt op: Eventuelt" }).count()).toBe(0);
      await clickAndCheck(j, () =>
        page
          .getByRole("button", {
            name: "Offentliggør den endelige dagsorden (sender brev til alle husstande)",
          })
          .click(),
      );
      expect(await flash(page)).toBe(
        `Den endelige dagsorden er offentliggjort. ${letters} breve er lagt i udbakken.`,
      );
      expect(await mainText(page)).toContain("Trin Endelig dagsorden offentliggjort");
    });

    // Households get the final agenda: the resident's second letter, and the agenda online.
    await time.as(resident.email, { phone: true }, async (j) => {
      const { page } = j;
      await go(j, "/inbox");
      await clickAndCheck(j, () =>
        page
          .getByRole("link", {
            name: "Endelig dagsorden til afdelingsmødet i Æblehaven tirsdag den 30. marts 2027 kl. 19.00",
          })
          .click(),
      );
      const letter = await mainText(page);
      expect(letter).toContain(proposal.title);
      expect(letter).toContain("Husleje og andre indtægter: 4.310.000,00 kr.");
      await go(j, residentPath);
      const agenda = await page.locator("#agenda-heading + ol").textContent();
      expect(agenda).toContain(proposal.title);
      expect(agenda).toContain("Lavere huslejestigning");
      expect(await mainText(page)).toContain("4.310.000,00");
      await screenshot(page, "3-resident-final-agenda", page.locator("#agenda-heading").locator(".."));
    });

    // ── The meeting day. ──────────────────────────────────────────────────────────────────────
    await time.phase(at.meetingDay);
    await time.as(staff.email, { phone: true }, (j) =>
      holdMeeting(j, time.url, meetingPath, noticeRecipients),
    );

    // ── During the ballot: residents vote online; the result is hidden. ───────────────────────
    await time.phase(at.ballotOpen);
    let votePath = "";
    let receipt = "";
    const cast = [
      { who: resident, choice: "Ja" },
      { who: chair, choice: "Nej" },
      { who: member, choice: "Ja" },
    ];
    const vote = ({ who, choice }: (typeof cast)[number]) =>
      time.as(who.email, { phone: who === resident }, async (j) => {
        const { page } = j;
        if (who === resident) {
          // The resident finds it among the open votes; the others go straight to it.
          await go(j, "/votes");
          const open = page.locator("main h2:text-is('Åbne afstemninger') + ul");
          await clickAndCheck(j, () => open.getByRole("link", { name: proposal.title }).click());
          votePath = pathOf(page);
          const before = await mainText(page);
          expect(before).toContain("Type Urafstemning");
          expect(before).toContain("Status Åben");
          expect(before).toContain("Åbner 31. marts 2027 kl. 00.00");
          // It closes at the end of 6 April: that day, not "7 April 00.00".
          expect(before).toContain("Lukker 6. april 2027 kl. 24.00");
          // 10 households of 2 adults each (tenant and co-tenant): one vote each.
          expect(before).toContain("10 husstande, 20 stemmeberettigede, højst 20 stemmer.");
          expect(before).toContain("Valglisten blev låst");
        } else {
          await go(j, votePath);
        }
        expect(await mainText(page)).toContain("Resultatet vises, når afstemningen er lukket.");
        expect(await page.locator("#results-heading").count()).toBe(0);
        await page.getByRole("radio", { name: choice, exact: true }).check();
        await clickAndCheck(j, () => page.getByRole("button", { name: "Afgiv stemme" }).click());
        expect(await page.locator("h1").textContent()).toBe("Tak for din stemme");
        const code = (await page.locator("main li strong").first().textContent()) ?? "";
        expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        if (who !== resident) return;
        receipt = code;
        await screenshot(page, "4b-resident-vote-receipt", page.locator("main"));
        await clickAndCheck(j, () => page.getByRole("link", { name: "Tilbage til afstemningen" }).click());
        const after = await mainText(page);
        expect(after).toContain("Du har stemt på nettet.");
        expect(after).toContain("Resultatet vises, når afstemningen er lukket.");
        expect(await page.getByRole("button", { name: "Afgiv stemme" }).count()).toBe(0);
      });
    await vote(cast[0]!);
    // The neighbours vote at the same time.
    await Promise.all(cast.slice(1).map(vote));

    // ── After the ballot: results, minutes, and a new board member. ───────────────────────────
    await time.phase(at.ballotClosed);
    const yes = cast.filter((c) => c.choice === "Ja").length;
    const no = cast.filter((c) => c.choice === "Nej").length;
    await time.as(staff.email, {}, async (j) => {
      const { page } = j;
      await go(j, `${meetingPath}/minutes`);
      await page
        .getByLabel("Referat: indledning", { exact: true })
        .fill(`${staff.name} blev valgt som dirigent. 3 husstande deltog.`);
      await page
        .getByLabel(`Referat af punktet: ${proposal.title}`, { exact: true })
        .fill(
          "Forslagsstilleren fremlagde forslaget. Mødet ønskede, at alle husstande skulle stemme om det.",
        );
      await page
        .getByLabel(`Beslutning: ${proposal.title}`, { exact: true })
        .fill(`Sendt til urafstemning. Urafstemningen gav ${yes} ja og ${no} nej: der bygges et cykelskur.`);
      await page
        .getByLabel("Beslutning: Godkendelse af budget", { exact: true })
        .fill("Budgettet blev godkendt.");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Gem referatet" }).click());
      expect(await flash(page)).toBe("Referatet er gemt.");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Godkend referatet" }).click());
      expect(await flash(page)).toBe("Din godkendelse er registreret.");
      expect(await mainText(page)).toContain(`Godkendt af dirigenten ${staff.name}`);

      // A resident who joins the board: recorded as staff, elected at this meeting.
      await go(j, "/boards");
      await clickAndCheck(j, () => page.getByRole("link", { name: department }).first().click());
      const person = page.locator("#personId option").filter({ hasText: resident.name });
      await page.locator("#personId").selectOption((await person.getAttribute("value"))!);
      await page.getByRole("radio", { name: "Medlem", exact: true }).check();
      await page.getByLabel("Valgperioden begynder", { exact: true }).fill("2027-04-07");
      await page
        .getByLabel("Afdelingsmøde", { exact: true })
        .selectOption({ label: `${title} (30. marts 2027)` });
      await clickAndCheck(j, () => page.getByRole("button", { name: "Registrér", exact: true }).click());
      expect(await flash(page)).toBe("Medlemmet er registreret.");
    });

    await time.as(chair.email, {}, async (j) => {
      const { page } = j;
      await go(j, `${meetingPath}/minutes`);
      await clickAndCheck(j, () => page.getByRole("button", { name: "Godkend referatet" }).click());
      expect(await flash(page)).toBe("Referatet er godkendt af både dirigent og bestyrelsesformand.");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Offentliggør referatet" }).click());
      expect(await flash(page)).toMatch(
        /^Referatet er offentliggjort; \d+ beslutninger står i beslutningsprotokollen\.$/,
      );
      expect(pathOf(page)).toBe(meetingPath);
    });

    await time.as(resident.email, { phone: true }, async (j) => {
      const { page } = j;
      // The result, recounted, with as many ballots as roll marks; the receipt is among them.
      await go(j, votePath);
      const results = await tableRecords(page.locator("#results-heading ~ * table").first());
      expect(results).toEqual([
        { Svar: "Ja", Stemmer: String(yes) },
        { Svar: "Nej", Stemmer: String(no) },
        { Svar: "Blank", Stemmer: "0" },
      ]);
      const text = await mainText(page);
      expect(text).toContain(`Stemmesedler i stemmeboksen: ${cast.length}`);
      expect(text).toContain(`Afkrydsninger på valglisten: ${cast.length}`);
      expect(text).toContain("Optællingen er gentaget nu og giver det offentliggjorte resultat");
      expect(text).toContain("Der er flest ja-stemmer: forslaget er vedtaget.");
      expect(text).toContain("Status Afsluttet");
      expect(text).toContain("Afstemningen er lukket. Der kan ikke længere stemmes.");
      await page.getByLabel("Kvitteringskode", { exact: true }).fill(receipt);
      await clickAndCheck(j, () => page.getByRole("button", { name: "Tjek koden" }).click());
      expect(await page.locator("#check-heading ~ [role=status]").textContent()).toContain(
        `Koden ${receipt} er med blandt de afgivne stemmer.`,
      );
      const list = await page.request.get(new URL(`${votePath}/receipts.txt`, time.url).href);
      expect((await list.text()).trim().split("\n")).toHaveLength(cast.length);
      await screenshot(page, "5-resident-vote-results", page.locator("#results-heading").locator(".."));

      // The meeting is among the past ones, with its minutes; its decisions are in the register.
      await go(j, "/democracy");
      const past = page.locator("main h3:text-is('Afholdte møder') + ul");
      expect(await textOf(past.locator("li").filter({ hasText: title }))).toContain(
        "Referat offentliggjort Referatet er offentliggjort.",
      );
      await clickAndCheck(j, () =>
        page.getByRole("link", { name: "Beslutningsprotokollen: alle afdelingens beslutninger" }).click(),
      );
      await page.getByLabel("Søg i beslutningerne", { exact: true }).fill("cykelskur");
      await clickAndCheck(j, () => page.getByRole("button", { name: "Søg", exact: true }).click());
      const found = await mainText(page);
      expect(found).toContain("1 beslutning");
      expect(found).toContain("Sendt til urafstemning");
      await clickAndCheck(j, () => page.getByRole("link", { name: proposal.title }).click());
      expect(pathOf(page)).toBe(residentPath);
      const minutes = await textOf(page.locator("#minutes-heading").locator(".."));
      expect(minutes).toContain(`${staff.name} blev valgt som dirigent.`);
      expect(minutes).toContain("der bygges et cykelskur");
      expect(minutes).toContain(`Godkendt af dirigenten ${staff.name}`);
      expect(minutes).toContain(`Godkendt af bestyrelsesformanden ${chair.name}`);
      await screenshot(page, "6-resident-minutes", page.locator("#minutes-heading").locator(".."));

      // Now on the board: the introduction checklist, and a course from it.
      await clickAndCheck(j, () =>
        page.locator("nav").getByRole("link", { name: "Mit introforløb" }).click(),
      );
      expect(pathOf(page)).toBe("/onboarding");
      const checklist = await mainText(page);
      expect(checklist).toContain("Velkommen i afdelingsbestyrelsen");
      expect(checklist).toContain("Æblehaven, valgt den 7. april 2027.");
      expect(checklist).toContain("0 af 6 trin klaret");
      expect(checklist).toContain("Mød formanden");
      expect(checklist).toContain("Senest 14. april 2027"); // 7 days after the election
      await clickAndCheck(j, () =>
        page.getByRole("button", { name: "Marker som klaret: Mød formanden" }).click(),
      );
      expect(await flash(page)).toBe("Trinnet er krydset af.");
      expect(await mainText(page)).toContain("1 af 6 trin klaret");
      await screenshot(page, "7-new-member-onboarding", page.locator("main"));
      await clickAndCheck(j, () =>
        page.getByRole("link", { name: "Budget og regnskab for afdelingsbestyrelser" }).click(),
      );
      expect(pathOf(page)).toMatch(/^\/courses\/[^/]+$/);
      // The first session has been held; the second one takes enrolments.
      await clickAndCheck(j, () => page.getByRole("button", { name: "Tilmeld mig" }).click());
      expect(await flash(page)).toBe("Du er tilmeldt.");
      expect(await mainText(page)).toContain("Du er tilmeldt");
      await screenshot(page, "8-new-member-course", page.locator("main"));
    });
  });
});
