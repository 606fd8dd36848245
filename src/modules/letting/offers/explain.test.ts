import { describe, expect, it } from "vitest";
import { daLettingRanking } from "../../../platform/i18n/da-letting-ranking.ts";
import { daLettingStaff } from "../../../platform/i18n/da-letting-staff.ts";
import { enLettingRanking } from "../../../platform/i18n/en-letting-ranking.ts";
import { enLettingStaff } from "../../../platform/i18n/en-letting-staff.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { exclusionCodes, rankCandidates, reasonCodes, stepCodes } from "../ranking/index.ts";
import { buildCandidate, buildHistory, buildVacancy } from "../ranking/test-support.ts";
import { defaultLettingSettings } from "../settings.ts";
import { explainDecision, outcomeText } from "./explain.ts";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
const base = (k: string) => k.replace(/_(one|other)$/, "");

describe("ranking texts", () => {
  it("have the same keys in Danish and English", () => {
    expect(keys(enLettingRanking)).toEqual(keys(daLettingRanking));
    expect(keys(enLettingStaff)).toEqual(keys(daLettingStaff));
  });

  it("cover every code the engine exports", () => {
    const have = new Set([...keys(daLettingRanking), ...keys(daLettingRanking).map(base)]);
    for (const c of stepCodes) expect(have, c).toContain(`step.${c}`);
    for (const c of reasonCodes) expect(have, c).toContain(`reason.${c}`);
    for (const c of exclusionCodes) expect(have, c).toContain(`exclusion.${c}`);
  });

  it("explain every ranked and excluded applicant in both languages", () => {
    const candidates = [
      buildCandidate("a", { seniorityDate: "2015-01-01" }),
      buildCandidate("b", { seniorityDate: "2016-01-01", feePaid: false }),
      buildCandidate("c", { seniorityDate: "2014-01-01", list: "internal", hasChildren: true }),
    ];
    const history = buildHistory();
    const settings = { ...defaultLettingSettings, municipalAssignmentEvery: 0 };
    const result = rankCandidates(buildVacancy(), candidates, settings, history, "2026-11-27");
    for (const lang of ["da", "en"] as const) {
      const e = explainDecision(translator(lang), lang, result);
      expect(e.ranked.length + e.excluded.length).toBe(3);
      for (const line of [...e.steps, ...e.ranked.map((r) => r.text), ...e.excluded.map((x) => x.text)]) {
        expect(line).not.toMatch(/letting\.ranking|\{\{/);
      }
      expect(outcomeText(translator(lang), lang, { code: "outcome_lost_seniority" })).not.toMatch(
        /letting\./,
      );
    }
  });
});
