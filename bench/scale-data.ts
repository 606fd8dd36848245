/**
 * The scale data set (src/seed/scale.ts) for the import and master-data page benchmarks:
 *
 * - generated once into .bench-cache/scale-v1/ and reused while it is there (delete the folder, or
 *   bump `scaleVersion`, after changing the generator);
 * - imported through the real CLI, one child process per file in import order, each under
 *   /usr/bin/time (or with bench/rss-probe.ts) for its peak RSS;
 * - the imported SQLite data folder kept in .bench-cache/scale-v1-sqlite/ for the page benchmark,
 *   reused only while the migrations, the importer and the generator are unchanged.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type ImportKind, importKinds } from "../src/modules/masterdata/import/kinds.ts";
import { type DatabaseKind, inheritedEnv } from "./almen.ts";
import { defer, log } from "./harness.ts";
import { benchDir, projectRoot } from "./processes.ts";

export const scaleVersion = "scale-v1";
const cacheRoot = path.join(projectRoot, ".bench-cache");
export const scaleDir = path.join(cacheRoot, scaleVersion);
const importedSqliteDir = path.join(cacheRoot, `${scaleVersion}-sqlite`);
const relative = (p: string) => path.relative(projectRoot, p);

export type ScaleFiles = Record<ImportKind, string>;

/** The six CSV files, generated first when the cache has none. */
export async function ensureScaleData(): Promise<ScaleFiles> {
  const files = Object.fromEntries(
    importKinds.map((k) => [k, path.join(scaleDir, `${k}.csv`)]),
  ) as ScaleFiles;
  const marker = path.join(scaleDir, "complete.json");
  if (existsSync(marker) && Object.values(files).every((f) => existsSync(f))) {
    const info = JSON.parse(await readFile(marker, "utf8")) as { seconds?: number };
    log(`scale data: reusing ${relative(scaleDir)} (generated in ${info.seconds?.toFixed(1) ?? "?"} s)`);
    return files;
  }
  await mkdir(cacheRoot, { recursive: true });
  const tmp = await mkdtemp(path.join(cacheRoot, `${scaleVersion}.tmp-`));
  const removeTmp = defer(() => rm(tmp, { recursive: true, force: true }));
  log(`scale data: generating into ${relative(scaleDir)}`);
  const started = performance.now();
  const { generateScaleData, scaleCounts } = await import("../src/seed/scale.ts");
  await generateScaleData(tmp);
  const seconds = (performance.now() - started) / 1000;
  await writeFile(path.join(tmp, "complete.json"), JSON.stringify({ seconds, counts: scaleCounts }, null, 2));
  await rm(scaleDir, { recursive: true, force: true });
  await rename(tmp, scaleDir);
  await removeTmp();
  log(`scale data: generated in ${seconds.toFixed(1)} s`);
  return files;
}

export interface ImportTarget {
  dialect: DatabaseKind;
  /** ALMEN_DATA_DIR of the children (the SQLite file and the generated secrets live there). */
  dataDir: string;
  /** PostgreSQL only. */
  databaseUrl?: string;
}

export interface ImportStep {
  kind: ImportKind;
  seconds: number;
  rssMb: number;
  /** The CLI's last line, e.g. "units: 50000 rows — 50000 created, …". */
  summary: string;
}

export interface ImportResult {
  /** Wall time from starting the first child to the exit of the last. */
  seconds: number;
  /** The largest peak RSS of the six children. */
  peakRssMb: number;
  steps: ImportStep[];
}

const timeBinary = "/usr/bin/time";
const guard = pathToFileURL(path.join(benchDir, "child-guard.ts")).href;
const probe = pathToFileURL(path.join(benchDir, "rss-probe.ts")).href;

/** Imports the six files in order, each with `node --import tsx src/cli.ts import <kind> <file>`. */
export async function importAll(
  files: ScaleFiles,
  target: ImportTarget,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const rssDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-rss-"));
  const removeRssDir = defer(() => rm(rssDir, { recursive: true, force: true }));
  const useTime = existsSync(timeBinary);
  log(
    `importing into ${target.dialect} (peak RSS from ${useTime ? timeBinary : "process.resourceUsage() at exit"})`,
  );
  const steps: ImportStep[] = [];
  const started = performance.now();
  try {
    for (const kind of importKinds) {
      signal?.throwIfAborted();
      const step = await importOne(kind, files[kind], target, path.join(rssDir, `${kind}.rss`), useTime);
      log(
        `  ${kind.padEnd(13)} ${step.seconds.toFixed(1).padStart(5)} s  ${step.rssMb.toFixed(0).padStart(4)} MB  ${step.summary}`,
      );
      steps.push(step);
    }
  } finally {
    await removeRssDir();
  }
  return {
    seconds: (performance.now() - started) / 1000,
    peakRssMb: Math.max(...steps.map((s) => s.rssMb)),
    steps,
  };
}

async function importOne(
  kind: ImportKind,
  file: string,
  target: ImportTarget,
  rssFile: string,
  useTime: boolean,
): Promise<ImportStep> {
  const nodeArgs = [
    "--import",
    "tsx",
    "--import",
    guard,
    ...(useTime ? [] : ["--import", probe]),
    "src/cli.ts",
    "import",
    kind,
    file,
  ];
  const env: Record<string, string | undefined> = {
    ...inheritedEnv(),
    ALMEN_DATA_DIR: target.dataDir,
    ALMEN_DEMO: "false",
    LOG_LEVEL: "warn",
    BENCH_RSS_FILE: useTime ? undefined : rssFile,
  };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  const [command, args] = useTime
    ? [timeBinary, ["-f", "%M", "-o", rssFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const started = performance.now();
  // The IPC channel lets child-guard.ts stop the import if the harness dies (it passes through time).
  // Its own process group, so that stopping it early also stops node under /usr/bin/time.
  const child = spawn(command, args, {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  let exited = false;
  const kill = defer(() => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  });
  const out: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split(/\r\n|\r|\n/)) {
      // Progress lines ("validate: 5000 rows, …") are rewritten in place; keep only the rest.
      if (!line.trim() || /^(validate|write): \d+ rows/.test(line)) continue;
      out.push(line);
      if (out.length > 2000) out.splice(0, 1000);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    // "close": the exit status and every line of output are in.
    child.once("close", (c, s) => {
      exited = true;
      resolve(s ? null : c);
    });
  });
  await kill();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    const lines = out.filter((l) => !/^Command exited with non-zero status/.test(l));
    throw new Error(
      `almen import ${kind} exited with ${code ?? "a signal"}; its output:\n${lines.slice(-60).join("\n")}`,
    );
  }
  const kb = Number((await readFile(rssFile, "utf8")).trim().split("\n").pop());
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`no peak RSS for ${kind} in ${rssFile}`);
  return { kind, seconds, rssMb: kb / 1024, summary: out.at(-1) ?? "" };
}

/** What the imported database depends on: the generated files, the migrations and the importer. */
async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  const add = async (file: string) => hash.update(file).update(await readFile(path.join(projectRoot, file)));
  await add(path.join(".bench-cache", scaleVersion, "complete.json"));
  await add("src/seed/scale.ts");
  for (const dir of ["src/db/migrations", "src/modules/masterdata/import"]) {
    for (const name of (await readdir(path.join(projectRoot, dir))).sort()) await add(path.join(dir, name));
  }
  return hash.digest("hex");
}

const sqliteFiles = ["almen.sqlite", "almen.sqlite-wal", "secrets.json"];

async function copyDataDir(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of sqliteFiles) {
    if (existsSync(path.join(from, name))) await copyFile(path.join(from, name), path.join(to, name));
  }
}

/** Keeps a copy of a freshly imported SQLite data folder for the page benchmark. */
export async function saveImportedSqlite(dataDir: string): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  const tmp = await mkdtemp(path.join(cacheRoot, `${scaleVersion}-sqlite.tmp-`));
  const removeTmp = defer(() => rm(tmp, { recursive: true, force: true }));
  await copyDataDir(dataDir, tmp);
  await writeFile(path.join(tmp, "fingerprint"), await fingerprint());
  await rm(importedSqliteDir, { recursive: true, force: true });
  await rename(tmp, importedSqliteDir);
  await removeTmp();
  log(`kept the imported SQLite database in ${relative(importedSqliteDir)}`);
}

/** Copies the kept SQLite data folder into `dataDir`; false when there is none or it is stale. */
export async function restoreImportedSqlite(dataDir: string): Promise<boolean> {
  const stamp = path.join(importedSqliteDir, "fingerprint");
  if (!existsSync(stamp) || !existsSync(path.join(scaleDir, "complete.json"))) return false;
  if ((await readFile(stamp, "utf8")) !== (await fingerprint())) {
    log(`${relative(importedSqliteDir)} is from other migrations, importer or data; importing again`);
    return false;
  }
  await copyDataDir(importedSqliteDir, dataDir);
  log(`reusing the imported SQLite database from ${relative(importedSqliteDir)}`);
  return true;
}
