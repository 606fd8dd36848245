import { copenhagenInstant } from "../../../platform/dates.ts";

/** YYYY-MM-DD plus whole days (calendar arithmetic, no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus whole months; the 31st of a short month falls to its last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const last = new Date(Date.UTC(y!, m! - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y!, m! - 1 + months, Math.min(d!, last))).toISOString().slice(0, 10);
}

/**
 * The answer deadline: the last second of the day `days` after `today`, in Copenhagen — so an
 * offer made before the autumn change still ends at 23:59:59 local time (22:59:59Z in CET).
 */
export function answerDeadline(today: string, days: number): Date {
  const lastHour = copenhagenInstant(addDays(today, days), 23);
  return new Date(lastHour.getTime() + 59 * 60_000 + 59_000);
}
