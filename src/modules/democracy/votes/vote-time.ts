import type { TFunction } from "i18next";
import { addDays, copenhagenDateOf, formatDate } from "../../../platform/dates.ts";
import type { Lang } from "../../../platform/i18n/index.ts";

/**
 * When a vote opens or closes, as a reader says it. A ballot open "31 March – 6 April" closes at the
 * first instant of 7 April (Copenhagen); written as 7 April 00.00 it reads as a day too many, so a
 * closing at midnight is shown as the end of the day before: "6. april 2027 kl. 24.00" / "6 April
 * 2027, end of day". Every other instant is its Copenhagen date and time.
 */

const clock = {
  da: new Intl.DateTimeFormat("da-DK", {
    timeZone: "Europe/Copenhagen",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }),
};

/** The Copenhagen wall-clock time of an instant: "19.30" (da) or "19:30" (en). */
const timeOf = (at: Date, lang: Lang) => clock[lang].format(at);

export function voteTime(t: TFunction, lang: Lang, iso: string, edge: "opens" | "closes"): string {
  const at = new Date(iso);
  const date = copenhagenDateOf(at);
  const time = timeOf(at, lang);
  if (edge === "closes" && /^00\D00$/.test(time))
    return String(t("votes.time.end_of_day", { date: formatDate(addDays(date, -1), lang) }));
  return String(t("votes.time.at", { date: formatDate(date, lang), time }));
}
