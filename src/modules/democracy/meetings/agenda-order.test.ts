import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { isClosingItem } from "./agenda-order.ts";
import { conveneMeeting, openProposals } from "./lifecycle.service.ts";
import { agendaOf } from "./meetings.repository.ts";
import {
  addAgendaItem,
  meetingWithOpenAgenda,
  moveAgendaItem,
  planMeeting,
  removeAgendaItem,
} from "./meetings.service.ts";
import { putOnAgenda, submitProposal } from "./proposals.service.ts";
import { departmentId, refusal, type Who, who } from "./test-support.ts";

/** "Eventuelt" stays the last item: proposals and added items go before it, numbered 1, 2, 3 … */

let app: TestApp;
let staff: Who;
let resident: Who;
let meetingId: string;

const t = translator("da");
const standard = [
  "chair",
  "minutes_taker",
  "report",
  "accounts",
  "budget",
  "proposals",
  "election",
  "other",
].map((k) => String(t(`meetings.standard_agenda.${k}`)));

/** The agenda as [position, title], in order. */
const agenda = async () => (await agendaOf(app.ctx.db, meetingId)).map((i) => [i.position, i.title]);
const numbered = (titles: string[]) => titles.map((title, i) => [i + 1, title]);
const itemId = async (title: string) =>
  (await agendaOf(app.ctx.db, meetingId)).find((i) => i.title === title)!.id;

beforeAll(async () => {
  app = await buildTestApp();
  app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
  staff = await who(app, "driftschef@almen.demo");
  resident = await who(app, "beboer@almen.demo");
  meetingId = await planMeeting(app.ctx, staff.actor, staff.principal, {
    department_id: await departmentId(app, 101),
    kind: "ordinary",
    title: "Budgetmøde 2027",
    date: "2027-04-06",
    time: "19:00",
    location: "Fælleshuset",
    agenda: standard,
  });
  await conveneMeeting(app.ctx, staff.actor, staff.principal, meetingId);
  await openProposals(app.ctx, staff.actor, staff.principal, meetingId);
});
afterAll(async () => {
  await app.close();
});

describe("the agenda's order", () => {
  it("knows Eventuelt in both languages and its short form, and nothing else", () => {
    for (const title of ["Eventuelt", " eventuelt ", "Any other business", "Evt."])
      expect(isClosingItem(title)).toBe(true);
    for (const title of ["Indkomne forslag", "Eventuelt forslag om hønsehus"])
      expect(isClosingItem(title)).toBe(false);
  });

  it("puts a resident's proposal just before Eventuelt, numbered in order", async () => {
    const proposalId = await submitProposal(
      app.ctx,
      resident.actor,
      resident.principal,
      resident,
      meetingId,
      {
        kind: "proposal",
        amends_item_id: "",
        title: "Cykelskur ved Rosenvænget 5",
        body: "Et overdækket cykelskur.",
      },
    );
    await putOnAgenda(app.ctx, staff.actor, staff.principal, meetingId, proposalId);
    expect(await agenda()).toEqual(
      numbered([...standard.slice(0, -1), "Cykelskur ved Rosenvænget 5", "Eventuelt"]),
    );
  });

  it("puts an item staff add before Eventuelt too, and renumbers after a removal", async () => {
    const m = await meetingWithOpenAgenda(app.ctx, staff.principal, meetingId);
    await addAgendaItem(app.ctx, staff.actor, m, { title: "Legeplads", description: "" });
    const before = [...standard.slice(0, -1), "Cykelskur ved Rosenvænget 5", "Legeplads", "Eventuelt"];
    expect(await agenda()).toEqual(numbered(before));
    await removeAgendaItem(
      app.ctx,
      staff.actor,
      staff.principal,
      meetingId,
      await itemId("Bestyrelsens beretning"),
    );
    expect(await agenda()).toEqual(numbered(before.filter((x) => x !== "Bestyrelsens beretning")));
  });

  it("keeps Eventuelt last when items are moved", async () => {
    const playground = await itemId("Legeplads");
    const last = await refusal(() =>
      moveAgendaItem(app.ctx, staff.actor, staff.principal, meetingId, playground, "down"),
    );
    expect(last.error.code).toBe("conflict");
    expect(last.text).toBe("Eventuelt er altid sidste punkt på dagsordenen.");
    const closing = await itemId("Eventuelt");
    const up = await refusal(() =>
      moveAgendaItem(app.ctx, staff.actor, staff.principal, meetingId, closing, "up"),
    );
    expect(up.error.messageKey).toBe("meetings.errors.closing_item_last");
    await moveAgendaItem(app.ctx, staff.actor, staff.principal, meetingId, playground, "up");
    const titles = (await agenda()).map(([, title]) => title);
    expect(titles.slice(-3)).toEqual(["Legeplads", "Cykelskur ved Rosenvænget 5", "Eventuelt"]);
    expect((await agenda()).map(([position]) => position)).toEqual(titles.map((_, i) => i + 1));
  });
});
