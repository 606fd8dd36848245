import type { TFunction } from "i18next";
import { formatDate, formatKroner } from "../../../platform/dates.ts";
import { AppError, ValidationError } from "../../../platform/errors.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import { translator } from "../../../platform/i18n/index.ts";
import type { Explanation } from "./deadlines.ts";
import type { AmountLine } from "./meetings.table.ts";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Parameters as the reader sees them: every YYYY-MM-DD value written as a date in their language. */
export function explanationParams(
  params: Record<string, string | number> | undefined,
  lang: Lang,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}))
    out[k] = typeof v === "string" && isoDate.test(v) ? formatDate(v, lang) : v;
  return out;
}

/** The explanation of a rule as a sentence ("Indkaldelsen skal ud senest …, fordi …"). */
export const explain = (t: TFunction, lang: Lang, e: Explanation): string =>
  String(t(e.key, explanationParams(e.params, lang)));

/**
 * A service's refusal with its dates written out in the reader's language, so a refusal says
 * "senest 1. september 2026", not "2026-09-01" (services know no language; the HTTP edge does).
 */
export function inLanguage(e: unknown, lang: Lang): unknown {
  if (!(e instanceof AppError) || !e.params) return e;
  const params = explanationParams(e.params, lang);
  if (e instanceof ValidationError && e.fields) return new ValidationError(e.fields, e.messageKey, params);
  return new AppError(e.code, e.messageKey, e.fields, params);
}

/** Runs a command and rethrows its refusal with dates in the reader's language. */
export async function withDatesIn<T>(lang: Lang, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw inLanguage(e, lang);
  }
}

/** A meeting's start as a reader says it: "tirsdag den 15. september 2026 kl. 19.00". */
export function meetingTime(startsAt: string, lang: Lang): string {
  return new Date(startsAt).toLocaleString(lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "Europe/Copenhagen",
    dateStyle: "full",
    timeStyle: "short",
  });
}

/** Amount lines as text for a letter. */
export const amountLinesForLetter = (lines: AmountLine[], lang: Lang): string =>
  lines.map((l) => `${l.label}: ${formatKroner(l.amountOre, lang)}`).join("\n");

export { translator };
