import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fakerDA } from "@faker-js/faker";
import { columns, type ImportKind } from "../modules/masterdata/import/kinds.ts";
import { CsvFile, loadMunicipalities, Names, Random, type ScaleOptions } from "./scale/common.ts";
import { cvr, type Organisation, planDepartments } from "./scale/estates-plan.ts";
import { writeEstates } from "./scale/estates-write.ts";
import { writeHouseholds } from "./scale/households.ts";

export { type ScaleOptions, scaleCounts } from "./scale/common.ts";

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
