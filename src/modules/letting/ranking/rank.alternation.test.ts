import { describe, expect, it } from "vitest";
import { buildCandidate, rank, rankedIds } from "./test-support.ts";
import type { Candidate, LettingHistory, WaitingList } from "./types.ts";

// The older sign-up is on the external list: only the turn can put the internal list first.
const older = { seniorityDate: "2010-01-01" };
const newer = { seniorityDate: "2024-06-01" };

describe("internal/external alternation", () => {
  const both = () => [
    buildCandidate("ext", { ...older, list: "external" }),
    buildCandidate("int", { ...newer, list: "internal" }),
  ];
  it.each<{ every: number; last: WaitingList | null; since: number; first: WaitingList }>([
    { every: 2, last: null, since: 0, first: "internal" },
    { every: 2, last: "external", since: 1, first: "internal" },
    { every: 2, last: "internal", since: 0, first: "external" },
    { every: 2, last: "external", since: 0, first: "internal" }, // an external letting counts as one
    { every: 1, last: "internal", since: 0, first: "internal" },
    { every: 3, last: null, since: 0, first: "internal" },
    { every: 3, last: "internal", since: 0, first: "external" },
    { every: 3, last: "external", since: 1, first: "external" },
    { every: 3, last: "external", since: 2, first: "internal" },
    { every: 3, last: "external", since: 5, first: "internal" },
  ])("every $every, last $last, $since external since → $first first", ({ every, last, since, first }) => {
    const result = rank(both(), {
      settings: { internalEvery: every },
      history: { lastListLetting: last, externalSinceInternal: since },
    });
    expect(result.ranked.map((r) => [r.group, r.reason.code])).toEqual([
      [first, "group_list_turn"],
      [first === "internal" ? "external" : "internal", "group_list_other"],
    ]);
    expect(result.steps).toContainEqual({
      code: "list_alternation",
      params: {
        first,
        every,
        last: last ?? "none",
        externalInRow: last === "external" ? Math.max(since, 1) : 0,
      },
    });
  });

  it("gives the internal list no turn at 0: external first", () => {
    const result = rank(both(), { settings: { internalEvery: 0 }, history: { lastListLetting: "external" } });
    expect(rankedIds(result)).toEqual(["ext", "int"]);
    expect(result.steps).toContainEqual({ code: "list_alternation_off", params: { first: "external" } });
  });

  /** Lets `units` units in a row to the first ranked, keeping the history as the caller would. */
  function letInSequence(every: number, units: number, internalFrom = 0): string {
    let history: Partial<LettingHistory> = { lastListLetting: null, externalSinceInternal: 0 };
    let lists = "";
    for (let unit = 0; unit < units; unit++) {
      const candidates: Candidate[] = [buildCandidate(`e${unit}`, { list: "external" })];
      if (unit >= internalFrom) candidates.push(buildCandidate(`i${unit}`, { list: "internal" }));
      const winner = rank(candidates, { settings: { internalEvery: every }, history }).ranked[0];
      const list = winner.group as WaitingList;
      lists += list === "internal" ? "I" : "E";
      const since = list === "internal" ? 0 : (history.externalSinceInternal ?? 0) + 1;
      history = { lastListLetting: list, externalSinceInternal: since };
    }
    return lists;
  }

  it.each([
    { every: 2, internalFrom: 0, expected: "IEIEIE" },
    { every: 3, internalFrom: 0, expected: "IEEIEE" },
    { every: 1, internalFrom: 0, expected: "IIIIII" },
    { every: 0, internalFrom: 0, expected: "EEEEEE" },
    // No internal applicant at the internal list's turn: the turn stays due for the next unit.
    { every: 2, internalFrom: 3, expected: "EEEIEI" },
    { every: 3, internalFrom: 4, expected: "EEEEIE" },
  ])("every $every over a sequence: $expected", ({ every, internalFrom, expected }) => {
    expect(letInSequence(every, 6, internalFrom)).toBe(expected);
  });
});
