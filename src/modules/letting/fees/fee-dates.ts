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

/** Age in whole years on a date (a birthday counts from the day itself). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  const beforeBirthday = m! < bm! || (m === bm && d! < bd!);
  return y! - by! - (beforeBirthday ? 1 : 0);
}

export const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && toIso(toDate(value)) === value;

/** The later of two ISO dates (they sort as text). */
export const laterDate = (a: string, b: string): string => (a.localeCompare(b) >= 0 ? a : b);
