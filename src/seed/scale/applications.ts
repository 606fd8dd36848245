import { createReadStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { fakerDA } from "@faker-js/faker";
import { columns } from "../../modules/masterdata/import/kinds.ts";
import { CsvFile, isoDate, Random, thisYear } from "./common.ts";

/**
 * Waiting-list applications for the scale data set (src/seed/scale.ts): N applications (default
 * 1,000,000) over its three organisations' 600 departments, skewed like real lists.
 *
 * - Popularity is Zipf-like per organisation (weight 1/rank^0.9 over the departments in a
 *   seeded order): a few departments have very long lists, most have short ones.
 * - 1–5 departments per application; seniority dates spread over the 20 years to 2026-11-27, more
 *   of them recent; about 10 % passive.
 * - About 4 % are on an internal list: current tenants of the organisation (from tenancies.csv).
 * - External applicants are half of the scale people of the organisation, then new people
 *   (person numbers `A-<n>`) written to `applicant-people.csv` in the people import's format,
 *   imported before the applications.
 *
 * Reads departments.csv, people.csv and tenancies.csv from the scale folder; deterministic for a
 * seed. Writes `applications.csv` (docs/import.md, "Applications") and `applicant-people.csv`.
 */

export const applicationsHeader = [
  "organisation",
  "list",
  "person_number",
  "seniority_date",
  "status",
  "departments",
  "rooms_min",
  "rooms_max",
  "max_rent",
  "kinds",
  "features",
  "household_size",
  "has_children",
] as const;

export interface ApplicationsOptions {
  count?: number;
  seed?: number;
}

export interface ApplicationsFiles {
  applications: string;
  people: string;
  counts: { applications: number; internal: number; newPeople: number; queueEntries: number };
}

async function readRows(file: string, each: (cells: string[]) => void): Promise<void> {
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line) each(line.split(";"));
  }
}

/** Cumulative weights for picking by binary search. */
function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    out[i] = sum;
  }
  return out;
}

function pickIndex(cum: Float64Array, r: number): number {
  const target = r * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Org {
  number: string;
  departments: string[];
  cum: Float64Array;
  people: string[];
  tenants: string[];
  nextNew: number;
}

const firstDay = Date.UTC(thisYear - 20, 10, 28);
const lastDay = Date.UTC(thisYear, 10, 27);
const dayMs = 86_400_000;

export async function generateApplications(
  scaleDir: string,
  outDir: string,
  opts: ApplicationsOptions = {},
): Promise<ApplicationsFiles> {
  const count = opts.count ?? 1_000_000;
  const random = new Random(opts.seed ?? 20261128);
  fakerDA.seed(opts.seed ?? 20261128);

  const orgs = new Map<string, Org>();
  const org = (n: string) => {
    let o = orgs.get(n);
    if (!o) {
      o = { number: n, departments: [], cum: new Float64Array(0), people: [], tenants: [], nextNew: 0 };
      orgs.set(n, o);
    }
    return o;
  };
  await readRows(path.join(scaleDir, "departments.csv"), (c) => org(c[0]!).departments.push(c[1]!));
  await readRows(path.join(scaleDir, "people.csv"), (c) => org(c[0]!).people.push(c[1]!));
  await readRows(path.join(scaleDir, "tenancies.csv"), (c) => {
    if (c[4]) return; // ended
    for (const m of (c[6] ?? "").split("|")) {
      const [person, role] = m.split(":");
      if (person && (role === "tenant" || role === "co_tenant")) org(c[0]!).tenants.push(person);
    }
  });
  const all = [...orgs.values()].sort((a, b) => Number(a.number) - Number(b.number));
  let totalDepartments = 0;
  for (const o of all) {
    random.shuffle(o.departments);
    o.cum = cumulative(o.departments.map((_, i) => 1 / (i + 1) ** 0.9));
    random.shuffle(o.people);
    random.shuffle(o.tenants);
    totalDepartments += o.departments.length;
  }
  // Organisations get applications in proportion to their departments.
  const orgCum = cumulative(all.map((o) => o.departments.length / totalDepartments));

  // Name parts drawn once: faker per new person would dominate the run time.
  const firstNames = Array.from({ length: 1500 }, (_, i) =>
    fakerDA.person.firstName(i % 2 ? "male" : "female"),
  );
  const lastNames = Array.from({ length: 1500 }, () => fakerDA.person.lastName());

  const applicationsFile = path.join(outDir, "applications.csv");
  const peopleFile = path.join(outDir, "applicant-people.csv");
  const out = new CsvFile(applicationsFile, applicationsHeader);
  const people = new CsvFile(peopleFile, columns.people);
  const counts = { applications: 0, internal: 0, newPeople: 0, queueEntries: 0 };
  const nextExisting = new Map<Org, number>();
  const nextTenant = new Map<Org, number>();

  const internalTarget = Math.round(count * 0.04);
  try {
    for (let i = 0; i < count; i++) {
      const o = all[pickIndex(orgCum, random.next())]!;
      let list = "external";
      let person: string | undefined;
      // Internal applicants: tenants, each at most once; spread evenly through the file.
      if (counts.internal < internalTarget && random.chance(0.04)) {
        const t = nextTenant.get(o) ?? 0;
        if (t < o.tenants.length / 2) {
          person = o.tenants[t]!;
          nextTenant.set(o, t + 1);
          list = "internal";
          counts.internal++;
        }
      }
      if (!person) {
        const e = nextExisting.get(o) ?? 0;
        if (e < o.people.length / 2) {
          person = o.people[e]!;
          nextExisting.set(o, e + 1);
        } else {
          person = `A-${++o.nextNew}`;
          counts.newPeople++;
          const birthYear = random.int(thisYear - 80, thisYear - 16);
          await people.row([
            o.number,
            person,
            `${random.pick(firstNames)} ${random.pick(lastNames)}`,
            isoDate(birthYear, random.int(1, 12), random.int(1, 28)),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            random.chance(0.04) ? "en" : "da",
            "nej",
            "nej",
            "",
            "",
          ]);
        }
      }
      // More recent sign-ups than old ones (people leave the lists over time).
      const age = (lastDay - firstDay) * random.next() ** 1.6;
      const seniority = new Date(lastDay - Math.floor(age / dayMs) * dayMs).toISOString().slice(0, 10);
      const wanted = random.weighted([
        [1, 30],
        [2, 25],
        [3, 20],
        [4, 15],
        [5, 10],
      ] as const);
      const departments = new Set<string>();
      while (departments.size < Math.min(wanted, o.departments.length)) {
        departments.add(o.departments[pickIndex(o.cum, random.next())]!);
      }
      counts.queueEntries += departments.size;
      const household = random.weighted([
        [1, 40],
        [2, 30],
        [3, 15],
        [4, 10],
        [5, 5],
      ] as const);
      const children = household > 1 && random.chance(0.55);
      const roomsMin = random.chance(0.6)
        ? Math.max(1, Math.min(4, Math.ceil(household / 2) + random.int(0, 1)))
        : null;
      const roomsMax = roomsMin !== null && random.chance(0.7) ? roomsMin + random.int(0, 2) : null;
      const kinds = random.weighted([
        ["family", 80],
        ["", 7],
        ["youth", 8],
        ["senior", 5],
      ] as const);
      await out.row([
        o.number,
        list,
        person,
        seniority,
        random.chance(0.1) ? "passive" : "active",
        [...departments].join("|"),
        roomsMin,
        roomsMax,
        random.chance(0.4) ? `${random.int(50, 130) * 100},00` : "",
        kinds,
        random.chance(0.1) ? random.pick(["stepFree", "elevator", "balconyOrGarden", "petsAllowed"]) : "",
        household,
        children ? "ja" : "nej",
      ]);
      counts.applications++;
    }
  } finally {
    await Promise.allSettled([out.close(), people.close()]);
  }
  return { applications: applicationsFile, people: peopleFile, counts };
}

// `node --import tsx src/seed/scale/applications.ts <scale dir> [count] [seed]`
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir) {
    console.error("Usage: node --import tsx src/seed/scale/applications.ts <scale dir> [count] [seed]");
    process.exit(1);
  }
  const started = Date.now();
  const result = await generateApplications(dir, dir, {
    count: count ? Number(count) : undefined,
    seed: seed ? Number(seed) : undefined,
  });
  console.log(
    `Generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result.counts)}\n${result.applications}\n${result.people}`,
  );
}
