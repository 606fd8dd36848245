import { fakerDA } from "@faker-js/faker";
import type { ImportKind } from "../../modules/masterdata/import/kinds.ts";
import type { UnitStatus } from "../../modules/masterdata/masterdata.table.ts";
import {
  apportion,
  type CsvFile,
  choices,
  kroner,
  namePrefixes,
  nameSuffixes,
  pad2,
  type Random,
  scaleCounts,
  streetLikeSuffixes,
  toOre,
  yesNo,
} from "./common.ts";
import {
  areaByKindAndRooms,
  Cursor,
  type Department,
  homesOf,
  kindsInFamilyDepartments,
  type LetUnit,
  roomsByKind,
  Streets,
  stairwellShape,
} from "./estates-plan.ts";

export async function writeEstates(
  random: Random,
  departments: Department[],
  out: Record<ImportKind, CsvFile>,
): Promise<LetUnit[]> {
  // Exactly 48,000 let units; ~3 % vacant, a few under renovation or not for letting.
  const status = new Array<UnitStatus>(scaleCounts.units).fill("let");
  const others = random
    .shuffle(Array.from({ length: scaleCounts.units }, (_, i) => i))
    .slice(0, scaleCounts.units - scaleCounts.tenancies);
  others.forEach((u, i) => {
    status[u] = i < 1_500 ? "vacant" : i < 1_850 ? "renovation" : "not_for_letting";
  });

  const streets = new Streets(random, namePrefixes);
  const letUnits: LetUnit[] = [];
  let unitIndex = 0;
  for (const d of departments) {
    const orgNo = d.org.number;
    const step = random.chance(0.5) ? 2 : 1;
    const nameSuffix = nameSuffixes.find((s) => d.name.endsWith(s));
    const ownStreet =
      nameSuffix && streetLikeSuffixes.has(nameSuffix) && !d.name.includes(" ") && random.chance(0.35)
        ? d.name
        : undefined;
    const cursors = Array.from(
      { length: Math.min(4, 1 + Math.floor(d.units / 220)) },
      (_, i) => new Cursor(streets, d.postcode, step, i === 0 ? ownStreet : undefined),
    );
    const perBuilding = apportion(
      Array.from({ length: d.buildings }, () => 0.6 + random.next() * 0.8),
      d.units,
      () => 1,
      () => d.units,
    );
    const shape = stairwellShape(random, d);
    let seq = 0;
    let main: { street: string; house: string } | undefined;
    for (let b = 0; b < d.buildings; b++) {
      const count = perBuilding[b]!;
      const cursor = cursors[b % cursors.length]!;
      const buildingNumber = `B${d.number}-${b + 1}`;
      const { homes, storeys } = homesOf(random, d, shape, cursor, count);
      const first = homes[0]!;
      main ??= { street: first.street, house: first.house };
      const year = Math.min(2025, d.constructionYear + (b > 0 && random.chance(0.15) ? random.int(1, 8) : 0));
      const useCode =
        d.layout === "dorm" ? "150" : d.layout === "row" ? (count === 2 ? "132" : "131") : "140";
      const label = energyLabel(random, year);
      await out.buildings.row([
        orgNo,
        d.number,
        buildingNumber,
        first.street,
        first.house,
        d.postcode,
        d.town,
        "",
        random.chance(0.3) ? fakerDA.string.uuid() : "",
        year,
        useCode,
        ...label,
      ]);
      const elevator = d.layout !== "row" && (storeys >= 5 || d.type === "senior" || random.chance(0.1));
      for (const home of homes) {
        seq++;
        const unitNumber = `${d.number}-${String(seq).padStart(4, "0")}`;
        // A few youth and senior homes in family departments too.
        const kind = d.type !== "family" ? d.type : random.weighted(kindsInFamilyDepartments);
        const rooms = random.weighted(roomsByKind[kind]);
        const [lo, hi] = areaByKindAndRooms[kind][rooms]!;
        const area = random.int(lo, hi);
        const half = random.chance(0.1);
        let rent = 650 + ((area + (half ? 0.5 : 0)) * d.rentPerM2 * (0.97 + random.next() * 0.06)) / 12;
        if (rent < 3_000) rent = 3_000 + random.next() * 400;
        if (rent > 12_000) rent = 11_400 + random.next() * 600;
        const rentOre = toOre(rent);
        const st = status[unitIndex++]!;
        const stepFree = home.floorIndex === 0 || elevator;
        await out.units.row([
          orgNo,
          d.number,
          buildingNumber,
          unitNumber,
          home.street,
          home.house,
          home.floor,
          home.door,
          d.postcode,
          d.town,
          kind,
          rooms,
          half ? `${area},5` : area,
          kroner(rentOre),
          st,
          yesNo(elevator),
          yesNo(stepFree),
          yesNo(d.layout === "row" || random.chance(0.7)),
          yesNo(random.chance(d.layout === "row" ? 0.7 : 0.35)),
          "",
          "",
        ]);
        if (st === "let")
          letUnits.push({
            org: d.org,
            unitNumber,
            kind,
            rooms,
            rentOre,
            firstYear: Math.max(1980, year),
            startMonth: 0,
            startDay: 1,
          });
      }
    }
    await out.departments.row([
      orgNo,
      d.number,
      d.name,
      d.municipality.code,
      main!.street,
      main!.house,
      d.postcode,
      d.town,
      d.constructionYear,
      yesNo(d.hasBoard),
    ]);
  }

  return letUnits;
}

/** Energy label classes by construction year: [built before, classes by weight]. */
export const labelsByEra: [number, [string, number][]][] = [
  [1960, choices("D:30 E:30 C:25 F:10 G:5")],
  [1980, choices("C:40 D:35 E:15 B:10")],
  [2000, choices("C:45 B:30 D:20 A2010:5")],
  [2010, choices("B:50 A2010:30 C:20")],
  [Number.POSITIVE_INFINITY, choices("A2015:45 A2020:30 A2010:25")],
];

/** Class, serial number and validity (ten years) of the label, or blank for a quarter of buildings. */
export function energyLabel(random: Random, year: number): [string, string, string, string] {
  if (random.chance(0.25)) return ["", "", "", ""];
  const label = random.weighted(labelsByEra.find(([before]) => year < before)![1]);
  const y = random.int(2016, 2025);
  const m = random.int(1, 12);
  const d = random.int(1, 28);
  return [
    label,
    String(random.int(310_000_000, 319_999_999)),
    `${pad2(d)}-${pad2(m)}-${y}`,
    `${pad2(d)}-${pad2(m)}-${y + 10}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// People and tenancies: one household per let unit, person and tenancy numbers in the order the
// tenancies began, and people without a current tenancy (former tenants, applicants) in between.
