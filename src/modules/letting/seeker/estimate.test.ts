import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateWait } from "./estimate.ts";

describe("estimateWait", () => {
  it("gives no estimate without lettings or a place", () => {
    expect(estimateWait(3, 0)).toEqual({ kind: "none" });
    expect(estimateWait(null, 10)).toEqual({ kind: "none" });
  });

  it("divides the place by the lettings per year, ±30 %", () => {
    // 12 lettings in 24 months = 6 a year; place 6 → about a year → 8–16 months.
    expect(estimateWait(6, 12)).toEqual({ kind: "months", low: 8, high: 16, lettingsPerYear: 6 });
    // 2 lettings in 24 months = 1 a year; place 10 → about 10 years → 7–13 years.
    expect(estimateWait(10, 2)).toEqual({ kind: "years", low: 7, high: 13, lettingsPerYear: 1 });
  });

  it("never shrinks for a later place, and the range is never empty", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 500 }), (rank, lettings) => {
        const here = estimateWait(rank, lettings);
        const behind = estimateWait(rank + 1, lettings);
        if (here.kind === "none" || behind.kind === "none") return false;
        const inMonths = (e: typeof here) => (e.kind === "years" ? e.high * 12 : e.high);
        return here.low <= here.high && inMonths(behind) >= inMonths(here);
      }),
    );
  });
});
