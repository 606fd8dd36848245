import { addDays, copenhagenInstant } from "../../../platform/dates.ts";

/**
 * The answer deadline: the last second of the day `days` after `today`, in Copenhagen — so an
 * offer made before the autumn change still ends at 23:59:59 local time (22:59:59Z in CET).
 */
export function answerDeadline(today: string, days: number): Date {
  const lastHour = copenhagenInstant(addDays(today, days), 23);
  return new Date(lastHour.getTime() + 59 * 60_000 + 59_000);
}
