import { createWriteStream, type WriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { fakerDA } from "@faker-js/faker";
import type { ImportKind } from "../../modules/masterdata/import/kinds.ts";
import postcodeTree from "../../modules/masterdata/rules/dk-postcodes.json" with { type: "json" };
import { formatOre } from "../../platform/csv/values.ts";

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
export const latestStart = { year: 2026, month: 11 };
export const oldestBirthYear = 1926;
export const thisYear = 2026;

// ---------------------------------------------------------------------------------------------
// Randomness: a small seeded generator for the many numeric choices, faker (seeded) for names.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
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
export function apportion(
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

export class CsvFile {
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

export function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const yesNo = (b: boolean) => (b ? "ja" : "nej");
export const pad2 = (n: number) => String(n).padStart(2, "0");
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** Some dates as Danes type them ("17-05-1982"), the rest ISO; the import reads both. */
export const anyDate = (random: Random, y: number, m: number, d: number, danishShare: number) =>
  random.chance(danishShare) ? `${pad2(d)}-${pad2(m)}-${y}` : isoDate(y, m, d);
export const kroner = (ore: number) => formatOre(ore, { grouping: true });
/** Kroner rounded to 25 øre, as rents are. */
export const toOre = (kr: number) => Math.round(kr * 4) * 25;

/** A word list written as one line: "Æble Bøge Birke" → ["Æble", "Bøge", "Birke"]. */
export const words = (text: string): string[] => text.split(/\s+/);
/** [value, weight] lists written as one line: "D:30 E:30" → [["D", 30], ["E", 30]]. */
export const choices = (text: string): [string, number][] =>
  text.split(" ").map((pair) => {
    const [value, weight] = pair.split(":");
    return [value!, Number(weight)];
  });
export const numberChoices = (text: string): [number, number][] =>
  choices(text).map(([v, w]) => [Number(v), w]);
/** A table written as lines of text: "København 0101, Aarhus 0751" → { København: "0101", … }. */
export function table<T>(value: (v: string) => T, ...lines: string[]): Record<string, T> {
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

export const municipalityCodes: Record<string, string> = table(
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
export const municipalityWeights: Record<string, number> = table(
  Number,
  "København 14, Aarhus 12, Odense 10, Aalborg 9, Esbjerg 4, Randers 4, Kolding 4, Vejle 4",
  "Albertslund 4, Brøndby 4, Frederiksberg 3, Ishøj 3, Høje-Taastrup 3, Hvidovre 3, Gladsaxe 3",
  "Horsens 3, Herning 3, Silkeborg 3, Viborg 3, Roskilde 3, Næstved 3, Slagelse 3, Sønderborg 3",
  "Fredericia 3, Holbæk 2, Køge 2, Svendborg 2, Hjørring 2, Frederikshavn 2, Helsingør 2, Holstebro 2",
  "Læsø 0.2, Fanø 0.2, Samsø 0.2, Ærø 0.3, Langeland 0.5, Dragør 0.5",
);

export interface Town {
  name: string;
  postcodes: string[];
}

export interface Municipality {
  name: string;
  code: string;
  region: string;
  weight: number;
  towns: Town[];
}

export function loadMunicipalities(): Municipality[] {
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

export const namePrefixes = words(
  "Æble Bøge Birke Ege Aske Lærke Rosen Hybe Kastanje Linde Hassel Fyrre Gran Kløver Valmue Solsikke " +
    "Syrén Hylde Kirsebær Blomme Pære Mølle Skov Strand Eng Mose Sø Kilde Fjord Bakke Dal Vang Kær Nørre " +
    "Sønder Øster Vester Præste Smede Bymarks Toft Holme Vibe Svane Stære Drossel Spurve Ravne Høj Brønde " +
    "Fælled Klinte Lyng Marehalm Tjørne Hjorte Agerhøne Ørne",
);
export const nameSuffixes = words(
  "gården parken haven bakken højen vænget lunden engen toften hegnet huse bo hjem gård vang stien " +
    "kvarteret marken skrænten løkken hus høj",
);
/** Suffixes that make a name a street name too: estates often give their name to their road. */
export const streetLikeSuffixes = new Set(
  words("parken haven bakken højen vænget lunden engen toften hegnet stien marken skrænten løkken gården"),
);
export const streetSuffixes = words("vej gade allé vænget parken stien toften engen bakken lunden haven");
export const roman = ["", " II", " III", " IV", " V", " VI", " VII"];

/** Danish names with æ, ø and å; faker's Danish list has few of them. */
export const extraLastNames = words(
  "Sørensen Jørgensen Møller Bækgaard Kjærgaard Søndergaard Nørgaard Østergaard Brøndum Højgaard " +
    "Thøgersen Schrøder Grønbæk Kjær Nørregaard Bøgh Skærbæk Lykkegård Ågård Mørk Bærentzen Færch " +
    "Løvgreen Dyrbæk Krøyer Bødker Åkjær",
);
export const extraFirstNames = {
  male: words("Søren Jørgen Bjørn Jørn Åge Bøje Sønke"),
  female: words("Åse Sølvi Bjørg Sørine Jørgine Åsa Gøril"),
} as const;
export const extraMiddleNames = words("Bøgh Kjær Skov Krøyer Nørgaard Højer Dam Lund Bech");
export const emailDomains = words(
  "gmail.com hotmail.com live.dk outlook.dk mail.dk yahoo.dk jubii.dk stofanet.dk icloud.com",
);
export const cprLegalBasis = "Lejekontrakt (databeskyttelseslovens § 11, stk. 2)";

export type Sex = "female" | "male";

export class Names {
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

export function ascii(text: string): string {
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
