import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DateStyle,
  formatBoolean,
  formatDate,
  formatDecimal,
  formatOre,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseKronerToOre,
} from "./values.ts";

describe("parseDecimal", () => {
  it.each([
    ["1.234,50", 1234.5],
    ["1234.50", 1234.5],
    ["1234,5", 1234.5],
    ["1,234.50", 1234.5],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1 234,50", 1234.5],
    ["1\u00a0234,50", 1234.5],
    [" -12,5 ", -12.5],
    ["\u221212,5", -12.5],
    ["+3", 3],
    ["0,001", 0.001],
    ["007", 7],
    ["-0", 0],
    ["1.234", 1.234], // ambiguous: without a mark, a single separator is the decimal mark
    ["1,234", 1.234],
  ])("%j → %d", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it("reads the ambiguous forms by the file's decimal mark", () => {
    expect(parseDecimal("1.234", ",")).toBe(1234);
    expect(parseDecimal("1,234", ".")).toBe(1234);
    expect(parseDecimal("1,234", ",")).toBe(1.234);
    expect(parseDecimal("12.5", ",")).toBe(12.5); // not three digits: still a decimal point
  });

  it.each([
    "",
    " ",
    "abc",
    "1,2,3",
    "12,34,567",
    "1.234,5.6",
    "1 234.567,5",
    "1e5",
    "--1",
    "1.",
    ",5",
    "NaN",
    "Infinity",
    "1 2",
    "12 kr",
  ])("%j is not a number", (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it("round-trips formatDecimal for every finite number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), (n, decimalComma) => {
        const text = formatDecimal(n, { decimalComma });
        expect(text).not.toMatch(/e/i);
        expect(parseDecimal(text)).toBe(n === 0 ? 0 : n);
        expect(parseDecimal(text, decimalComma ? "," : ".")).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it("formats without exponents or grouping", () => {
    expect(formatDecimal(1234.5)).toBe("1234,5");
    expect(formatDecimal(-0.25, { decimalComma: false })).toBe("-0.25");
    expect(formatDecimal(1e21)).toBe("1000000000000000000000");
    expect(formatDecimal(1.5e-7)).toBe("0,00000015");
    expect(() => formatDecimal(Number.NaN)).toThrow(RangeError);
  });
});

describe("parseKronerToOre", () => {
  it.each([
    ["5.432,50", 543250],
    ["5432,5", 543250],
    ["5,432.50", 543250],
    ["0,01", 1],
    ["-0,01", -1],
    ["-0", 0],
    ["1.000", 100000], // amounts have two decimals, so three digits after the separator are a group
    ["1,000", 100000],
    ["1,000", 100, ","],
    ["1,005", 100500],
    ["12,500", 1250, ","],
    ["1,50", 150],
    ["0,10", 10],
    ["1,2000", 120],
    ["90071992547409,91", 9007199254740991],
  ] as const)("%j → %d øre", (text, ore, mark?: "," | ".") => {
    expect(parseKronerToOre(text, mark)).toBe(ore);
  });

  it.each(["0,001", "1,2345", "abc", "", "90071992547409,92", "1e3"])("%j is not an amount", (text) => {
    expect(parseKronerToOre(text)).toBeUndefined();
  });

  it("never rounds", () => {
    expect(parseKronerToOre("1,005", ",")).toBeUndefined();
  });

  it("is exact where floats are not", () => {
    expect(parseKronerToOre("0,29")).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(parseKronerToOre("1.152,57")).toBe(115257);
  });

  it("round-trips formatOre for every safe integer", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), fc.boolean(), (ore, decimalComma, grouping) => {
        const text = formatOre(ore, { decimalComma, grouping });
        expect(parseKronerToOre(text)).toBe(ore === 0 ? 0 : ore);
        expect(parseKronerToOre(text, decimalComma ? "," : ".")).toBe(ore === 0 ? 0 : ore);
      }),
    );
  });

  it("formats øre as kroner", () => {
    expect(formatOre(543250)).toBe("5432,50");
    expect(formatOre(543250, { grouping: true })).toBe("5.432,50");
    expect(formatOre(123456789, { grouping: true, decimalComma: false })).toBe("1,234,567.89");
    expect(formatOre(-5)).toBe("-0,05");
    expect(() => formatOre(1.5)).toThrow(RangeError);
  });
});

describe("parseDate", () => {
  it.each([
    ["2026-11-27", "2026-11-27"],
    ["27-11-2026", "2026-11-27"],
    ["27.11.2026", "2026-11-27"],
    ["27/11/2026", "2026-11-27"],
    ["1.2.2026", "2026-02-01"],
    [" 29-02-2024 ", "2024-02-29"],
    ["29-02-2000", "2000-02-29"],
  ])("%j → %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    "31-02-2026",
    "29-02-2026",
    "29-02-1900",
    "2026-13-01",
    "00-01-2026",
    "27-11-26",
    "27-11/2026",
    "11/27/2026",
    "2026-11-27T10:00",
    "0000-01-01",
    "i går",
    "",
  ])("%j is not a date", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it("round-trips formatDate in every style", () => {
    const day = fc
      .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const style = fc.constantFrom<DateStyle>("dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd");
    fc.assert(
      fc.property(day, style, (iso, s) => {
        expect(parseDate(formatDate(iso, s))).toBe(iso);
      }),
    );
  });

  it("formats the Danish way by default and rejects non-dates", () => {
    expect(formatDate("2026-11-27")).toBe("27-11-2026");
    expect(() => formatDate("2026-02-30")).toThrow(RangeError);
  });
});

describe("parseBoolean", () => {
  it.each([
    ["ja", true],
    ["Ja", true],
    ["true", true],
    ["1", true],
    [" x ", true],
    ["X", true],
    ["nej", false],
    ["NEJ", false],
    ["false", false],
    ["0", false],
    ["", false],
    ["  ", false],
  ])("%j → %s", (text, value) => {
    expect(parseBoolean(text)).toBe(value);
  });

  it.each(["måske", "2", "yes please"])("%j is neither", (text) => {
    expect(parseBoolean(text)).toBeUndefined();
  });

  it("round-trips formatBoolean", () => {
    expect(parseBoolean(formatBoolean(true))).toBe(true);
    expect(parseBoolean(formatBoolean(false))).toBe(false);
  });
});
