import type { Clock } from "./clock.ts";

const copenhagenDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// The date in Copenhagen changes only on a whole minute (UTC offsets are whole hours), so the
// last answer holds for the rest of its minute.
let todayMinute = Number.NaN;
let today = "";

/** Today's calendar date (YYYY-MM-DD) in Europe/Copenhagen, where every deadline is counted. */
export function todayInCopenhagen(clock: Clock): string {
  const now = clock.now();
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== todayMinute) {
    today = copenhagenDate.format(now);
    todayMinute = minute;
  }
  return today;
}

// Building an Intl formatter costs far more than using one: one per language, made once.
const longDate = {
  da: new Intl.DateTimeFormat("da-DK", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
};

const kroner = {
  da: new Intl.NumberFormat("da-DK", { style: "currency", currency: "DKK" }),
  en: new Intl.NumberFormat("en-GB", { style: "currency", currency: "DKK" }),
};

/** Pages show the same few dates and amounts again and again; formatting still costs microseconds. */
const maxRemembered = 2000;
const remembered = { date: new Map<string, string>(), kroner: new Map<string, string>() };

function remember(map: Map<string, string>, key: string, format: () => string): string {
  let text = map.get(key);
  if (text === undefined) {
    text = format();
    if (map.size >= maxRemembered) map.clear();
    map.set(key, text);
  }
  return text;
}

export function formatDate(isoDate: string, lang: "da" | "en"): string {
  return remember(remembered.date, `${lang}${isoDate}`, () => {
    const [y, m, d] = isoDate.split("-").map(Number);
    const date = new Date(Date.UTC(y!, m! - 1, d!));
    // What toLocaleDateString answers for a date that is not one (format() would throw).
    return Number.isNaN(date.getTime()) ? "Invalid Date" : longDate[lang].format(date);
  });
}

/** Money is integer øre; shown as Danish kroner. */
export function formatKroner(ore: number, lang: "da" | "en"): string {
  return remember(remembered.kroner, `${lang}${ore}`, () => kroner[lang].format(ore / 100));
}

const copenhagenHour = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The instant a Copenhagen wall-clock hour occurs on a date (CET +1 or CEST +2). */
export function copenhagenInstant(isoDate: string, hour: number): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(y!, m! - 1, d!, hour - offset));
    if (Number(copenhagenHour.format(candidate)) === hour) return candidate;
  }
  // An hour skipped by the spring change (02:00) falls to the next hour that exists.
  return new Date(Date.UTC(y!, m! - 1, d!, hour - 1));
}

/** The next time the Copenhagen clock shows the hour, after `now` (e.g. tomorrow's 07:00 digest). */
export function nextCopenhagenHour(now: Date, hour: number): Date {
  const today = copenhagenDate.format(now);
  const candidate = copenhagenInstant(today, hour);
  if (candidate.getTime() > now.getTime()) return candidate;
  const [y, m, d] = today.split("-").map(Number);
  const tomorrow = new Date(Date.UTC(y!, m! - 1, d! + 1));
  return copenhagenInstant(tomorrow.toISOString().slice(0, 10), hour);
}
