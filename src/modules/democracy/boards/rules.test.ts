import { describe, expect, it } from "vitest";
import { addYears } from "../../../platform/dates.ts";
import { defaultDemocracySettings } from "../settings.ts";
import { demandThreshold, rankCandidates, sitsOn, termEnd, timeLeft } from "./rules.ts";

describe("terms", () => {
  it("runs members 2 years and alternates 1 year from the election, by the settings", () => {
    expect(termEnd("member", "2026-03-10", defaultDemocracySettings)).toBe("2028-03-10");
    expect(termEnd("chair", "2026-03-10", defaultDemocracySettings)).toBe("2028-03-10");
    expect(termEnd("alternate", "2026-03-10", defaultDemocracySettings)).toBe("2027-03-10");
    const longer = { ...defaultDemocracySettings, boardTermYears: 3, alternateTermYears: 2 };
    expect(termEnd("member", "2026-03-10", longer)).toBe("2029-03-10");
    expect(termEnd("alternate", "2026-03-10", longer)).toBe("2028-03-10");
  });

  it("moves 29 February to 28 February in a common year", () => {
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
    expect(addYears("2026-12-31", 2)).toBe("2028-12-31");
  });

  it("counts a person as sitting from the start date until the end or resignation date", () => {
    const term = { start_date: "2026-03-10", end_date: "2028-03-10", resigned_on: null };
    expect(sitsOn(term, "2026-03-09")).toBe(false);
    expect(sitsOn(term, "2026-03-10")).toBe(true);
    expect(sitsOn(term, "2028-03-09")).toBe(true);
    expect(sitsOn(term, "2028-03-10")).toBe(false);
    const resigned = { ...term, resigned_on: "2027-01-01" };
    expect(sitsOn(resigned, "2026-12-31")).toBe(true);
    expect(sitsOn(resigned, "2027-01-01")).toBe(false);
  });
});

describe("the demand threshold", () => {
  it("needs the share of households rounded up, in whole numbers", () => {
    expect(demandThreshold(28, 25)).toBe(7);
    expect(demandThreshold(29, 25)).toBe(8);
    expect(demandThreshold(100, 25)).toBe(25);
    expect(demandThreshold(101, 25)).toBe(26);
    expect(demandThreshold(3, 25)).toBe(1);
    expect(demandThreshold(0, 25)).toBe(1);
    expect(demandThreshold(10, 100)).toBe(10);
  });

  it("is reached by 7 of 28 households and not by 6", () => {
    expect(7 >= demandThreshold(28, 25)).toBe(true);
    expect(6 >= demandThreshold(28, 25)).toBe(false);
  });
});

describe("time left", () => {
  it("gives whole days and hours, and overdue after the deadline", () => {
    const deadline = new Date("2026-12-12T23:00:00.000Z");
    expect(timeLeft(new Date("2026-12-03T20:30:00.000Z"), deadline)).toEqual({
      days: 9,
      hours: 2,
      overdue: false,
    });
    expect(timeLeft(new Date("2026-12-12T22:59:00.000Z"), deadline)).toEqual({
      days: 0,
      hours: 0,
      overdue: false,
    });
    expect(timeLeft(new Date("2026-12-13T00:00:00.000Z"), deadline)).toEqual({
      days: 0,
      hours: 0,
      overdue: true,
    });
  });
});

describe("ranking candidates", () => {
  const c = (id: string, votes: number, lot: number | null = null) => ({ id, votes, lot });
  const outcome = (r: ReturnType<typeof rankCandidates>) =>
    r.ok ? r.ranked.map((x) => `${x.id}:${x.outcome}${x.alternateRank ? x.alternateRank : ""}`) : r.ties;

  it("elects by votes and ranks the alternates after them", () => {
    const r = rankCandidates([c("a", 10), c("b", 30), c("c", 20), c("d", 5), c("e", 1)], 2, 2);
    expect(outcome(r)).toEqual(["b:member", "c:member", "a:alternate1", "d:alternate2", "e:not_elected"]);
  });

  it("needs no lot for a tie among those all elected, or all not elected", () => {
    const r = rankCandidates([c("a", 20), c("b", 20), c("c", 10), c("d", 3), c("e", 3)], 2, 1);
    expect(r.ok).toBe(true);
    expect(outcome(r)).toEqual(["a:member", "b:member", "c:alternate1", "d:not_elected", "e:not_elected"]);
  });

  it("asks for the lot when a tie decides a seat, and follows it", () => {
    const tied = [c("a", 30), c("b", 20), c("c", 20), c("d", 5)];
    expect(rankCandidates(tied, 2, 1)).toEqual({ ok: false, ties: [["b", "c"]] });
    const drawn = [c("a", 30), c("b", 20, 2), c("c", 20, 1), c("d", 5)];
    expect(outcome(rankCandidates(drawn, 2, 1))).toEqual([
      "a:member",
      "c:member",
      "b:alternate1",
      "d:not_elected",
    ]);
  });

  it("asks for the lot when a tie decides an alternate's rank or the last alternate seat", () => {
    expect(rankCandidates([c("a", 9), c("b", 4), c("c", 4)], 1, 2)).toEqual({
      ok: false,
      ties: [["b", "c"]],
    });
    expect(rankCandidates([c("a", 9), c("b", 4), c("c", 2), c("d", 2)], 1, 2)).toEqual({
      ok: false,
      ties: [["c", "d"]],
    });
    const drawn = [c("a", 9), c("b", 4, 1), c("c", 4, 2)];
    expect(outcome(rankCandidates(drawn, 1, 2))).toEqual(["a:member", "b:alternate1", "c:alternate2"]);
  });

  it("refuses a lot that does not order the tied candidates 1, 2, …", () => {
    expect(rankCandidates([c("a", 5, 1), c("b", 5, 1)], 1, 0).ok).toBe(false);
    expect(rankCandidates([c("a", 5, 1), c("b", 5, 3)], 1, 0).ok).toBe(false);
    expect(rankCandidates([c("a", 5, 1), c("b", 5)], 1, 0).ok).toBe(false);
  });

  it("elects everyone unopposed when there are fewer candidates than seats", () => {
    expect(outcome(rankCandidates([c("a", 0), c("b", 0)], 3, 2))).toEqual(["a:member", "b:member"]);
  });

  it("makes the winner of a chair election the chair", () => {
    expect(outcome(rankCandidates([c("a", 12), c("b", 14)], 1, 0, "chair"))).toEqual([
      "b:chair",
      "a:not_elected",
    ]);
  });
});
