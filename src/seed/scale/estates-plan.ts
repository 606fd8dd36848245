import { fakerDA } from "@faker-js/faker";
import type { UnitKind } from "../../modules/masterdata/masterdata.table.ts";
import { cvrCheckDigit } from "../../modules/masterdata/rules/cvr.ts";
import {
  apportion,
  type Municipality,
  namePrefixes,
  nameSuffixes,
  numberChoices,
  type Random,
  roman,
  scaleCounts,
  streetSuffixes,
} from "./common.ts";

export interface Organisation {
  number: number;
  name: string;
  cvr: string;
  address: [street: string, houseNumber: string, floor: string, door: string, postcode: string, town: string];
  share: number;
  regions: readonly (readonly [string, number])[];
}

export type DepartmentType = "family" | "youth" | "senior";
export type Layout = "row" | "block" | "dorm";

export interface Department {
  org: Organisation;
  number: number;
  name: string;
  type: DepartmentType;
  layout: Layout;
  municipality: Municipality;
  town: string;
  postcode: string;
  constructionYear: number;
  units: number;
  buildings: number;
  rentPerM2: number;
  hasBoard: boolean;
}

export interface LetUnit {
  org: Organisation;
  unitNumber: string;
  kind: UnitKind;
  rooms: number;
  rentOre: number;
  /** Earliest month a tenancy can start (the year the department was built). */
  firstYear: number;
  startMonth: number;
  startDay: number;
}

/** A valid CVR number: weights 2,7,6,5,4,3,2,1, the sum divisible by 11. */
export function cvr(random: Random): string {
  for (;;) {
    const prefix = String(random.int(1_000_000, 9_999_999));
    const check = cvrCheckDigit(prefix);
    if (check !== null) return `${prefix}${check}`;
  }
}

export const regionRent: Record<string, number> = {
  "Region Hovedstaden": 1080,
  "Region Sjælland": 900,
  "Region Midtjylland": 930,
  "Region Syddanmark": 860,
  "Region Nordjylland": 830,
};

export const youthDecades = numberChoices("1960:2 1970:3 1990:2 2000:2 2010:3");
export const familyDecades = numberChoices(
  "1940:5 1950:11 1960:20 1970:22 1980:14 1990:10 2000:7 2010:8 2020:3",
);

/** Most estates are from the 1950s–70s; ældreboliger came with the 1987 act. */
export function constructionYear(random: Random, type: DepartmentType): number {
  if (type === "senior") return random.int(1982, 2022);
  const decade = random.weighted(type === "youth" ? youthDecades : familyDecades);
  return Math.min(2024, decade + random.int(0, 9));
}

/** House numbers along a street in one postcode, shared by every department there. */
export class Streets {
  private readonly used = new Map<string, number>();
  constructor(
    private readonly random: Random,
    private readonly prefixes: readonly string[],
  ) {}

  /** A street in the postcode not yet used by another department, when one can be found. */
  fresh(postcode: string, preferred?: string): string {
    if (preferred && !this.used.has(`${postcode}|${preferred}`)) return preferred;
    for (let attempt = 0; attempt < 40; attempt++) {
      const street = this.random.chance(0.7)
        ? fakerDA.location.street()
        : `${this.random.pick(this.prefixes)}${this.random.pick(streetSuffixes)}`;
      if (!this.used.has(`${postcode}|${street}`)) return street;
    }
    return `${this.random.pick(this.prefixes)}${this.random.pick(streetSuffixes)}`;
  }

  /** The next house number on the street (step 1 or 2), or null when the street is full. */
  take(postcode: string, street: string, step: number): number | null {
    const key = `${postcode}|${street}`;
    const next = this.used.get(key) ?? (step === 2 && this.random.chance(0.5) ? 2 : 1);
    if (next > 999) return null;
    this.used.set(key, next + step);
    return next;
  }
}

/** A department's current street; moves to another when the numbers run out. */
export class Cursor {
  street: string;
  constructor(
    private readonly streets: Streets,
    private readonly postcode: string,
    private readonly step: number,
    preferred?: string,
  ) {
    this.street = streets.fresh(postcode, preferred);
  }
  take(): { street: string; houseNumber: number } {
    for (;;) {
      const n = this.streets.take(this.postcode, this.street, this.step);
      if (n !== null) return { street: this.street, houseNumber: n };
      this.street = this.streets.fresh(this.postcode);
    }
  }
}

export const kindsInFamilyDepartments: [UnitKind, number][] = [
  ["family", 97.2],
  ["youth", 1.9],
  ["senior", 0.9],
];
export const roomsByKind: Record<UnitKind, [number, number][]> = {
  family: numberChoices("1:6 2:26 3:38 4:22 5:8"),
  youth: numberChoices("1:88 2:12"),
  senior: numberChoices("1:10 2:70 3:20"),
};
/** Floor area in m² (from, to) by kind and number of rooms. */
export const areaByKindAndRooms: Record<UnitKind, Record<number, [number, number]>> = {
  family: { 1: [30, 48], 2: [48, 70], 3: [68, 92], 4: [85, 112], 5: [100, 130] },
  youth: { 1: [28, 45], 2: [45, 60] },
  senior: { 1: [40, 55], 2: [55, 75], 3: [70, 90] },
};

export function chooseLayout(random: Random, type: DepartmentType, units: number): Layout {
  if (type === "youth") return "dorm";
  const rowShare = type === "senior" ? 0.6 : units < 40 ? 0.6 : units < 150 ? 0.3 : 0.1;
  return random.chance(rowShare) ? "row" : "block";
}

export interface StairwellShape {
  floors: number;
  doors: number;
  /** House numbers of row houses: "12A", "12B" … rather than 12, 14 … */
  letters: boolean;
}

export function stairwellShape(random: Random, d: Department): StairwellShape {
  let floors = random.int(3, 4);
  if (d.layout === "dorm") floors = random.int(3, 5);
  else if (d.type === "senior") floors = random.int(2, 3);
  else if (d.units >= 300) floors = random.int(4, 8);
  const doors = d.layout === "dorm" ? random.int(8, 14) : random.chance(0.7) ? 2 : 3;
  return { floors, doors, letters: random.chance(0.5) };
}

export interface Home {
  street: string;
  house: string;
  floor: string | null;
  door: string | null;
  floorIndex: number;
}

/**
 * The addresses of a building's homes: row houses each get a house number (or letter), blocks fill
 * stairwells floor by floor from the ground floor ("st"), doors tv/(mf)/th, or numbered in a kollegium.
 */
export function homesOf(
  random: Random,
  d: Department,
  shape: StairwellShape,
  cursor: Cursor,
  count: number,
): { homes: Home[]; storeys: number } {
  const homes: Home[] = [];
  if (d.layout === "row") {
    if (shape.letters && count <= 26) {
      const { street, houseNumber } = cursor.take();
      for (let k = 0; k < count; k++) {
        const house = count === 1 ? String(houseNumber) : `${houseNumber}${String.fromCharCode(65 + k)}`;
        homes.push({ street, house, floor: null, door: null, floorIndex: 0 });
      }
    } else {
      for (let k = 0; k < count; k++) {
        const { street, houseNumber } = cursor.take();
        homes.push({ street, house: String(houseNumber), floor: null, door: null, floorIndex: 0 });
      }
    }
    return { homes, storeys: 1 };
  }
  // Now and then a tower among the blocks of a big estate.
  const storeys = d.layout === "block" && d.units >= 300 && random.chance(0.08) ? 12 : shape.floors;
  const perStairwell = storeys * shape.doors;
  const sides = shape.doors === 2 ? ["tv", "th"] : ["tv", "mf", "th"];
  let stairwell = { street: "", house: "" };
  for (let k = 0; k < count; k++) {
    const inStairwell = k % perStairwell;
    if (inStairwell === 0) {
      const { street, houseNumber } = cursor.take();
      stairwell = { street, house: String(houseNumber) };
    }
    const floorIndex = Math.floor(inStairwell / shape.doors);
    const door =
      d.layout === "dorm" ? String((inStairwell % shape.doors) + 1) : sides[inStairwell % shape.doors]!;
    homes.push({ ...stairwell, floor: floorIndex === 0 ? "st" : String(floorIndex), door, floorIndex });
  }
  return { homes, storeys };
}

/**
 * Departments: how many per organisation, how big (log-normal: many small, a few with 300–1,000+
 * units), which kind, where, and how many buildings each.
 */
export function planDepartments(
  random: Random,
  orgs: Organisation[],
  municipalities: Municipality[],
): Department[] {
  const perOrg = apportion(
    orgs.map((o) => o.share),
    scaleCounts.departments,
    () => 1,
    () => scaleCounts.departments,
  );
  const sizeWeights = Array.from({ length: scaleCounts.departments }, () => Math.exp(1.05 * random.normal()));
  const sizes = apportion(
    sizeWeights,
    scaleCounts.units,
    () => 6,
    () => 2_000,
  );
  const types: DepartmentType[] = sizes.map(() => "family");
  // Whole youth (kollegier) and senior (ældreboliger) departments, chosen among the mid-sized.
  const pickType = (type: DepartmentType, target: number, minSize: number, maxSize: number) => {
    let total = 0;
    for (const i of random.shuffle(sizes.map((_, i) => i))) {
      if (total >= target) break;
      if (types[i] !== "family" || sizes[i]! < minSize || sizes[i]! > maxSize) continue;
      types[i] = type;
      total += sizes[i]!;
    }
  };
  pickType("youth", scaleCounts.units * 0.085, 20, 260);
  pickType("senior", scaleCounts.units * 0.042, 8, 140);

  const usedNames = new Set<string>();
  const departmentName = () => {
    const base = `${random.pick(namePrefixes)}${random.pick(nameSuffixes)}`;
    for (const r of roman) {
      if (!usedNames.has(base + r)) {
        usedNames.add(base + r);
        return base + r;
      }
    }
    return `${base} ${usedNames.size}`;
  };

  const departments: Department[] = [];
  let index = 0;
  for (const [o, org] of orgs.entries()) {
    let number = 0;
    for (let k = 0; k < perOrg[o]!; k++, index++) {
      number += 1 + (random.chance(0.08) ? random.int(1, 6) : 0);
      const region = random.weighted(org.regions);
      const municipality = random.weighted(
        municipalities.filter((m) => m.region === region).map((m) => [m, m.weight] as const),
      );
      const town = random.pick(municipality.towns);
      const type = types[index]!;
      const units = sizes[index]!;
      const year = constructionYear(random, type);
      const layout = chooseLayout(random, type, units);
      const newer = year >= 2000 ? 1.25 : year >= 1990 ? 1.1 : 1;
      departments.push({
        org,
        number,
        name: departmentName(),
        type,
        layout,
        municipality,
        town: town.name,
        postcode: random.pick(town.postcodes),
        constructionYear: year,
        units,
        buildings: 0,
        rentPerM2: regionRent[region]! * newer * (0.9 + random.next() * 0.2),
        hasBoard: random.chance(units >= 30 ? 0.85 : 0.5),
      });
    }
  }
  // Buildings: row houses hold a few homes each, blocks a dozen or more, a kollegium dozens.
  const unitsPerBuilding = (d: Department) =>
    d.layout === "row" ? 5 : d.layout === "dorm" ? 45 : d.units >= 300 ? 18 : 10;
  const buildingCounts = apportion(
    departments.map((d) => d.units / unitsPerBuilding(d)),
    scaleCounts.buildings,
    () => 1,
    (i) => departments[i]!.units,
  );
  departments.forEach((d, i) => {
    d.buildings = buildingCounts[i]!;
  });

  return departments;
}

/** Buildings and units, department by department, then the department itself; returns the let units. */
