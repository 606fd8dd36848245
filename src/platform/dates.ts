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

/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no daylight-saving hour shifts a day. */

const toDate = (iso: string): Date => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const toIso = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** Whole months later; the 31st becomes the last day of a shorter month (29 Feb → 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d!, lastDay));
  return toIso(first);
}

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, 12 * years);
}

/** Age in whole years on a date (a birthday counts from the day itself). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  const beforeBirthday = m! < bm! || (m === bm && d! < bd!);
  return y! - by! - (beforeBirthday ? 1 : 0);
}

/** The calendar date in Copenhagen of an instant (a YYYY-MM-DD string is taken as it is). */
export function copenhagenDateOf(at: string | Date): string {
  if (typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  return copenhagenDate.format(typeof at === "string" ? new Date(at) : at);
}

/** A real calendar date written YYYY-MM-DD (not 2027-02-30). */
export const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && toIso(toDate(value)) === value;

/** The later of two ISO dates (they sort as text). */
export const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);
