import { describe, expect, it } from "vitest";
import { defaultLettingSettings } from "../settings.ts";
import { DuplicateApplicationError, rankCandidates } from "./rank.ts";
import {
  buildCandidate,
  buildHistory,
  buildVacancy,
  rank,
  rankedIds,
  type Scenario,
  settingsWith,
  TODAY,
} from "./test-support.ts";
import { type Params, rankingCodes, type StepCode } from "./types.ts";

describe("municipal assignment turn", () => {
  const cases: { name: string; s: Scenario; mode: string; step: StepCode; params?: Params }[] = [
    {
      name: "4th family unit",
      s: { history: { familyUnitsSinceMunicipal: 3 } },
      mode: "municipal_assignment",
      step: "municipal_turn",
      params: { unitNumber: 4, every: 4 },
    },
    {
      name: "8th family unit",
      s: { history: { familyUnitsSinceMunicipal: 7 } },
      mode: "municipal_assignment",
      step: "municipal_turn",
      params: { unitNumber: 8, every: 4 },
    },
    {
      name: "3rd family unit",
      s: { history: { familyUnitsSinceMunicipal: 2 } },
      mode: "lists",
      step: "municipal_not_turn",
      params: { unitNumber: 3, every: 4 },
    },
    {
      name: "1st family unit",
      s: {},
      mode: "lists",
      step: "municipal_not_turn",
      params: { unitNumber: 1, every: 4 },
    },
    {
      name: "every 3rd (urban renewal)",
      s: { settings: { municipalAssignmentEvery: 3 }, history: { familyUnitsSinceMunicipal: 2 } },
      mode: "municipal_assignment",
      step: "municipal_turn",
      params: { unitNumber: 3, every: 3 },
    },
    {
      name: "every unit",
      s: { settings: { municipalAssignmentEvery: 1 } },
      mode: "municipal_assignment",
      step: "municipal_turn",
      params: { unitNumber: 1, every: 1 },
    },
    {
      name: "exempt department",
      s: { settings: { municipalAssignmentExempt: true }, history: { familyUnitsSinceMunicipal: 3 } },
      mode: "lists",
      step: "municipal_exempt",
    },
    {
      name: "off (0)",
      s: { settings: { municipalAssignmentEvery: 0 }, history: { familyUnitsSinceMunicipal: 3 } },
      mode: "lists",
      step: "municipal_off",
    },
    {
      name: "youth unit",
      s: { vacancy: { unitKind: "youth" }, history: { familyUnitsSinceMunicipal: 3 } },
      mode: "lists",
      step: "municipal_not_family",
      params: { unitKind: "youth" },
    },
    {
      name: "senior unit",
      s: { vacancy: { unitKind: "senior" }, history: { familyUnitsSinceMunicipal: 3 } },
      mode: "lists",
      step: "municipal_not_family",
      params: { unitKind: "senior" },
    },
  ];

  it.each(cases)("$name → $mode ($step)", ({ s, mode, step, params }) => {
    const result = rank([buildCandidate("a", { educationDocumented: true, municipalReferral: true })], s);
    expect(result.mode).toBe(mode);
    expect(result.steps[0]).toEqual({ code: step, params: params ?? {} });
    if (mode === "municipal_assignment") {
      // Staff record the municipality's referral instead: nobody is ranked or passed over.
      expect(result).toMatchObject({ ranked: [], excluded: [], steps: [{ code: "municipal_turn" }] });
    } else {
      expect(rankedIds(result)).toEqual(["a"]);
    }
  });
});

describe("the decision record", () => {
  it("keeps a copy of the settings in force and the day", () => {
    const settings = settingsWith({ flexibleSharePercent: 30, flexibleCriteria: ["divorce"] });
    const result = rankCandidates(buildVacancy(), [buildCandidate("a")], settings, buildHistory(), TODAY);
    expect(result.settings).toEqual(settings);
    expect(result.today).toBe(TODAY);
    settings.flexibleSharePercent = 99;
    settings.flexibleCriteria.push("care");
    expect(result.settings).toMatchObject({ flexibleSharePercent: 30, flexibleCriteria: ["divorce"] });
  });

  it("records the settings with a municipal assignment too", () => {
    const result = rank([], { history: { familyUnitsSinceMunicipal: 3 } });
    expect(result.settings).toEqual(defaultLettingSettings);
    expect(result.settings).not.toBe(defaultLettingSettings);
  });

  it("uses only listed codes, each once", () => {
    expect(new Set(rankingCodes).size).toBe(rankingCodes.length);
    const result = rank([buildCandidate("a"), buildCandidate("b", { status: "passive" })]);
    const used = [...result.steps, ...result.ranked.map((r) => r.reason)].map((e) => e.code);
    for (const code of [...used, ...result.excluded.map((e) => e.reason)]) {
      expect(rankingCodes).toContain(code);
    }
  });

  it("refuses two applications with the same id", () => {
    expect(() => rank([buildCandidate("a"), buildCandidate("a")])).toThrow(DuplicateApplicationError);
  });

  it("ranks nobody when nobody applies", () => {
    const result = rank([]);
    expect(result).toMatchObject({ mode: "lists", ranked: [], excluded: [] });
    expect(result.steps).toContainEqual({
      code: "candidates",
      params: { total: 0, eligible: 0, excluded: 0 },
    });
  });
});
