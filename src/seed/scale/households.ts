import { fakerDA } from "@faker-js/faker";
import type { ImportKind } from "../../modules/masterdata/import/kinds.ts";
import type { UnitKind } from "../../modules/masterdata/masterdata.table.ts";
import {
  anyDate,
  ascii,
  type CsvFile,
  choices,
  cprLegalBasis,
  emailDomains,
  kroner,
  latestStart,
  type Municipality,
  type Names,
  numberChoices,
  oldestBirthYear,
  pad2,
  type Random,
  type Sex,
  scaleCounts,
  thisYear,
  toOre,
  yesNo,
} from "./common.ts";
import type { LetUnit, Organisation } from "./estates-plan.ts";

export const latestMonth = latestStart.year * 12 + (latestStart.month - 1);
export const meanYearsByKind: Record<UnitKind, number> = { family: 11, youth: 3, senior: 6 };
export const stayersByKind: Record<UnitKind, number> = { family: 0.35, youth: 0, senior: 0.2 };

export const familySizeByRooms: Record<number, [number, number][]> = {
  1: numberChoices("1:80 2:20"),
  2: numberChoices("1:58 2:36 3:6"),
  3: numberChoices("1:38 2:34 3:17 4:11"),
  4: numberChoices("1:22 2:33 3:24 4:21"),
  5: numberChoices("1:22 2:33 3:24 4:21"),
};

export function householdSize(random: Random, unit: LetUnit): number {
  if (unit.kind === "youth") return random.chance(0.85) ? 1 : 2;
  if (unit.kind === "senior") return random.chance(0.65) ? 1 : 2;
  return random.weighted(familySizeByRooms[unit.rooms]!);
}

/** A tenant's age when the tenancy began: [from, to] by weight, per kind of home. */
export const tenantAges: Record<UnitKind, [[number, number], number][]> = {
  family: [
    [[20, 29], 35],
    [[30, 44], 40],
    [[45, 60], 25],
  ],
  youth: [[[18, 27], 1]],
  senior: [[[62, 85], 1]],
};
export const flatFloors = choices("st:3 1:3 2:3 3:2 4:1 5:1");

export interface PersonDraft {
  sex: Sex;
  last: string;
  birthYear: number;
  role: "tenant" | "co_tenant" | "adult" | "child";
}

export async function writeHouseholds(
  random: Random,
  names: Names,
  municipalities: Municipality[],
  letUnits: LetUnit[],
  out: Record<ImportKind, CsvFile>,
): Promise<void> {
  for (const u of letUnits) {
    // Long-standing tenants stay for decades; the rest move about as often as tenants do.
    const earliest = u.firstYear * 12;
    const anyTime = () => earliest + random.int(0, Math.max(0, latestMonth - earliest));
    let month = latestMonth - Math.round(-meanYearsByKind[u.kind] * 12 * Math.log(1 - random.next()));
    if (random.chance(stayersByKind[u.kind]) || month < earliest) month = anyTime();
    u.startMonth = month;
    u.startDay = random.chance(0.9) ? 1 : 15;
  }
  letUnits.sort((a, b) => a.startMonth - b.startMonth || a.startDay - b.startDay);

  // Household sizes, leaving room for at least 5 % people without a current home with us.
  const sizes = letUnits.map((u) => householdSize(random, u));
  let inHouseholds = sizes.reduce((a, b) => a + b, 0);
  for (let i = sizes.length - 1; inHouseholds > scaleCounts.people * 0.95 && i >= 0; i--) {
    inHouseholds -= sizes[i]! - 1;
    sizes[i] = 1;
  }
  const loose = scaleCounts.people - inHouseholds;

  const personSeq = new Map<number, number>();
  const tenancySeq = new Map<number, number>();
  const nextOf = (m: Map<number, number>, org: Organisation) => {
    const n = (m.get(org.number) ?? 0) + 1;
    m.set(org.number, n);
    return n;
  };
  const emails = new Set<string>();
  const cprs = new Set<string>();
  const weightedMunicipalities = municipalities.map((m) => [m, m.weight] as const);

  const writePerson = async (
    org: Organisation,
    p: PersonDraft,
    opts: { address: boolean; emailShare: number },
  ): Promise<string> => {
    const personNumber = `P-${nextOf(personSeq, org)}`;
    const name = names.full(p.sex, p.last);
    const age = thisYear - p.birthYear;
    const adult = age >= 18;
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    let email = "";
    if (adult && random.chance(opts.emailShare)) {
      const [first = "x"] = name.split(" ");
      const base = `${ascii(first)}${random.chance(0.5) ? "." : ""}${ascii(p.last).slice(0, 14)}`;
      email = `${base}${random.chance(0.6) ? random.int(1, 99) : ""}@${random.pick(emailDomains)}`;
      if (emails.has(email)) email = `${base}${personNumber.slice(2)}@${random.pick(emailDomains)}`;
      emails.add(email);
    }
    const phone = adult && random.chance(0.6) ? phoneNumber(random) : "";
    let cpr = "";
    if (adult && random.chance(0.004)) {
      for (let attempt = 0; attempt < 20 && !cpr; attempt++) {
        const seventh = p.birthYear < 2000 ? random.int(0, 3) : 4;
        const serial =
          random.int(0, 99) * 10 +
          (p.sex === "male" ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
        const candidate = `${pad2(day)}${pad2(month)}${pad2(p.birthYear % 100)}-${seventh}${String(serial).padStart(3, "0")}`;
        if (!cprs.has(candidate)) cpr = candidate;
      }
      cprs.add(cpr);
    }
    let address: (string | null)[] = ["", "", "", "", "", ""];
    if (opts.address && random.chance(0.8)) {
      const m = random.weighted(weightedMunicipalities);
      const town = random.pick(m.towns);
      const house = `${random.int(1, 250)}${random.chance(0.05) ? random.pick(["A", "B", "C"]) : ""}`;
      const flat = random.chance(0.45);
      address = [
        fakerDA.location.street(),
        house,
        flat ? random.weighted(flatFloors) : "",
        flat ? random.pick(["tv", "th", "mf"]) : "",
        random.pick(town.postcodes),
        town.name,
      ];
    }
    await out.people.row([
      org.number,
      personNumber,
      name,
      random.chance(0.02) ? "" : anyDate(random, p.birthYear, month, day, 0.3),
      email,
      phone,
      ...address,
      random.chance(0.04) ? "en" : "da",
      yesNo(random.chance(age >= 75 ? 0.3 : 0.03)),
      yesNo(email !== "" && random.chance(0.75)),
      cpr,
      cpr ? cprLegalBasis : "",
    ]);
    return personNumber;
  };

  const looseBefore = (i: number) => Math.floor((i * loose) / letUnits.length);
  for (const [i, unit] of letUnits.entries()) {
    const org = unit.org;
    for (let k = looseBefore(i); k < looseBefore(i + 1); k++) {
      const sex: Sex = random.chance(0.5) ? "female" : "male";
      await writePerson(
        org,
        {
          sex,
          last: names.last(),
          birthYear: random.int(Math.max(oldestBirthYear, thisYear - 90), thisYear - 18),
          role: "adult",
        },
        { address: true, emailShare: 0.3 },
      );
    }

    const startYear = Math.floor(unit.startMonth / 12);
    const [youngest, oldest] = random.weighted(tenantAges[unit.kind]);
    const ageAtStart = random.int(youngest, oldest);
    let tenantBirth = startYear - ageAtStart;
    if (tenantBirth < oldestBirthYear) tenantBirth = oldestBirthYear + random.int(0, 6);
    const tenantSex: Sex = random.chance(0.55) ? "female" : "male";
    const last = names.last();
    const household: PersonDraft[] = [{ sex: tenantSex, last, birthYear: tenantBirth, role: "tenant" }];
    const size = sizes[i]!;
    for (let k = 1; k < size; k++) {
      const partner = k === 1 && (unit.kind !== "family" || random.chance(0.85));
      if (partner) {
        const birth = Math.min(startYear - 18, Math.max(oldestBirthYear, tenantBirth + random.int(-6, 6)));
        const sex: Sex = random.chance(0.92) ? (tenantSex === "female" ? "male" : "female") : tenantSex;
        household.push({
          sex,
          last: random.chance(0.5) ? last : names.last(),
          birthYear: birth,
          role: "co_tenant",
        });
        continue;
      }
      const lower = Math.max(tenantBirth + 20, thisYear - 28);
      const upper = Math.min(tenantBirth + 45, thisYear);
      const sex: Sex = random.chance(0.5) ? "female" : "male";
      if (lower > upper) {
        household.push({
          sex,
          last,
          birthYear: Math.max(oldestBirthYear, Math.min(thisYear - 18, tenantBirth + random.int(-10, 10))),
          role: "adult",
        });
      } else {
        const birth = random.int(lower, upper);
        household.push({ sex, last, birthYear: birth, role: thisYear - birth >= 18 ? "adult" : "child" });
      }
    }
    const members: string[] = [];
    for (const p of household)
      members.push(`${await writePerson(org, p, { address: false, emailShare: 0.24 })}:${p.role}`);

    const years = (latestMonth - unit.startMonth) / 12;
    const rentAtStart = toOre(Math.max(1_500, (unit.rentOre / 100) * 0.975 ** years));
    await out.tenancies.row([
      org.number,
      `L-${nextOf(tenancySeq, org)}`,
      unit.unitNumber,
      anyDate(random, startYear, (unit.startMonth % 12) + 1, unit.startDay, 0.4),
      "",
      kroner(rentAtStart),
      members.join("|"),
    ]);
  }
}

/** Danish numbers as people write them: "+45 12 34 56 78", "12345678" or "12 34 56 78". */
export function phoneNumber(random: Random): string {
  const digits = `${random.int(2, 9)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
  const spaced = digits.replace(/(\d{2})(?=\d)/g, "$1 ");
  return random.weighted([
    [`+45 ${spaced}`, 3],
    [digits, 5],
    [spaced, 2],
  ] as const);
}
