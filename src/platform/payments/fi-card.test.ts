import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fiCheckDigit, fiPaymentId, fiPaymentLine, isValidFiPaymentId } from "./fi-card.ts";

describe("FI-kort +71", () => {
  it.each([
    // Worked by hand: from the right 2,1,2,1…; 7×2=14 → 1+4=5.
    ["00000000000007", 5],
    ["00000000000001", 8],
    ["00000000000010", 9],
    ["00000000000000", 0],
    ["12345678901234", 7],
  ])("check digit of %s is %i", (body, digit) => {
    expect(fiCheckDigit(body)).toBe(digit);
  });

  it("builds the payment line", () => {
    expect(fiPaymentLine(fiPaymentId(7), "81234567")).toBe("+71<000000000000075+81234567<");
    expect(() => fiPaymentLine("000000000000076", "81234567")).toThrow();
    expect(() => fiPaymentLine(fiPaymentId(7), "71234567")).toThrow();
  });

  it("catches every single-digit typo", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }),
        fc.nat(14),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, add) => {
          const id = fiPaymentId(n.toString());
          expect(isValidFiPaymentId(id)).toBe(true);
          const typo = id.slice(0, pos) + String((Number(id[pos]) + add) % 10) + id.slice(pos + 1);
          expect(isValidFiPaymentId(typo)).toBe(false);
        },
      ),
    );
  });
});
