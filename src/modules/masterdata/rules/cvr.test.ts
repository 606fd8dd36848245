import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cvrCheckDigit, cvrSchema, isValidCvr } from "./index.ts";

describe("CVR", () => {
  it.each([
    ["10000009", true],
    ["12345674", true],
    ["20000007", true],
    ["50000001", true],
    ["12345675", false],
    ["87654321", false],
    ["00000000", false], // the sum is 0, but a CVR number never starts with 0
    ["1234567", false],
    ["123456740", false],
    ["1234567a", false],
  ])("%j → %s", (cvr, valid) => {
    expect(isValidCvr(cvr)).toBe(valid);
  });

  it("the schema accepts the printed form with spaces", () => {
    expect(cvrSchema.parse("12 34 56 74")).toBe("12345674");
    expect(cvrSchema.safeParse("12345675").error?.issues[0]?.message).toBe("masterdata.errors.cvr");
  });

  it.each([
    ["1234567", 4],
    ["1000000", 9],
    ["8765432", null],
    ["0123456", null],
    ["123456", null],
  ])("check digit for %j is %s", (prefix, digit) => {
    expect(cvrCheckDigit(prefix)).toBe(digit);
  });

  it("the computed check digit validates, and no other digit does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 9_999_999 }), (n) => {
        const prefix = String(n);
        const digit = cvrCheckDigit(prefix);
        for (let d = 0; d <= 9; d++) expect(isValidCvr(`${prefix}${d}`)).toBe(d === digit);
      }),
    );
  });
});
