/**
 * Scale test data: the six CSV files of the master-data import (docs/import-examples/) with
 * realistic Danish data for three housing organisations — 600 departments, 8,000 buildings,
 * 50,000 units, 100,000 people and 48,000 current tenancies. Deterministic for a seed; every
 * file is streamed to disk a few thousand lines at a time.
 *
 *   const files = await generateScaleData("/tmp/scale");   // { organisations: "/tmp/scale/organisations.csv", … }
 *   node --import tsx src/seed/scale.ts <dir> [seed]       // the same from a shell
 *
 * Everything passes the import's validation: DAR addresses (house numbers 1–999 with an optional
 * capital letter, floors st/1–99, doors tv/th/mf/numbers), postcodes and towns from the postcode
 * list, valid CVR numbers, CPR numbers whose date exists, one tenant per household and one
 * tenancy per let unit.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { finished } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import { fakerDA } from "@faker-js/faker";
import { columns, type ImportKind } from "../modules/masterdata/import/kinds.ts";
import type { UnitKind, UnitStatus } from "../modules/masterdata/masterdata.table.ts";
import { cvrCheckDigit } from "../modules/masterdata/rules/cvr.ts";
import postcodeTree from "../modules/masterdata/rules/dk-postcodes.json" with { type: "json" };
import { formatOre } from "../platform/csv/values.ts";

export interface ScaleOptions {
  seed?: number;
}

/** The sizes of the generated data set. */
export const scaleCounts = {
  organisations: 3,
  departments: 600,
  buildings: 8_000,
  units: 50_000,
  people: 100_000,
  tenancies: 48_000,
} as const satisfies Record<ImportKind, number>;

/** Tenancies start no later than this (the data must not depend on the day it is generated). */
const latestStart = { year: 2026, month: 11 };
const oldestBirthYear = 1926;
const thisYear = 2026;

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded generator for the many numeric choices, faker (seeded) for names.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** One of the keys, by weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/**
 * Splits `total` into integers proportional to `weights`, each within [min, max] (largest
 * remainder). The bounds must allow the total.
 */
function apportion(
  weights: readonly number[],
  total: number,
  min: (i: number) => number,
  max: (i: number) => number,
): number[] {
  const at = (scale: number) =>
    weights.map((w, i) => Math.min(max(i), Math.max(min(i), Math.floor(w * scale))));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let lo = 0;
  let hi = 1;
  while (sum(at(hi)) < total && hi < 1e15) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (sum(at(mid)) <= total) lo = mid;
    else hi = mid;
  }
  const result = at(lo);
  let left = total - sum(result);
  const order = weights
    .map((w, i) => ({ i, frac: w * lo - Math.floor(w * lo) }))
    .sort((a, b) => b.frac - a.frac);
  while (left > 0) {
    let moved = false;
    for (const { i } of order) {
      if (left === 0) break;
      if (result[i]! < max(i)) {
        result[i]!++;
        left--;
        moved = true;
      }
    }
    if (!moved) throw new Error("apportion: the bounds do not allow the total");
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Writing: semicolon-separated UTF-8, a few thousand lines per write, waiting when the disk lags.

class CsvFile {
  private readonly stream: WriteStream;
  private lines: string[] = [];

  constructor(file: string, header: readonly string[]) {
    this.stream = createWriteStream(file, { encoding: "utf8" });
    this.lines.push(header.join(";"));
  }

  async row(cells: readonly (string | number | null)[]): Promise<void> {
    this.lines.push(cells.map(cell).join(";"));
    if (this.lines.length >= 4000) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const chunk = `${this.lines.join("\n")}\n`;
    this.lines = [];
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        this.stream.once("error", onError);
        this.stream.once("drain", () => {
          this.stream.off("error", onError);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }
}

function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const yesNo = (b: boolean) => (b ? "ja" : "nej");
const pad2 = (n: number) => String(n).padStart(2, "0");
const isoDate = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** Some dates as Danes type them ("17-05-1982"), the rest ISO; the import reads both. */
const anyDate = (random: Random, y: number, m: number, d: number, danishShare: number) =>
  random.chance(danishShare) ? `${pad2(d)}-${pad2(m)}-${y}` : isoDate(y, m, d);
const kroner = (ore: number) => formatOre(ore, { grouping: true });
/** Kroner rounded to 25 øre, as rents are. */
const toOre = (kr: number) => Math.round(kr * 4) * 25;

/** A word list written as one line: "Æble Bøge Birke" → ["Æble", "Bøge", "Birke"]. */
const words = (text: string): string[] => text.split(/\s+/);
/** [value, weight] lists written as one line: "D:30 E:30" → [["D", 30], ["E", 30]]. */
const choices = (text: string): [string, number][] =>
  text.split(" ").map((pair) => {
    const [value, weight] = pair.split(":");
    return [value!, Number(weight)];
  });
const numberChoices = (text: string): [number, number][] => choices(text).map(([v, w]) => [Number(v), w]);
/** A table written as lines of text: "København 0101, Aarhus 0751" → { København: "0101", … }. */
function table<T>(value: (v: string) => T, ...lines: string[]): Record<string, T> {
  return Object.fromEntries(
    lines
      .join(", ")
      .split(/,\s*/)
      .map((pair) => {
        const at = pair.lastIndexOf(" ");
        return [pair.slice(0, at), value(pair.slice(at + 1))];
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// Geography: municipalities with their real codes, towns and postcodes from dk-postcodes.json.

const municipalityCodes: Record<string, string> = table(
  String,
  "København 0101, Frederiksberg 0147, Ballerup 0151, Brøndby 0153, Dragør 0155, Gentofte 0157",
  "Gladsaxe 0159, Glostrup 0161, Herlev 0163, Albertslund 0165, Hvidovre 0167, Høje-Taastrup 0169",
  "Lyngby-Taarbæk 0173, Rødovre 0175, Ishøj 0183, Tårnby 0185, Vallensbæk 0187, Furesø 0190",
  "Allerød 0201, Fredensborg 0210, Helsingør 0217, Hillerød 0219, Hørsholm 0223, Rudersdal 0230",
  "Egedal 0240, Frederikssund 0250, Greve 0253, Køge 0259, Halsnæs 0260, Roskilde 0265, Solrød 0269",
  "Gribskov 0270, Odsherred 0306, Holbæk 0316, Faxe 0320, Kalundborg 0326, Ringsted 0329, Slagelse 0330",
  "Stevns 0336, Sorø 0340, Lejre 0350, Lolland 0360, Næstved 0370, Guldborgsund 0376, Vordingborg 0390",
  "Bornholm 0400, Middelfart 0410, Assens 0420, Faaborg-Midtfyn 0430, Kerteminde 0440, Nyborg 0450",
  "Odense 0461, Svendborg 0479, Nordfyns 0480, Langeland 0482, Ærø 0492, Haderslev 0510, Billund 0530",
  "Sønderborg 0540, Tønder 0550, Esbjerg 0561, Fanø 0563, Varde 0573, Vejen 0575, Aabenraa 0580",
  "Fredericia 0607, Horsens 0615, Kolding 0621, Vejle 0630, Herning 0657, Holstebro 0661, Lemvig 0665",
  "Struer 0671, Syddjurs 0706, Norddjurs 0707, Favrskov 0710, Odder 0727, Randers 0730, Silkeborg 0740",
  "Samsø 0741, Skanderborg 0746, Aarhus 0751, Ikast-Brande 0756, Ringkøbing-Skjern 0760, Hedensted 0766",
  "Morsø 0773, Skive 0779, Thisted 0787, Viborg 0791, Brønderslev 0810, Frederikshavn 0813",
  "Vesthimmerlands 0820, Læsø 0825, Rebild 0840, Mariagerfjord 0846, Jammerbugt 0849, Aalborg 0851",
  "Hjørring 0860",
);

/** Where the social housing is: the big cities and the Copenhagen suburbs weigh more. */
const municipalityWeights: Record<string, number> = table(
  Number,
  "København 14, Aarhus 12, Odense 10, Aalborg 9, Esbjerg 4, Randers 4, Kolding 4, Vejle 4",
  "Albertslund 4, Brøndby 4, Frederiksberg 3, Ishøj 3, Høje-Taastrup 3, Hvidovre 3, Gladsaxe 3",
  "Horsens 3, Herning 3, Silkeborg 3, Viborg 3, Roskilde 3, Næstved 3, Slagelse 3, Sønderborg 3",
  "Fredericia 3, Holbæk 2, Køge 2, Svendborg 2, Hjørring 2, Frederikshavn 2, Helsingør 2, Holstebro 2",
  "Læsø 0.2, Fanø 0.2, Samsø 0.2, Ærø 0.3, Langeland 0.5, Dragør 0.5",
);

interface Town {
  name: string;
  postcodes: string[];
}

interface Municipality {
  name: string;
  code: string;
  region: string;
  weight: number;
  towns: Town[];
}

function loadMunicipalities(): Municipality[] {
  const tree = postcodeTree as Record<string, Record<string, Record<string, string>>>;
  const result: Municipality[] = [];
  for (const [region, municipalities] of Object.entries(tree)) {
    for (const [fullName, postcodes] of Object.entries(municipalities)) {
      const name = fullName.replace(/ Kommune$/, "");
      const code = municipalityCodes[name];
      if (!code) continue; // Christiansø is not a municipality
      const towns = new Map<string, string[]>();
      for (const [raw, town] of Object.entries(postcodes)) {
        const postcode = raw.padStart(4, "0");
        // Below 1000 are company and foreign-mail postcodes.
        if (Number(postcode) < 1000 || town === "Udland") continue;
        towns.set(town, [...(towns.get(town) ?? []), postcode]);
      }
      if (towns.size === 0) continue;
      const list = [...towns].map(([n, p]) => ({ name: n, postcodes: p }));
      result.push({ name, code, region, weight: municipalityWeights[name] ?? 1, towns: list });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Names.

const namePrefixes = words(
  "Æble Bøge Birke Ege Aske Lærke Rosen Hybe Kastanje Linde Hassel Fyrre Gran Kløver Valmue Solsikke " +
    "Syrén Hylde Kirsebær Blomme Pære Mølle Skov Strand Eng Mose Sø Kilde Fjord Bakke Dal Vang Kær Nørre " +
    "Sønder Øster Vester Præste Smede Bymarks Toft Holme Vibe Svane Stære Drossel Spurve Ravne Høj Brønde " +
    "Fælled Klinte Lyng Marehalm Tjørne Hjorte Agerhøne Ørne",
);
const nameSuffixes = words(
  "gården parken haven bakken højen vænget lunden engen toften hegnet huse bo hjem gård vang stien " +
    "kvarteret marken skrænten løkken hus høj",
);
/** Suffixes that make a name a street name too: estates often give their name to their road. */
const streetLikeSuffixes = new Set(
  words("parken haven bakken højen vænget lunden engen toften hegnet stien marken skrænten løkken gården"),
);
const streetSuffixes = words("vej gade allé vænget parken stien toften engen bakken lunden haven");
const roman = ["", " II", " III", " IV", " V", " VI", " VII"];

/** Danish names with æ, ø and å; faker's Danish list has few of them. */
const extraLastNames = words(
  "Sørensen Jørgensen Møller Bækgaard Kjærgaard Søndergaard Nørgaard Østergaard Brøndum Højgaard " +
    "Thøgersen Schrøder Grønbæk Kjær Nørregaard Bøgh Skærbæk Lykkegård Ågård Mørk Bærentzen Færch " +
    "Løvgreen Dyrbæk Krøyer Bødker Åkjær",
);
const extraFirstNames = {
  male: words("Søren Jørgen Bjørn Jørn Åge Bøje Sønke"),
  female: words("Åse Sølvi Bjørg Sørine Jørgine Åsa Gøril"),
} as const;
const extraMiddleNames = words("Bøgh Kjær Skov Krøyer Nørgaard Højer Dam Lund Bech");
const emailDomains = words(
  "gmail.com hotmail.com live.dk outlook.dk mail.dk yahoo.dk jubii.dk stofanet.dk icloud.com",
);
const cprLegalBasis = "Lejekontrakt (databeskyttelseslovens § 11, stk. 2)";

type Sex = "female" | "male";

class Names {
  constructor(private readonly random: Random) {}

  first(sex: Sex): string {
    return this.random.chance(0.07) ? this.random.pick(extraFirstNames[sex]) : fakerDA.person.firstName(sex);
  }

  last(): string {
    return this.random.chance(0.22) ? this.random.pick(extraLastNames) : fakerDA.person.lastName();
  }

  full(sex: Sex, last: string): string {
    const middle = this.random.chance(0.18)
      ? ` ${this.random.chance(0.5) ? this.random.pick(extraMiddleNames) : fakerDA.person.middleName()}`
      : "";
    return `${this.first(sex)}${middle} ${last}`;
  }
}

function ascii(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFD")
    .replace(/[^a-z]/g, "");
}

// ---------------------------------------------------------------------------------------------
// The plan: organisations → departments → buildings → units, then households per let unit.

interface Organisation {
  number: number;
  name: string;
  cvr: string;
  address: [street: string, houseNumber: string, floor: string, door: string, postcode: string, town: string];
  share: number;
  regions: readonly (readonly [string, number])[];
}

type DepartmentType = "family" | "youth" | "senior";
type Layout = "row" | "block" | "dorm";

interface Department {
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

interface LetUnit {
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
function cvr(random: Random): string {
  for (;;) {
    const prefix = String(random.int(1_000_000, 9_999_999));
    const check = cvrCheckDigit(prefix);
    if (check !== null) return `${prefix}${check}`;
  }
}

const regionRent: Record<string, number> = {
  "Region Hovedstaden": 1080,
  "Region Sjælland": 900,
  "Region Midtjylland": 930,
  "Region Syddanmark": 860,
  "Region Nordjylland": 830,
};

const youthDecades = numberChoices("1960:2 1970:3 1990:2 2000:2 2010:3");
const familyDecades = numberChoices("1940:5 1950:11 1960:20 1970:22 1980:14 1990:10 2000:7 2010:8 2020:3");

/** Most estates are from the 1950s–70s; ældreboliger came with the 1987 act. */
function constructionYear(random: Random, type: DepartmentType): number {
  if (type === "senior") return random.int(1982, 2022);
  const decade = random.weighted(type === "youth" ? youthDecades : familyDecades);
  return Math.min(2024, decade + random.int(0, 9));
}

/** House numbers along a street in one postcode, shared by every department there. */
class Streets {
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
class Cursor {
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

const kindsInFamilyDepartments: [UnitKind, number][] = [
  ["family", 97.2],
  ["youth", 1.9],
  ["senior", 0.9],
];
const roomsByKind: Record<UnitKind, [number, number][]> = {
  family: numberChoices("1:6 2:26 3:38 4:22 5:8"),
  youth: numberChoices("1:88 2:12"),
  senior: numberChoices("1:10 2:70 3:20"),
};
/** Floor area in m² (from, to) by kind and number of rooms. */
const areaByKindAndRooms: Record<UnitKind, Record<number, [number, number]>> = {
  family: { 1: [30, 48], 2: [48, 70], 3: [68, 92], 4: [85, 112], 5: [100, 130] },
  youth: { 1: [28, 45], 2: [45, 60] },
  senior: { 1: [40, 55], 2: [55, 75], 3: [70, 90] },
};

function chooseLayout(random: Random, type: DepartmentType, units: number): Layout {
  if (type === "youth") return "dorm";
  const rowShare = type === "senior" ? 0.6 : units < 40 ? 0.6 : units < 150 ? 0.3 : 0.1;
  return random.chance(rowShare) ? "row" : "block";
}

interface StairwellShape {
  floors: number;
  doors: number;
  /** House numbers of row houses: "12A", "12B" … rather than 12, 14 … */
  letters: boolean;
}

function stairwellShape(random: Random, d: Department): StairwellShape {
  let floors = random.int(3, 4);
  if (d.layout === "dorm") floors = random.int(3, 5);
  else if (d.type === "senior") floors = random.int(2, 3);
  else if (d.units >= 300) floors = random.int(4, 8);
  const doors = d.layout === "dorm" ? random.int(8, 14) : random.chance(0.7) ? 2 : 3;
  return { floors, doors, letters: random.chance(0.5) };
}

interface Home {
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
function homesOf(
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

export async function generateScaleData(
  dir: string,
  opts: ScaleOptions = {},
): Promise<Record<ImportKind, string>> {
  const seed = opts.seed ?? 20261127;
  const random = new Random(seed);
  fakerDA.seed(seed);
  const names = new Names(random);
  await mkdir(dir, { recursive: true });
  const files = Object.fromEntries(
    Object.keys(columns).map((kind) => [kind, path.join(dir, `${kind}.csv`)]),
  ) as Record<ImportKind, string>;
  const out = Object.fromEntries(
    Object.entries(files).map(([kind, file]) => [kind, new CsvFile(file, columns[kind as ImportKind])]),
  ) as Record<ImportKind, CsvFile>;
  try {
    await writeAll(random, names, out);
  } finally {
    await Promise.allSettled(Object.values(out).map((f) => f.close()));
  }
  return files;
}

async function writeAll(random: Random, names: Names, out: Record<ImportKind, CsvFile>): Promise<void> {
  const municipalities = loadMunicipalities();

  // Organisations.
  const orgs: Organisation[] = [
    {
      number: 10,
      name: "Boligforeningen Hovedstadens Hjem",
      cvr: cvr(random),
      address: ["Vesterbrogade", "98", "3", "tv", "1620", "København V"],
      share: 0.42,
      regions: [
        ["Region Hovedstaden", 0.8],
        ["Region Sjælland", 0.2],
      ],
    },
    {
      number: 20,
      name: "Østjysk Boligselskab",
      cvr: cvr(random),
      address: ["Åboulevarden", "70", "2", "", "8000", "Aarhus C"],
      share: 0.36,
      regions: [
        ["Region Midtjylland", 0.72],
        ["Region Nordjylland", 0.28],
      ],
    },
    {
      number: 30,
      name: "Fællesbo Syddanmark",
      cvr: cvr(random),
      address: ["Vindegade", "23B", "", "", "5000", "Odense C"],
      share: 0.22,
      regions: [["Region Syddanmark", 1]],
    },
  ];
  for (const o of orgs) await out.organisations.row([o.number, o.name, o.cvr, ...o.address]);

  const departments = planDepartments(random, orgs, municipalities);
  const letUnits = await writeEstates(random, departments, out);
  await writeHouseholds(random, names, municipalities, letUnits, out);
}

/**
 * Departments: how many per organisation, how big (log-normal: many small, a few with 300–1,000+
 * units), which kind, where, and how many buildings each.
 */
function planDepartments(random: Random, orgs: Organisation[], municipalities: Municipality[]): Department[] {
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
async function writeEstates(
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
const labelsByEra: [number, [string, number][]][] = [
  [1960, choices("D:30 E:30 C:25 F:10 G:5")],
  [1980, choices("C:40 D:35 E:15 B:10")],
  [2000, choices("C:45 B:30 D:20 A2010:5")],
  [2010, choices("B:50 A2010:30 C:20")],
  [Number.POSITIVE_INFINITY, choices("A2015:45 A2020:30 A2010:25")],
];

/** Class, serial number and validity (ten years) of the label, or blank for a quarter of buildings. */
function energyLabel(random: Random, year: number): [string, string, string, string] {
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

const latestMonth = latestStart.year * 12 + (latestStart.month - 1);
const meanYearsByKind: Record<UnitKind, number> = { family: 11, youth: 3, senior: 6 };
const stayersByKind: Record<UnitKind, number> = { family: 0.35, youth: 0, senior: 0.2 };

const familySizeByRooms: Record<number, [number, number][]> = {
  1: numberChoices("1:80 2:20"),
  2: numberChoices("1:58 2:36 3:6"),
  3: numberChoices("1:38 2:34 3:17 4:11"),
  4: numberChoices("1:22 2:33 3:24 4:21"),
  5: numberChoices("1:22 2:33 3:24 4:21"),
};

function householdSize(random: Random, unit: LetUnit): number {
  if (unit.kind === "youth") return random.chance(0.85) ? 1 : 2;
  if (unit.kind === "senior") return random.chance(0.65) ? 1 : 2;
  return random.weighted(familySizeByRooms[unit.rooms]!);
}

/** A tenant's age when the tenancy began: [from, to] by weight, per kind of home. */
const tenantAges: Record<UnitKind, [[number, number], number][]> = {
  family: [
    [[20, 29], 35],
    [[30, 44], 40],
    [[45, 60], 25],
  ],
  youth: [[[18, 27], 1]],
  senior: [[[62, 85], 1]],
};
const flatFloors = choices("st:3 1:3 2:3 3:2 4:1 5:1");

interface PersonDraft {
  sex: Sex;
  last: string;
  birthYear: number;
  role: "tenant" | "co_tenant" | "adult" | "child";
}

async function writeHouseholds(
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
function phoneNumber(random: Random): string {
  const digits = `${random.int(2, 9)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
  const spaced = digits.replace(/(\d{2})(?=\d)/g, "$1 ");
  return random.weighted([
    [`+45 ${spaced}`, 3],
    [digits, 5],
    [spaced, 2],
  ] as const);
}

// `node --import tsx src/seed/scale.ts <dir> [seed]`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, seed] = process.argv.slice(2);
  if (!dir) {
    console.error("Usage: node --import tsx src/seed/scale.ts <dir> [seed]");
    process.exit(1);
  }
  const started = Date.now();
  const files = await generateScaleData(dir, { seed: seed ? Number(seed) : undefined });
  console.log(
    `Generated in ${((Date.now() - started) / 1000).toFixed(1)} s:\n${Object.values(files).join("\n")}`,
  );
}
