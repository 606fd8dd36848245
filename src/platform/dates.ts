import type { Clock } from "./clock.ts";

const copenhagenDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's calendar date (YYYY-MM-DD) in Europe/Copenhagen, where every deadline is counted. */
export const todayInCopenhagen = (clock: Clock): string => copenhagenDate.format(clock.now());

export function formatDate(isoDate: string, lang: "da" | "en"): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(lang === "da" ? "da-DK" : "en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** Money is integer øre; shown as Danish kroner. */
export function formatKroner(ore: number, lang: "da" | "en"): string {
  return new Intl.NumberFormat(lang === "da" ? "da-DK" : "en-GB", {
    style: "currency",
    currency: "DKK",
  }).format(ore / 100);
}
