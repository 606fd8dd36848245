import { describe, expect, it } from "vitest";
import { copenhagenDateOf } from "../../../platform/dates.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { type DemocracySettings, defaultDemocracySettings } from "../settings.ts";
import {
  checkMeetingDate,
  conveneByForDemand,
  copenhagenDateTime,
  demandExplanation,
  digitalVoteCloses,
  meetingDeadlines,
  proposalWindow,
} from "./deadlines.ts";
import { explain } from "./explain.ts";

const da = translator("da");
const en = translator("en");
const settings = defaultDemocracySettings;
const strict: DemocracySettings = {
  ...defaultDemocracySettings,
  ordinaryNoticeWeeks: 6,
  extraordinaryNoticeWeeks: 3,
  proposalDeadlineWeeks: 3,
  finalAgendaWeeks: 2,
  demandConveneWeeks: 1,
  digitalVoteDays: 14,
};

describe("the meeting deadlines", () => {
  // kind, start (instant), settings → convene by, proposal deadline, final agenda by
  const table: [
    string,
    "ordinary" | "extraordinary",
    string,
    DemocracySettings,
    string,
    string,
    string,
    string,
  ][] = [
    [
      "ordinary, 4 weeks' notice",
      "ordinary",
      "2026-09-15T17:00:00.000Z",
      settings,
      "2026-09-15",
      "2026-08-18",
      "2026-09-01",
      "2026-09-08",
    ],
    [
      "extraordinary, 2 weeks' notice",
      "extraordinary",
      "2026-09-15T17:00:00.000Z",
      settings,
      "2026-09-15",
      "2026-09-01",
      "2026-09-01",
      "2026-09-08",
    ],
    // Spring forward on 29 March 2026: the deadlines are whole calendar days before, not 24-hour steps.
    [
      "ordinary across the spring change",
      "ordinary",
      "2026-04-14T17:00:00.000Z",
      settings,
      "2026-04-14",
      "2026-03-17",
      "2026-03-31",
      "2026-04-07",
    ],
    // 00:30 CEST on 15 April is still 14 April in UTC: the Copenhagen date counts.
    [
      "just after midnight in summer time",
      "ordinary",
      "2026-04-14T22:30:00.000Z",
      settings,
      "2026-04-15",
      "2026-03-18",
      "2026-04-01",
      "2026-04-08",
    ],
    // Fall back on 25 October 2026: 00:30 CET on 3 November is 23:30Z the day before.
    [
      "ordinary across the autumn change",
      "ordinary",
      "2026-11-02T23:30:00.000Z",
      settings,
      "2026-11-03",
      "2026-10-06",
      "2026-10-20",
      "2026-10-27",
    ],
    [
      "extraordinary across the autumn change",
      "extraordinary",
      "2026-11-02T23:30:00.000Z",
      settings,
      "2026-11-03",
      "2026-10-20",
      "2026-10-20",
      "2026-10-27",
    ],
    [
      "the organisation's own settings",
      "ordinary",
      "2026-09-15T17:00:00.000Z",
      strict,
      "2026-09-15",
      "2026-08-04",
      "2026-08-25",
      "2026-09-01",
    ],
    [
      "its own extraordinary notice",
      "extraordinary",
      "2026-09-15T17:00:00.000Z",
      strict,
      "2026-09-15",
      "2026-08-25",
      "2026-08-25",
      "2026-09-01",
    ],
  ];
  it.each(table)("%s", (_, kind, startsAt, s, meetingDate, conveneBy, proposalDeadline, finalAgendaBy) => {
    const d = meetingDeadlines({ kind, startsAt, today: "2026-01-05", settings: s });
    expect(d).toMatchObject({ meetingDate, conveneBy, proposalDeadline, finalAgendaBy });
  });

  it("explains each deadline in Danish and English", () => {
    const d = meetingDeadlines({
      kind: "ordinary",
      startsAt: "2026-09-15T17:00:00.000Z",
      today: "2026-07-01",
      settings,
    });
    expect(explain(da, "da", d.explanations.conveneBy)).toBe(
      "Indkaldelsen skal ud senest den 18. august 2026, fordi et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel før mødet den 15. september 2026.",
    );
    expect(explain(da, "da", d.explanations.proposalDeadline)).toBe(
      "Forslag skal være afdelingsbestyrelsen i hænde senest den 1. september 2026, fordi forslag skal indsendes mindst 2 uger før mødet den 15. september 2026. Ændringsforslag til punkter, der allerede er på dagsordenen, kan stilles indtil mødet.",
    );
    expect(explain(da, "da", d.explanations.finalAgendaBy)).toBe(
      "Den endelige dagsorden med forslag, budget og regnskab skal offentliggøres senest den 8. september 2026, fordi den skal være tilgængelig mindst 1 uge før mødet den 15. september 2026.",
    );
    expect(explain(en, "en", d.explanations.conveneBy)).toBe(
      "The notice must go out by 18 August 2026, because an ordinary department meeting must be convened with at least 4 weeks' notice before the meeting on 15 September 2026.",
    );
    const x = meetingDeadlines({
      kind: "extraordinary",
      startsAt: "2026-11-02T23:30:00.000Z",
      today: "2026-10-01",
      settings,
    });
    expect(explain(da, "da", x.explanations.conveneBy)).toBe(
      "Indkaldelsen skal ud senest den 20. oktober 2026, fordi et ekstraordinært afdelingsmøde skal indkaldes med mindst 2 ugers varsel før mødet den 3. november 2026.",
    );
  });
});

describe("a date too early is refused with the first allowed date", () => {
  const table: [string, "ordinary" | "extraordinary", string, string, string | null][] = [
    ["exactly 4 weeks ahead is allowed", "ordinary", "2026-09-15T17:00:00.000Z", "2026-08-18", null],
    ["one day short of 4 weeks", "ordinary", "2026-09-15T17:00:00.000Z", "2026-08-19", "2026-09-16"],
    [
      "exactly 2 weeks ahead for an extraordinary meeting",
      "extraordinary",
      "2026-09-15T17:00:00.000Z",
      "2026-09-01",
      null,
    ],
    ["one day short of 2 weeks", "extraordinary", "2026-09-15T17:00:00.000Z", "2026-09-02", "2026-09-16"],
    ["the spring change in between", "ordinary", "2026-04-14T17:00:00.000Z", "2026-03-18", "2026-04-15"],
    ["the autumn change in between", "ordinary", "2026-11-02T23:30:00.000Z", "2026-10-07", "2026-11-04"],
    ["a date in the past", "extraordinary", "2026-01-10T17:00:00.000Z", "2026-02-01", "2026-02-15"],
  ];
  it.each(table)("%s", (_, kind, startsAt, today, first) => {
    const check = checkMeetingDate({ kind, startsAt, today, settings });
    if (first === null) expect(check.ok).toBe(true);
    else expect(check).toMatchObject({ ok: false, firstAllowedDate: first });
  });

  it("says why, and which date is the first allowed, in the user's language", () => {
    const check = checkMeetingDate({
      kind: "ordinary",
      startsAt: "2026-04-14T17:00:00.000Z",
      today: "2026-03-18",
      settings,
    });
    if (check.ok) throw new Error("expected a refusal");
    expect(explain(da, "da", check.reason)).toBe(
      "Mødet den 14. april 2026 ligger for tidligt: et ordinært afdelingsmøde skal indkaldes med mindst 4 ugers varsel, og indkaldelsen kan tidligst sendes i dag, den 18. marts 2026. Første mulige mødedato er den 15. april 2026.",
    );
    expect(explain(en, "en", check.reason)).toBe(
      "The meeting on 14 April 2026 is too early: an ordinary department meeting must be convened with at least 4 weeks' notice, and the notice can go out today, 18 March 2026, at the earliest. The first possible meeting date is 15 April 2026.",
    );
  });
});

describe("proposals", () => {
  it("are open through the deadline day, then only amendments", () => {
    const d = meetingDeadlines({
      kind: "ordinary",
      startsAt: "2026-09-15T17:00:00.000Z",
      today: "2026-09-01",
      settings,
    });
    expect(proposalWindow(d, "2026-08-20")).toBe("open");
    expect(proposalWindow(d, "2026-09-01")).toBe("open");
    expect(proposalWindow(d, "2026-09-02")).toBe("amendments_only");
  });
});

describe("an extraordinary meeting on demand", () => {
  const table: [string, string, DemocracySettings, string][] = [
    ["two weeks from the day the demand was valid", "2026-05-04T10:00:00.000Z", settings, "2026-05-18"],
    // 23:30Z on 20 March is 00:30 on 21 March in Copenhagen (CET): the Copenhagen day counts.
    ["just after midnight before the spring change", "2026-03-20T23:30:00.000Z", settings, "2026-04-04"],
    // 22:30Z on 24 October is 00:30 on 25 October (still CEST until 03:00).
    ["on the night of the autumn change", "2026-10-24T22:30:00.000Z", settings, "2026-11-08"],
    ["a date given as a date", "2026-12-20", settings, "2027-01-03"],
    ["the organisation's own period", "2026-05-04T10:00:00.000Z", strict, "2026-05-11"],
  ];
  it.each(table)("%s", (_, reachedAt, s, expected) => {
    expect(conveneByForDemand(reachedAt, s)).toBe(expected);
  });

  it("explains the deadline", () => {
    expect(explain(da, "da", demandExplanation("2026-03-20T23:30:00.000Z", settings))).toBe(
      "Det ekstraordinære afdelingsmøde skal indkaldes senest den 4. april 2026, fordi kravet blev gyldigt den 21. marts 2026, og mødet skal indkaldes inden for 2 uger derefter.",
    );
  });
});

describe("a digital vote decided at the meeting", () => {
  it("closes at the end of the Copenhagen day N days after the meeting, across the changes", () => {
    const autumn = digitalVoteCloses("2026-10-20", settings);
    expect(autumn.lastDay).toBe("2026-10-27");
    expect(autumn.closesAt.toISOString()).toBe("2026-10-27T23:00:00.000Z");
    const spring = digitalVoteCloses("2026-03-25", settings);
    expect(spring.lastDay).toBe("2026-04-01");
    expect(spring.closesAt.toISOString()).toBe("2026-04-01T22:00:00.000Z");
    expect(digitalVoteCloses("2026-03-25", strict).lastDay).toBe("2026-04-08");
    expect(explain(da, "da", autumn.explanation)).toBe(
      "Den digitale afstemning er åben til og med den 27. oktober 2026, fordi mødet kan beslutte en digital afstemning i 7 dage efter mødet.",
    );
  });
});

describe("Copenhagen wall-clock times", () => {
  it("turns a date and time into the instant, in winter and summer time", () => {
    expect(copenhagenDateTime("2026-01-15", "19:30").toISOString()).toBe("2026-01-15T18:30:00.000Z");
    expect(copenhagenDateTime("2026-06-15", "19:30").toISOString()).toBe("2026-06-15T17:30:00.000Z");
    expect(copenhagenDateOf("2026-06-15T22:30:00.000Z")).toBe("2026-06-16");
  });
});
