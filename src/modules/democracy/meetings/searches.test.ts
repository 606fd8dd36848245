import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import { newId } from "../../../platform/ids.ts";
import { searchDecisions } from "./decisions.repository.ts";
import { householdsForCheckIn } from "./households.repository.ts";
import { agendaOf, meetingById } from "./meetings.repository.ts";
import { departmentId, meetingWithFinalAgenda, who } from "./test-support.ts";

/** The decisions register and the check-in desk search for what was typed: % and _ are characters. */

let app: TestApp;
let meetingId: string;
let dept101: string;

beforeAll(async () => {
  app = await buildTestApp();
  meetingId = await meetingWithFinalAgenda(app, await who(app, "driftschef@almen.demo"));
  dept101 = await departmentId(app, 101);
  const m = (await meetingById(app.ctx.db, meetingId))!;
  const items = await agendaOf(app.ctx.db, meetingId);
  const decisions = [
    ["Tilskud til fællesspisning", "Afdelingen betaler 50% af maden."],
    ["Tilskud til sommerfesten", "Afdelingen giver 500 kr."],
    ["Vaskeriet", "Maskine_3 udskiftes."],
  ];
  for (const [i, [title, text]] of decisions.entries())
    await app.ctx.db
      .insertInto("meeting_decisions")
      .values({
        id: newId(),
        organisation_id: m.organisation_id,
        department_id: dept101,
        meeting_id: meetingId,
        agenda_item_id: items[i]!.id,
        decided_on: m.meeting_date,
        title: title!,
        decision_text: text!,
        outcome: "adopted",
        votes_for: 4,
        votes_against: 0,
        votes_blank: 0,
        search_text: `${title}\n${text}`.toLowerCase(),
        created_at: new Date().toISOString(),
      })
      .execute();
});
afterAll(async () => {
  await app.close();
});

describe("searching", () => {
  const decisions = async (q: string) =>
    (await searchDecisions(app.ctx.db, { departmentId: dept101, q, page: 1, pageSize: 50 })).rows
      .map((d) => d.title)
      .sort();

  it("finds decisions with the % and _ typed, and only those", async () => {
    expect(await decisions("50%")).toEqual(["Tilskud til fællesspisning"]);
    expect(await decisions("50")).toEqual(["Tilskud til fællesspisning", "Tilskud til sommerfesten"]);
    expect(await decisions("maskine_3")).toEqual(["Vaskeriet"]);
    expect(await decisions("e_3")).toEqual(["Vaskeriet"]);
    expect(await decisions("%")).toEqual(["Tilskud til fællesspisning"]);
    expect(await decisions("_")).toEqual(["Vaskeriet"]);
    expect(await decisions("0_")).toEqual([]);
  });

  it("finds households at the check-in desk by name with the % and _ typed", async () => {
    const [household] = (
      await householdsForCheckIn(app.ctx.db, meetingId, dept101, "2027-04-06", {
        q: "",
        page: 1,
        pageSize: 1,
      })
    ).rows;
    await app.ctx.db
      .updateTable("people")
      .set({ name: "Test_Person 100%" })
      .where("id", "=", household!.members[0]!.personId)
      .execute();
    const found = async (q: string) =>
      (
        await householdsForCheckIn(app.ctx.db, meetingId, dept101, "2027-04-06", { q, page: 1, pageSize: 50 })
      ).rows.map((h) => h.tenancyId);
    expect(await found("t_p")).toEqual([household!.tenancyId]);
    expect(await found("100%")).toEqual([household!.tenancyId]);
    expect(await found("%")).toEqual([household!.tenancyId]);
    expect(await found("_")).toEqual([household!.tenancyId]);
  });
});
