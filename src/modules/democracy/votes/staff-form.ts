import { copenhagenInstant } from "../../../platform/dates.ts";

/**
 * A Danish wall-clock date and time from a form ("2026-12-01", "08:30") as an ISO instant. Field
 * errors go into `errors` under `<prefix>_date` and `<prefix>_time`; the answer is then null.
 */
export function copenhagenTime(
  date: string,
  time: string,
  prefix: string,
  errors: Record<string, string>,
): string | null {
  const parsed = new Date(`${date}T00:00:00Z`);
  // A date that is not one (30 February) does not survive the round trip.
  const dateOk =
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(date);
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const hour = m ? Number(m[1]) : -1;
  const minute = m ? Number(m[2]) : -1;
  if (!dateOk) errors[`${prefix}_date`] = "votes.errors.date";
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) errors[`${prefix}_time`] = "votes.errors.time";
  if (errors[`${prefix}_date`] || errors[`${prefix}_time`]) return null;
  return new Date(copenhagenInstant(date, hour).getTime() + minute * 60_000).toISOString();
}
