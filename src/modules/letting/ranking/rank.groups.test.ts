import { describe, expect, it } from "vitest";
import { buildCandidate, rank, rankedIds, type Scenario } from "./test-support.ts";

// The later sign-up is in the higher group: only the group can put it first.
const older = { seniorityDate: "2010-01-01" };
const newer = { seniorityDate: "2024-06-01" };

describe("priority groups", () => {
  it("orders rehousing, flexible, children, the list on turn, the other list", () => {
    const result = rank(
      [
        buildCandidate("ext", { ...older, list: "external" }),
        buildCandidate("int", { ...older, list: "internal" }),
        buildCandidate("kids", { ...newer, hasChildren: true }),
        buildCandidate("flex", { ...newer, flexibleCriteria: ["work"] }),
        buildCandidate("rehouse", {
          ...newer,
          rehousing: true,
          flexibleCriteria: ["work"],
          hasChildren: true,
        }),
      ],
      { settings: { flexibleSharePercent: 50 } },
    );
    expect(result.ranked.map((r) => [r.position, r.applicationId, r.group, r.reason.code])).toEqual([
      [1, "rehouse", "rehousing", "group_rehousing"],
      [2, "flex", "flexible", "group_flexible"],
      [3, "kids", "children", "group_children"],
      [4, "int", "internal", "group_list_turn"],
      [5, "ext", "external", "group_list_other"],
    ]);
    expect(result.ranked[1].reason.params).toEqual({
      list: "external",
      seniorityDate: "2024-06-01",
      criteria: "work",
    });
  });

  it.each([
    { rehousingPriority: true, expected: ["rehouse", "other"] },
    { rehousingPriority: false, expected: ["other", "rehouse"] },
  ])("rehousing priority $rehousingPriority", ({ rehousingPriority, expected }) => {
    const result = rank(
      [buildCandidate("other", older), buildCandidate("rehouse", { ...newer, rehousing: true })],
      {
        settings: { rehousingPriority },
      },
    );
    expect(rankedIds(result)).toEqual(expected);
    expect(result.steps).toContainEqual({
      code: rehousingPriority ? "rehousing_priority" : "rehousing_off",
      params: {},
    });
  });
});

describe("flexible letting share", () => {
  const flex = () => [
    buildCandidate("other", older),
    buildCandidate("flex", { ...newer, flexibleCriteria: ["education"] }),
  ];
  it.each([
    {
      name: "below target",
      target: 50,
      flexibleLet: 1,
      listLet: 4,
      share: 25,
      first: "flex",
      code: "flexible_share",
    },
    {
      name: "nothing let yet",
      target: 50,
      flexibleLet: 0,
      listLet: 0,
      share: 0,
      first: "flex",
      code: "flexible_share",
    },
    {
      name: "just below (1/3 < 34 %)",
      target: 34,
      flexibleLet: 1,
      listLet: 3,
      share: 33.3,
      first: "flex",
      code: "flexible_share",
    },
    {
      name: "at target",
      target: 50,
      flexibleLet: 2,
      listLet: 4,
      share: 50,
      first: "other",
      code: "flexible_share_reached",
    },
    {
      name: "above target",
      target: 20,
      flexibleLet: 3,
      listLet: 5,
      share: 60,
      first: "other",
      code: "flexible_share_reached",
    },
    {
      name: "1/3 against 33 %",
      target: 33,
      flexibleLet: 1,
      listLet: 3,
      share: 33.3,
      first: "other",
      code: "flexible_share_reached",
    },
  ])("$name → $first first", ({ target, flexibleLet, listLet, share, first, code }) => {
    const result = rank(flex(), {
      settings: { flexibleSharePercent: target },
      history: { flexibleLet, listLet },
    });
    expect(rankedIds(result)[0]).toBe(first);
    expect(result.steps).toContainEqual({
      code,
      params: { share, target, flexibleLet, listLet, criteria: "work,education" },
    });
  });

  it("is off at 0 %", () => {
    const result = rank(flex(), { settings: { flexibleSharePercent: 0 } });
    expect(rankedIds(result)).toEqual(["other", "flex"]);
    expect(result.steps).toContainEqual({ code: "flexible_off", params: {} });
  });

  it("counts only the criteria the organisation agreed", () => {
    const divorce = buildCandidate("divorce", { ...newer, flexibleCriteria: ["divorce", "other"] });
    const s: Scenario = { settings: { flexibleSharePercent: 50 } };
    expect(rankedIds(rank([buildCandidate("other", older), divorce], s))).toEqual(["other", "divorce"]);
    const agreed = rank([buildCandidate("other", older), divorce], {
      settings: { flexibleSharePercent: 50, flexibleCriteria: ["other", "divorce"] },
    });
    expect(agreed.ranked[0]).toMatchObject({
      applicationId: "divorce",
      reason: { params: { criteria: "other,divorce" } },
    });
  });
});

describe("children priority", () => {
  it.each([
    { minRooms: 3, rooms: 3, first: "kids", code: "children_priority" as const },
    { minRooms: 3, rooms: 4, first: "kids", code: "children_priority" as const },
    { minRooms: 3, rooms: 2, first: "other", code: "children_too_few_rooms" as const },
    { minRooms: 4, rooms: 3, first: "other", code: "children_too_few_rooms" as const },
    { minRooms: 0, rooms: 5, first: "other", code: "children_off" as const },
  ])("$rooms rooms, from $minRooms → $first first", ({ minRooms, rooms, first, code }) => {
    const result = rank(
      [buildCandidate("other", older), buildCandidate("kids", { ...newer, hasChildren: true })],
      {
        vacancy: { rooms },
        settings: { childrenPriorityMinRooms: minRooms },
      },
    );
    expect(rankedIds(result)[0]).toBe(first);
    const params = code === "children_off" ? {} : { rooms, minRooms };
    expect(result.steps).toContainEqual({ code, params });
  });
});

describe("seniority and ties", () => {
  it("orders by seniority date, then application id, whatever the input order", () => {
    const candidates = [
      buildCandidate("b", { seniorityDate: "2015-03-01" }),
      buildCandidate("c", { seniorityDate: "2012-01-01" }),
      buildCandidate("a", { seniorityDate: "2015-03-01" }),
      buildCandidate("A", { seniorityDate: "2015-03-01" }),
    ];
    expect(rankedIds(rank(candidates))).toEqual(["c", "A", "a", "b"]);
    expect(rankedIds(rank([...candidates].reverse()))).toEqual(["c", "A", "a", "b"]);
  });

  it("explains the whole ranking in steps", () => {
    const result = rank(
      [buildCandidate("a", { list: "internal" }), buildCandidate("b"), buildCandidate("c")],
      {
        history: { familyUnitsSinceMunicipal: 1, lastListLetting: "internal" },
      },
    );
    expect(rankedIds(result)).toEqual(["b", "c", "a"]);
    expect(result.steps).toEqual([
      { code: "municipal_not_turn", params: { unitNumber: 2, every: 4 } },
      { code: "candidates", params: { total: 3, eligible: 3, excluded: 0 } },
      { code: "rehousing_priority", params: {} },
      { code: "flexible_off", params: {} },
      { code: "children_priority", params: { rooms: 3, minRooms: 3 } },
      {
        code: "list_alternation",
        params: { first: "external", every: 2, last: "internal", externalInRow: 0 },
      },
      { code: "group_size", params: { group: "external", count: 2 } },
      { code: "group_size", params: { group: "internal", count: 1 } },
      { code: "seniority_within_groups", params: { tieBreak: "application_id" } },
    ]);
  });
});
