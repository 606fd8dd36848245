import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cprCentury, cprHashKey, cprLookupHash, cprSchema, maskCpr, parseCpr } from "./index.ts";

describe("CPR", () => {
  it.each([
    ["010100-0000", "1900-01-01"],
    ["0101000000", "1900-01-01"],
    [" 311299-3999 ", "1999-12-31"],
    // 7th digit 4 and 9: YY ≤ 36 is the 2000s, otherwise the 1900s.
    ["010136-4000", "2036-01-01"],
    ["010137-4000", "1937-01-01"],
    ["010136-9000", "2036-01-01"],
    ["010137-9000", "1937-01-01"],
    // 7th digit 5–8: YY ≤ 57 is the 2000s, otherwise the 1800s.
    ["010157-5000", "2057-01-01"],
    ["010158-5000", "1858-01-01"],
    ["311257-8000", "2057-12-31"],
    ["010158-8000", "1858-01-01"],
    // 29 February: 2000 was a leap year (divisible by 400), 1900 was not; 1860 and 1996 were.
    ["290200-4000", "2000-02-29"],
    ["290200-5000", "2000-02-29"],
    ["290260-5000", "1860-02-29"],
    ["290296-1000", "1996-02-29"],
  ])("%j is born %s", (cpr, birthDate) => {
    const result = parseCpr(cpr);
    expect(result).toEqual({ ok: true, normalised: cpr.trim().replace(/^(\d{6})-?/, "$1-"), birthDate });
  });

  it("accepts a number that fails modulus 11 (issued since 2007)", () => {
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    const digits = "0101004000";
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i], 0);
    expect(sum % 11).not.toBe(0);
    expect(parseCpr(digits)).toMatchObject({ ok: true, birthDate: "2000-01-01" });
  });

  it.each([
    ["290200-0000", "masterdata.errors.cpr_date"], // 1900 was not a leap year
    ["290200-3999", "masterdata.errors.cpr_date"],
    ["290297-1000", "masterdata.errors.cpr_date"],
    ["290201-5000", "masterdata.errors.cpr_date"], // 2001 was not a leap year
    ["320100-1000", "masterdata.errors.cpr_date"],
    ["311100-1000", "masterdata.errors.cpr_date"],
    ["000100-1000", "masterdata.errors.cpr_date"],
    ["011300-1000", "masterdata.errors.cpr_date"],
    ["010100-100", "masterdata.errors.cpr_format"],
    ["010100--1000", "masterdata.errors.cpr_format"],
    ["01010-01000", "masterdata.errors.cpr_format"],
    ["010100 1000", "masterdata.errors.cpr_format"],
    ["abcdef-ghij", "masterdata.errors.cpr_format"],
    ["", "masterdata.errors.cpr_format"],
  ])("%j is rejected with %s", (cpr, error) => {
    expect(parseCpr(cpr)).toEqual({ ok: false, error });
  });

  it.each([
    [0, 0, 1900],
    [3, 99, 1900],
    [4, 36, 2000],
    [4, 37, 1900],
    [9, 36, 2000],
    [9, 37, 1900],
    [5, 57, 2000],
    [5, 58, 1800],
    [8, 57, 2000],
    [8, 58, 1800],
  ])("7th digit %i with YY %i is century %i", (seventh, yy, century) => {
    expect(cprCentury(seventh, yy)).toBe(century);
  });

  it.each([
    ["010100-1234", "010100-XXXX"],
    ["0101001234", "010100-XXXX"],
    ["not a cpr", "XXXXXX-XXXX"],
    ["0101001", "XXXXXX-XXXX"],
  ])("masks %j as %j", (cpr, masked) => {
    expect(maskCpr(cpr)).toBe(masked);
  });

  /** A valid CPR number built from its parts, so every date the century table allows is reached. */
  const validCpr = fc
    .record({
      seventh: fc.integer({ min: 0, max: 9 }),
      yy: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      rest: fc.integer({ min: 0, max: 999 }),
      dash: fc.boolean(),
    })
    .map(({ seventh, yy, month, day, rest, dash }) => {
      const year = cprCentury(seventh, yy) + yy;
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const d = Math.min(day, lastDay);
      const p2 = (n: number) => String(n).padStart(2, "0");
      const cpr = `${p2(d)}${p2(month)}${p2(yy)}${dash ? "-" : ""}${seventh}${String(rest).padStart(3, "0")}`;
      return { cpr, birthDate: `${year}-${p2(month)}-${p2(d)}` };
    });

  it("every valid number parses, round-trips, and masks to its first 6 digits", () => {
    fc.assert(
      fc.property(validCpr, ({ cpr, birthDate }) => {
        const result = parseCpr(cpr);
        if (!result.ok) throw new Error(`rejected ${cpr}: ${result.error}`);
        expect(result.birthDate).toBe(birthDate);
        expect(parseCpr(result.normalised)).toEqual(result);
        const masked = maskCpr(result.normalised);
        expect(masked).toBe(`${cpr.slice(0, 6)}-XXXX`);
        expect(maskCpr(cpr)).toBe(masked);
      }),
    );
  });

  it("the schema normalises and reports i18n keys", () => {
    expect(cprSchema.parse("0101004000")).toBe("010100-4000");
    expect(cprSchema.safeParse("290200-0000").error?.issues[0]?.message).toBe("masterdata.errors.cpr_date");
    expect(cprSchema.safeParse("12345").error?.issues[0]?.message).toBe("masterdata.errors.cpr_format");
  });

  describe("look-up hash", () => {
    const key = randomBytes(32);

    it("is a keyed HMAC-SHA256, the same for both spellings", () => {
      const hash = cprLookupHash(key, "010100-4000");
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(cprLookupHash(key, "0101004000")).toBe(hash);
      expect(cprLookupHash(key, "010100-4001")).not.toBe(hash);
      expect(cprLookupHash(randomBytes(32), "010100-4000")).not.toBe(hash);
    });

    it("uses a sub-key that differs from the data key", () => {
      const subKey = cprHashKey(key);
      expect(subKey).toHaveLength(32);
      expect(subKey.equals(key)).toBe(false);
      expect(cprHashKey(Buffer.from(key)).equals(subKey)).toBe(true);
    });

    it("refuses an invalid number without echoing it", () => {
      expect(() => cprLookupHash(key, "310200-1234")).toThrow(RangeError);
      expect(() => cprLookupHash(key, "310200-1234")).not.toThrow(/310200/);
    });
  });
});
