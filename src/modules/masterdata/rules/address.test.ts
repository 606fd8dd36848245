import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oneLineAddress } from "../address.ts";
import {
  addressSchema,
  checkPostcodeTown,
  formatAddressLines,
  municipalityCodeSchema,
  normaliseDoor,
  normaliseFloor,
  normaliseHouseNumber,
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
