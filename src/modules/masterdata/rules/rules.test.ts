import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLineAddress } from "../address.ts";
import {
  addressSchema,
  bbrBuildingUse,
  checkPostcodeTown,
  cprCentury,
  cprHashKey,
  cprLookupHash,
  cprSchema,
  cvrCheckDigit,
  cvrSchema,
  energyLabelSchema,
  formatAddressLines,
  isDwellingUseCode,
  isValidCvr,
  maskCpr,
  municipalityCodeSchema,
  normaliseDoor,
  normaliseFloor,
  normaliseHouseNumber,
  parseCpr,
  postcodeTown,
  postcodeTowns,
  validateDoor,
  validateFloor,
  validateHouseNumber,
  validateMunicipalityCode,
  validatePostcode,
} from "./index.ts";

const validFloors = ["kl", ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `k${n}`), "st"].concat(
  Array.from({ length: 99 }, (_, i) => String(i + 1)),
);

describe("DAR house number", () => {
  it.each([
    ["1", true],
    ["12", true],
    ["12A", true],
    ["999", true],
    ["999Z", true],
    ["0", false],
    ["01", false],
    ["1000", false],
    ["12a", false],
    ["12AB", false],
    ["12 A", false],
    ["A", false],
    ["", false],
  ])("%j → %s", (value, valid) => {
    expect(validateHouseNumber(value)).toBe(valid);
  });

  it("normalises spaces and a lowercase letter", () => {
    expect(normaliseHouseNumber(" 12 a ")).toBe("12A");
  });
});

describe("DAR floor", () => {
  it.each([
    ["kl", true],
    ["k2", true],
    ["k9", true],
    ["st", true],
    ["1", true],
    ["99", true],
    ["k1", false],
    ["k10", false],
    ["100", false],
    ["0", false],
    ["01", false],
    ["St", false],
    ["1.", false],
    ["", false],
  ])("%j → %s", (value, valid) => {
    expect(validateFloor(value)).toBe(valid);
  });

  it.each([
    ["St.", "st"],
    ["ST", "st"],
    ["st", "st"],
    [" st. ", "st"],
    ["stuen", "st"],
    ["Kælder", "kl"],
    ["KL", "kl"],
    ["K2", "k2"],
    ["1.", "1"],
    ["12", "12"],
    ["constructor", "constructor"],
  ])("normalises %j → %j", (value, normalised) => {
    expect(normaliseFloor(value)).toBe(normalised);
  });

  it("every valid floor is its own normal form, and typed variants reach it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...validFloors),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (floor, upper, dot, spaces) => {
          expect(validateFloor(floor)).toBe(true);
          expect(normaliseFloor(floor)).toBe(floor);
          let typed = upper ? floor.toUpperCase() : floor;
          if (dot) typed = `${typed}.`;
          if (spaces) typed = `  ${typed} `;
          expect(normaliseFloor(typed)).toBe(floor);
          expect(normaliseFloor(normaliseFloor(typed))).toBe(floor);
        },
      ),
    );
  });

  it("normalising any text is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseFloor(normaliseFloor(s))).toBe(normaliseFloor(s));
        expect(normaliseDoor(normaliseDoor(s))).toBe(normaliseDoor(s));
        expect(normaliseHouseNumber(normaliseHouseNumber(s))).toBe(normaliseHouseNumber(s));
      }),
    );
  });
});

describe("DAR door", () => {
  it.each([
    ["tv", true],
    ["th", true],
    ["mf", true],
    ["1", true],
    ["9999", true],
    ["a", true],
    ["b", true],
    ["10000", false],
    ["0", false],
    ["012", false],
    ["A", false],
    ["TV", false],
    ["tv.", false],
    ["", false],
  ])("%j → %s", (value, valid) => {
    expect(validateDoor(value)).toBe(valid);
  });

  it.each([
    ["TV", "tv"],
    ["Th", "th"],
    ["MF.", "mf"],
    [" tv ", "tv"],
    ["12", "12"],
    ["A", "A"],
  ])("normalises %j → %j", (value, normalised) => {
    expect(normaliseDoor(value)).toBe(normalised);
  });

  const validDoor = fc.oneof(
    fc.constantFrom("tv", "th", "mf"),
    fc.integer({ min: 1, max: 9999 }).map(String),
    fc.constantFrom("a", "b", "c", "x", "æ", "ø", "å"),
  );

  it("every valid door is its own normal form, idempotently", () => {
    fc.assert(
      fc.property(validDoor, fc.boolean(), (door, spaces) => {
        expect(validateDoor(door)).toBe(true);
        expect(normaliseDoor(door)).toBe(door);
        const typed = spaces ? ` ${door.length === 2 ? door.toUpperCase() : door}. ` : door;
        expect(normaliseDoor(typed)).toBe(door);
        expect(normaliseDoor(normaliseDoor(typed))).toBe(door);
      }),
    );
  });
});

describe("postcodes and municipality codes", () => {
  it.each([
    ["1620", "København V"],
    ["8000", "Aarhus C"],
    ["0800", "Høje Taastrup"],
    ["5000", "Odense C"],
  ])("%s → %s", (postcode, town) => {
    expect(postcodeTown(postcode)).toBe(town);
    expect(validatePostcode(postcode)).toBe(true);
  });

  it.each(["0000", "800", "16200", "abcd", ""])("rejects %j", (postcode) => {
    expect(postcodeTown(postcode)).toBeUndefined();
    expect(validatePostcode(postcode)).toBe(false);
  });

  it("loads the whole list, keyed on 4 digits", () => {
    expect(postcodeTowns.size).toBe(1117);
    for (const postcode of postcodeTowns.keys()) expect(postcode).toMatch(/^\d{4}$/);
  });

  it("a town mismatch is a warning with the expected town", () => {
    expect(checkPostcodeTown("1620", "Aarhus C")).toEqual({
      key: "masterdata.warnings.postcode_town",
      params: { postcode: "1620", town: "Aarhus C", expected: "København V" },
    });
  });

  it.each([
    ["1620", "København V"],
    ["1620", " københavn  v "],
    ["8000", "AARHUS C"],
    ["0000", "Nowhere"],
  ])("no warning for %s %j", (postcode, town) => {
    expect(checkPostcodeTown(postcode, town)).toBeNull();
  });

  it.each([
    ["0101", true],
    ["0851", true],
    ["101", false],
    ["01011", false],
    ["abcd", false],
  ])("municipality code %j → %s", (code, valid) => {
    expect(validateMunicipalityCode(code)).toBe(valid);
    expect(municipalityCodeSchema.safeParse(code).success).toBe(valid);
  });
});

describe("addressSchema", () => {
  const typed = {
    street: " Vesterbrogade ",
    houseNumber: "12 a",
    floor: "3.",
    door: "TV",
    postcode: "1620",
    town: "København V",
  };

  it("normalises a typed address into DAR form", () => {
    const address = addressSchema.parse(typed);
    expect(address).toEqual({
      street: "Vesterbrogade",
      houseNumber: "12A",
      floor: "3",
      door: "tv",
      postcode: "1620",
      town: "København V",
    });
    expect(oneLineAddress(address)).toBe("Vesterbrogade 12A, 3. tv, 1620 København V");
  });

  it.each([undefined, null, "", "  "])("floor and door %j mean none", (blank) => {
    const address = addressSchema.parse({ ...typed, floor: blank, door: blank });
    expect(address.floor).toBeNull();
    expect(address.door).toBeNull();
  });

  it.each([
    [{ houseNumber: "0" }, "houseNumber", "masterdata.errors.house_number"],
    [{ houseNumber: "1000" }, "houseNumber", "masterdata.errors.house_number"],
    [{ floor: "k10" }, "floor", "masterdata.errors.floor"],
    [{ floor: "100" }, "floor", "masterdata.errors.floor"],
    [{ door: "10000" }, "door", "masterdata.errors.door"],
    [{ door: "A" }, "door", "masterdata.errors.door"],
    [{ postcode: "0000" }, "postcode", "masterdata.errors.postcode_unknown"],
    [{ postcode: "162" }, "postcode", "masterdata.errors.postcode"],
    [{ street: "  " }, "street", "masterdata.errors.street"],
    [{ town: "" }, "town", "masterdata.errors.town"],
  ])("%j fails on %s with %s", (change, path, key) => {
    const result = addressSchema.safeParse({ ...typed, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[path, key]]);
  });

  it("a town mismatch does not fail the schema", () => {
    expect(addressSchema.safeParse({ ...typed, town: "Aarhus C" }).success).toBe(true);
  });
});

describe("formatAddressLines", () => {
  const base = {
    street: "Vesterbrogade",
    houseNumber: "12A",
    floor: "3",
    door: "tv",
    postcode: "1620",
    town: "København V",
  };

  it("street line, then postcode line", () => {
    expect(formatAddressLines(base)).toEqual(["Vesterbrogade 12A, 3. tv", "1620 København V"]);
  });

  it("puts the supplementary town name between them", () => {
    expect(
      formatAddressLines({
        street: "Søndergade",
        houseNumber: "4",
        floor: null,
        door: null,
        postcode: "6091",
        town: "Bjert",
        supplementaryTownName: "Sønder Bjert",
      }),
    ).toEqual(["Søndergade 4", "Sønder Bjert", "6091 Bjert"]);
  });

  it("agrees with the one-line format for every floor and door", () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...validFloors)),
        fc.option(fc.constantFrom("tv", "th", "mf", "1", "9999", "a")),
        (floor, door) => {
          const a = { ...base, floor, door, supplementaryTownName: " " };
          expect(formatAddressLines(a).join(", ")).toBe(oneLineAddress(a));
        },
      ),
    );
  });
});

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

describe("energy label", () => {
  const label = { class: "B", serialNumber: "311234567", validFrom: "2020-05-01", validTo: "2030-05-01" };

  it.each(["A2020", "A2015", "A2010", "B", "C", "D", "E", "F", "G", " a2015 "])("accepts class %j", (cls) => {
    expect(energyLabelSchema.safeParse({ ...label, class: cls }).success).toBe(true);
  });

  it.each(["A", "A2000", "H", "A+", ""])("rejects class %j", (cls) => {
    const result = energyLabelSchema.safeParse({ ...label, class: cls });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["class", "masterdata.errors.energy_label_class"],
    ]);
  });

  it("upper-cases the class", () => {
    expect(energyLabelSchema.parse({ ...label, class: "a2020" }).class).toBe("A2020");
  });

  it.each([
    [{ validTo: "2020-05-01" }, "validTo", "masterdata.errors.energy_label_period"],
    [{ validTo: "2019-12-31" }, "validTo", "masterdata.errors.energy_label_period"],
    [{ validFrom: "2020-02-30" }, "validFrom", "masterdata.errors.date"],
    [{ validTo: "1.5.2030" }, "validTo", "masterdata.errors.date"],
    [{ serialNumber: "" }, "serialNumber", "masterdata.errors.energy_label_serial"],
    [{ serialNumber: "31 12" }, "serialNumber", "masterdata.errors.energy_label_serial"],
  ])("%j fails on %s with %s", (change, path, key) => {
    const result = energyLabelSchema.safeParse({ ...label, ...change });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[path, key]]);
  });

  it.each([
    [140, "Etagebolig-bygning, flerfamiliehus eller to-familiehus"],
    [150, "Kollegium"],
    [160, "Boligbygning til døgninstitution"],
    [190, "Anden bygning til helårsbeboelse"],
  ])("BBR use code %i is %s", (code, text) => {
    expect(bbrBuildingUse(code)).toBe(text);
    expect(isDwellingUseCode(code)).toBe(true);
  });

  it("non-dwelling codes have no text here", () => {
    expect(bbrBuildingUse(910)).toBeUndefined();
    expect(isDwellingUseCode(910)).toBe(false);
  });
});
