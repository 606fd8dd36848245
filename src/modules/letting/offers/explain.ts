import type { TFunction } from "i18next";
import { formatDate } from "../../../platform/dates.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import type { ExcludedCandidate, ExplanationStep, Params, RankedCandidate } from "../ranking/index.ts";

/** A stored decision (offer_rounds.decision_json) as the ranking wrote it. */
export interface StoredDecision {
  mode: "municipal_assignment" | "lists";
  steps: ExplanationStep[];
  ranked: RankedCandidate[];
  excluded: ExcludedCandidate[];
  today: string;
}

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Parameters made readable: dates formatted, list and group codes translated. */
function readable(t: TFunction, lang: Lang, params: Params = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = isDate(v) ? formatDate(v, lang) : v;
  if (typeof params.list === "string") out.listText = t(`letting.ranking.list.${params.list}`);
  if (typeof params.first === "string") out.firstText = t(`letting.ranking.list.${params.first}`);
  if (typeof params.group === "string") out.groupText = t(`letting.ranking.group.${params.group}`);
  if (typeof params.reason === "string") out.reasonText = t(`letting.ranking.exclusion.${params.reason}`);
  return out;
}

export const stepText = (t: TFunction, lang: Lang, s: ExplanationStep): string =>
  t(`letting.ranking.step.${s.code}`, readable(t, lang, s.params));

/** The applicant's own line: why they stand where they stand. */
export const reasonText = (t: TFunction, lang: Lang, r: Pick<RankedCandidate, "reason">): string =>
  t(`letting.ranking.reason.${r.reason.code}`, readable(t, lang, r.reason.params));

export const exclusionText = (t: TFunction, e: Pick<ExcludedCandidate, "reason">): string =>
  t(`letting.ranking.exclusion.${e.reason}`);

/** What happened with an offer, for the applicant (null while undecided). */
export function outcomeText(
  t: TFunction,
  lang: Lang,
  outcome: Record<string, unknown> | null,
): string | null {
  if (!outcome || typeof outcome.code !== "string") return null;
  return t(`letting.ranking.outcome.${outcome.code}`, readable(t, lang, (outcome.params ?? {}) as Params));
}

/** The whole ranking for staff: every step, every ranked and every excluded applicant with a reason. */
export function explainDecision(t: TFunction, lang: Lang, d: StoredDecision) {
  return {
    steps: d.steps.map((s) => stepText(t, lang, s)),
    ranked: d.ranked.map((r) => ({
      applicationId: r.applicationId,
      position: r.position,
      group: t(`letting.ranking.group.${r.group}`),
      text: reasonText(t, lang, r),
    })),
    excluded: d.excluded.map((e) => ({ applicationId: e.applicationId, text: exclusionText(t, e) })),
  };
}
