import { describe, expect, it } from "vitest";
import { bbrBuildingUse, energyLabelSchema, isDwellingUseCode } from "./index.ts";

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
