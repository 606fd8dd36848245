/**
 * Waiting lists at large scale: BENCH_APPLICATIONS (default 1,000,000) applications over the scale
 * data's 600 departments (src/seed/scale/applications.ts: Zipf-like popularity, 1–5 departments
 * each, 20 years of seniority, ~10 % passive, ~4 % internal), on SQLite and (with DATABASE_URL)
 * PostgreSQL.
 *
 *   import.applications.seconds            SQLite: `almen import applications <file>` as a child
 *                                          process, wall time (start-up and the final re-rank count)
 *   import.applications.postgres.seconds   the same on PostgreSQL
 *   rerank.<db>.seconds                    rerankAll over all lists
 *   position.<db>.p99_ms                   positionsOf(person) for random applicants
 *   allocation.<db>.p50_ms, .p99_ms        one allocation at the service, all rules: settings in
 *                                          force, letting history, loadCandidates (top of the
 *                                          queues by stored rank, in pages) and rankCandidates,
 *                                          for a random family unit of a random department, once
 *                                          every department has had an allocation (the state of a
 *                                          running server: its queues' pages have been read once)
 *   allocation.<db>.cold_p99_ms            those first allocations, one per department, in random
 *                                          order: each reads its department's pages for the first
 *                                          time since the import, from disk when the OS has not
 *                                          kept them in its cache
 *   allocation.memory_limit.p99_ms         rankCandidates alone over the same candidates already in
 *                                          memory: the practical limit
 *
 * Master data: the scale data set, imported as import.bench does (SQLite: the kept folder when
 * current). The applicants who are not scale people are inserted straight into `people` (setup,
 * not measured: the people import would take minutes for 900,000 rows).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import { type Db, openDatabase } from "../src/db/database.ts";
import type { Database } from "../src/db/database-types.ts";
import { loadCandidates, toRankingVacancy } from "../src/modules/letting/candidates.repository.ts";
import { lettingBasis } from "../src/modules/letting/offers/history.repository.ts";
import { positionsOf, rerankAll } from "../src/modules/letting/queue.repository.ts";
import { type Candidate, rankCandidates, type Vacancy } from "../src/modules/letting/ranking/index.ts";
import type { LettingSettings } from "../src/modules/letting/settings.ts";
import { readCsv } from "../src/platform/csv/read.ts";
import { newId } from "../src/platform/ids.ts";
import { createScratchDatabase, type DatabaseKind, inheritedEnv } from "./almen.ts";
import { type BenchContext, type Benchmark, createContext, defer, envNumber, log } from "./harness.ts";
import { benchDir, projectRoot } from "./processes.ts";
import {
  ensureScaleData,
  importAll,
  restoreImportedSqlite,
  saveImportedSqlite,
  scaleDir,
  scaleVersion,
} from "./scale-data.ts";

/** "letting" selects every figure of this file (`npm run bench -- letting`). */
export const figures = ["letting", "import.applications", "rerank", "position", "allocation"];

/** Per dialect: master data (≤ 1.5 min), applicants, the import, then the measurements. */
export const timeoutMs = 25 * 60 * 1000;

const goals = { sqliteP99: 1, postgresP99: 3, positionP99: 1, rerankSeconds: 2, importSeconds: 15 };
const today = "2026-11-27";
const since = "2025-11-27";

export async function run(selected: BenchContext): Promise<void> {
  const ctx = selected.filters.some((f) => "letting".startsWith(f))
    ? createContext([], selected.signal)
    : selected;
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping the postgres figures");
  const wanted = kinds.filter((kind) =>
    [
      kind === "sqlite" ? "import.applications.seconds" : `import.applications.${kind}`,
      `rerank.${kind}`,
      `position.${kind}`,
      `allocation.${kind}`,
      "allocation.memory_limit",
    ].some((prefix) => ctx.wants(prefix)),
  );
  if (wanted.length === 0) return;
  const count = envNumber("BENCH_APPLICATIONS", 1_000_000);
  const files = await ensureScaleData();
  const apps = await ensureApplications(count);
  let memoryDone = false;
  for (const kind of wanted) {
    ctx.signal.throwIfAborted();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-letting-"));
    const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
    const scratch = kind === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
    try {
      if (kind === "postgres" || !(await restoreImportedSqlite(dataDir))) {
        await importAll(files, { dialect: kind, dataDir, databaseUrl: scratch?.url }, ctx.signal);
        if (kind === "sqlite") await saveImportedSqlite(dataDir);
      }
      const target = () =>
        openDatabase(
          kind === "postgres"
            ? { kind: "postgres", url: scratch!.url }
            : { kind: "sqlite", file: path.join(dataDir, "almen.sqlite") },
        );
      let db = target();
      try {
        const started = performance.now();
        const added = await insertApplicantPeople(db.kysely, apps.people);
        log(
          `${kind}: ${added} applicant people inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      } finally {
        await db.destroy();
      }

      const imported = await cliImport(apps.applications, dataDir, scratch?.url);
      ctx.report(
        kind === "sqlite" ? "import.applications.seconds" : "import.applications.postgres.seconds",
        imported.seconds,
        "s",
        1,
      );
      log(
        `${kind}: ${imported.summary} (goal ≤ ${goals.importSeconds} s: ${verdict(imported.seconds <= goals.importSeconds)})`,
      );

      db = target();
      try {
        await measure(ctx, kind, db, !memoryDone);
        memoryDone = true;
      } finally {
        await db.destroy();
      }
    } finally {
      await scratch?.drop();
      await removeDir();
    }
  }
}

const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(ctx: BenchContext, kind: DatabaseKind, db: Db, memory: boolean): Promise<void> {
  const k = db.kysely;
  if (ctx.wants(`rerank.${kind}`)) {
    const started = performance.now();
    await rerankAll(k, kind);
    const seconds = (performance.now() - started) / 1000;
    ctx.report(`rerank.${kind}.seconds`, seconds, "s", 2);
    log(
      `rerank.${kind}: ${seconds.toFixed(2)} s (goal ≤ ${goals.rerankSeconds} s: ${verdict(seconds <= goals.rerankSeconds)})`,
    );
  }

  const random = mulberry(42);
  if (ctx.wants(`position.${kind}`)) {
    const calls = envNumber("BENCH_POSITION_CALLS", 2000);
    const people = (await k.selectFrom("applications").select("person_id").execute()).map((r) => r.person_id);
    const pick = () => people[Math.floor(random() * people.length)]!;
    for (let i = 0; i < calls / 4; i++) await positionsOf(k, pick());
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < calls; i++) {
      const person = pick();
      const started = performance.now();
      rows += (await positionsOf(k, person)).length;
      samples.push(performance.now() - started);
    }
    const p99 = percentile(samples, 99);
    ctx.report(`position.${kind}.p99_ms`, p99, "ms", 3);
    log(
      `position.${kind}: p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${calls} seekers ` +
        `(${(rows / calls).toFixed(1)} queues each; goal ≤ ${goals.positionP99} ms: ${verdict(p99 <= goals.positionP99)})`,
    );
  }

  if (!ctx.wants(`allocation.${kind}`) && !(memory && ctx.wants("allocation.memory_limit"))) return;
  const calls = envNumber("BENCH_ALLOCATIONS", 500);
  // Every department with family units, and its family units (the vacancy is one of them).
  const units = await k
    .selectFrom("units")
    .select([
      "id",
      "organisation_id",
      "department_id",
      "kind",
      "rooms",
      "area_m2",
      "rent_ore",
      "has_elevator",
      "has_step_free_access",
      "has_balcony_or_garden",
      "is_pets_allowed",
    ])
    .where("kind", "=", "family")
    .execute();
  const byDepartment = new Map<string, typeof units>();
  for (const u of units) byDepartment.set(u.department_id, [...(byDepartment.get(u.department_id) ?? []), u]);
  const departments = [...byDepartment.keys()].sort();
  const parts = { setup: 0, load: 0, rank: 0 };
  const allocate = async (dept = departments[Math.floor(random() * departments.length)]!) => {
    const list = byDepartment.get(dept)!;
    const unit = list[Math.floor(random() * list.length)]!;
    const started = performance.now();
    // As the offer round reads them (rounds.service.ts): settings and history in one statement.
    const { settings, history } = await lettingBasis(k, unit.organisation_id, dept, since);
    const vacancy = toRankingVacancy(newId(), unit, unit.rent_ore);
    const loading = performance.now();
    const candidates = await loadCandidates(k, {
      dialect: kind,
      organisationId: unit.organisation_id,
      vacancy,
      settings,
      history,
      today,
      wanted: settings.offersPerRound,
      skip: new Set(),
    });
    const ranking = performance.now();
    const result = rankCandidates(vacancy, candidates, settings, history, today);
    const end = performance.now();
    parts.setup += loading - started;
    parts.load += ranking - loading;
    parts.rank += end - ranking;
    const ms = end - started;
    return { ms, dept, vacancy, candidates, settings, history, ranked: result.ranked.length };
  };
  // First touch: each department once, in random order, before any is read twice.
  const firstTouch: number[] = [];
  const order = departments.map((d) => ({ d, r: random() })).sort((a, b) => a.r - b.r);
  for (const { d } of order) firstTouch.push((await allocate(d)).ms);
  const coldP99 = percentile(firstTouch, 99);
  ctx.report(`allocation.${kind}.cold_p99_ms`, coldP99, "ms", 3);
  log(
    `allocation.${kind} first touch: p50 ${percentile(firstTouch, 50).toFixed(3)} ms, p99 ${coldP99.toFixed(3)} ms, ` +
      `max ${Math.max(...firstTouch).toFixed(1)} ms over ${departments.length} departments`,
  );
  Object.assign(parts, { setup: 0, load: 0, rank: 0 });
  const samples: number[] = [];
  const kept: Awaited<ReturnType<typeof allocate>>[] = [];
  let ranked = 0;
  let loaded = 0;
  const slow: { ms: number; dept: string; candidates: number }[] = [];
  for (let i = 0; i < calls; i++) {
    const a = await allocate();
    samples.push(a.ms);
    ranked += a.ranked;
    loaded += a.candidates.length;
    if (kept.length < 200) kept.push(a);
    slow.push({ ms: a.ms, dept: a.dept, candidates: a.candidates.length });
  }
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  ctx.report(`allocation.${kind}.p50_ms`, p50, "ms", 3);
  ctx.report(`allocation.${kind}.p99_ms`, p99, "ms", 3);
  const goal = kind === "sqlite" ? goals.sqliteP99 : goals.postgresP99;
  log(
    `allocation.${kind}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${Math.max(...samples).toFixed(1)} ms over ${calls} vacancies ` +
      `(${(loaded / calls).toFixed(1)} candidates loaded, ${(ranked / calls).toFixed(1)} ranked each; goal ≤ ${goal} ms: ${verdict(p99 <= goal)})`,
  );
  log(
    `  mean per allocation: settings + history ${(parts.setup / calls).toFixed(2)} ms, ` +
      `loadCandidates ${(parts.load / calls).toFixed(2)} ms, rankCandidates ${(parts.rank / calls).toFixed(3)} ms`,
  );
  slow.sort((a, b) => b.ms - a.ms);
  const sizes = await queueSizes(
    k,
    slow.slice(0, 5).map((s) => s.dept),
  );
  for (const s of slow.slice(0, 5))
    log(
      `  slow: ${s.ms.toFixed(1)} ms, ${s.candidates} candidates, queue of ${sizes.get(s.dept) ?? 0} (department ${s.dept})`,
    );

  if (memory && ctx.wants("allocation.memory_limit")) {
    const memorySamples: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const a of kept) {
        const started = performance.now();
        rankCandidates(
          a.vacancy as Vacancy,
          a.candidates as Candidate[],
          a.settings as LettingSettings,
          a.history,
          today,
        );
        if (round > 0) memorySamples.push(performance.now() - started);
      }
    }
    const limit = percentile(memorySamples, 99);
    ctx.report("allocation.memory_limit.p99_ms", limit, "ms", 4);
    log(
      `allocation.memory_limit: p50 ${percentile(memorySamples, 50).toFixed(4)} ms, p99 ${limit.toFixed(4)} ms`,
    );
  }
}

async function queueSizes(db: Kysely<Database>, departments: string[]): Promise<Map<string, number>> {
  if (departments.length === 0) return new Map();
  const rows = await db
    .selectFrom("application_departments")
    .select((eb) => ["department_id", eb.fn.countAll<number>().as("n")])
    .where("department_id", "in", departments)
    .groupBy("department_id")
    .execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated applications (and applicant people) for `count`, cached next to the scale data. */
async function ensureApplications(count: number): Promise<{ applications: string; people: string }> {
  const dir = path.join(path.dirname(scaleDir), `${scaleVersion}-applications-${count}`);
  const out = {
    applications: path.join(dir, "applications.csv"),
    people: path.join(dir, "applicant-people.csv"),
  };
  if (existsSync(path.join(dir, "complete.json"))) {
    log(`applications: reusing ${path.relative(projectRoot, dir)}`);
    return out;
  }
  await mkdir(path.dirname(dir), { recursive: true });
  const tmp = await mkdtemp(`${dir}.tmp-`);
  const removeTmp = defer(() => rm(tmp, { recursive: true, force: true }));
  log(`applications: generating ${count} into ${path.relative(projectRoot, dir)}`);
  const started = performance.now();
  const { generateApplications } = await import("../src/seed/scale/applications.ts");
  const result = await generateApplications(scaleDir, tmp, { count });
  const seconds = (performance.now() - started) / 1000;
  await writeFile(
    path.join(tmp, "complete.json"),
    JSON.stringify({ seconds, counts: result.counts }, null, 2),
  );
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  await removeTmp();
  log(`applications: generated in ${seconds.toFixed(1)} s: ${JSON.stringify(result.counts)}`);
  return out;
}

/** The applicants who are not scale people, straight into `people` (name, birth date, language). */
export async function insertApplicantPeople(db: Kysely<Database>, file: string): Promise<number> {
  const orgs = new Map(
    (await db.selectFrom("organisations").select(["id", "number"]).execute()).map((o) => [
      String(o.number),
      o.id,
    ]),
  );
  const now = new Date().toISOString();
  let batch: Record<string, unknown>[] = [];
  let added = 0;
  await db.transaction().execute(async (trx) => {
    const flush = async () => {
      if (batch.length)
        await trx
          .insertInto("people")
          .values(batch as never)
          .execute();
      added += batch.length;
      batch = [];
    };
    for await (const row of await readCsv(file)) {
      if (!row.ok) throw new Error(`${file}:${row.line}: wrong number of cells`);
      const v = row.values;
      batch.push({
        id: newId(),
        organisation_id: orgs.get(v.organisation!),
        person_number: v.person_number,
        name: v.name,
        birth_date: v.birth_date || null,
        language: v.language,
        created_at: now,
        updated_at: now,
      });
      if (batch.length >= 1000) await flush();
    }
    await flush();
  });
  return added;
}

/** `node --import tsx src/cli.ts import applications <file>`, as an operator runs it. */
async function cliImport(
  file: string,
  dataDir: string,
  databaseUrl: string | undefined,
): Promise<{ seconds: number; summary: string }> {
  const env: Record<string, string | undefined> = {
    ...inheritedEnv(),
    ALMEN_DATA_DIR: dataDir,
    ALMEN_DEMO: "false",
    LOG_LEVEL: "warn",
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const guard = pathToFileURL(path.join(benchDir, "child-guard.ts")).href;
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", guard, "src/cli.ts", "import", "applications", file],
    { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe", "ipc"] },
  );
  let exited = false;
  const kill = defer(() => {
    if (!exited) child.kill("SIGKILL");
  });
  const out: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split(/\r\n|\r|\n/)) {
      if (!line.trim() || /^(import|rank): \d+ rows/.test(line)) continue;
      out.push(line);
      if (out.length > 200) out.splice(0, 100);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (c) => {
      exited = true;
      resolve(c);
    });
  });
  await kill();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0)
    throw new Error(`almen import applications exited with ${code}:\n${out.slice(-40).join("\n")}`);
  return { seconds, summary: out.at(-1) ?? "" };
}

export default { figures, timeoutMs, run } satisfies Benchmark;
