/**
 * The expected waiting time on a department's list, from the lettings of the last 24 months
 * (vacancies let to the same list): lettings per year = lettings / 2; the wait ≈ place ÷ lettings
 * per year, shown as a range of ±30 %. None when the department let nothing from the list.
 */
export const estimateWindowMonths = 24;
export const estimateSpread = 0.3;

export type WaitEstimate =
  | { kind: "none" }
  | { kind: "months" | "years"; low: number; high: number; lettingsPerYear: number };

export function estimateWait(rank: number | null, lettingsInWindow: number): WaitEstimate {
  if (rank === null || lettingsInWindow <= 0) return { kind: "none" };
  const lettingsPerYear = lettingsInWindow / (estimateWindowMonths / 12);
  const months = (rank / lettingsPerYear) * 12;
  const low = Math.max(0, Math.floor(months * (1 - estimateSpread)));
  const high = Math.max(1, Math.ceil(months * (1 + estimateSpread)));
  if (high < 24) return { kind: "months", low, high, lettingsPerYear };
  return { kind: "years", low: Math.floor(low / 12), high: Math.ceil(high / 12), lettingsPerYear };
}
