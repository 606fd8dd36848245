/**
 * Importing the scale data set (src/seed/scale.ts: 3 organisations, 600 departments, 8,000
 * buildings, 50,000 units, 100,000 people, 48,000 tenancies) into a fresh database through the
 * real CLI, one `node --import tsx src/cli.ts import <kind> <file>` child process per file, in order.
 *
 *   import.all.<db>.seconds        wall time for all six files (process start-ups included)
 *   import.all.<db>.peak_rss_mb    the largest peak RSS of the six child processes
 *
 * <db> is sqlite, and postgres when DATABASE_URL is set (a fresh almen_bench_* database, dropped
 * afterwards). Goals: ≤ 30 s and ≤ 500 MB. The generated files are cached in .bench-cache/scale-v1/;
 * the imported SQLite folder is kept for masterdata-pages.bench.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase, type DatabaseKind } from "./almen.ts";
import { type BenchContext, type Benchmark, defer } from "./harness.ts";
import { ensureScaleData, importAll, saveImportedSqlite } from "./scale-data.ts";

export const figures = ["import.all"];

/** Generation (a few seconds), then up to a few minutes per database on a slow machine. */
export const timeoutMs = 15 * 60 * 1000;

const goals = { seconds: 30, peakRssMb: 500 };

export async function run(ctx: BenchContext): Promise<void> {
  const kinds: DatabaseKind[] = ["sqlite"];
  if (process.env.DATABASE_URL) kinds.push("postgres");
  else ctx.log("DATABASE_URL not set: skipping import.all.postgres.*");
  const wanted = kinds.filter((kind) => ctx.wants(`import.all.${kind}`));
  if (wanted.length === 0) return;
  const files = await ensureScaleData();
  for (const kind of wanted) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "almen-bench-import-"));
    const removeDir = defer(() => rm(dataDir, { recursive: true, force: true }));
    const scratch = kind === "postgres" ? await createScratchDatabase(process.env.DATABASE_URL!) : undefined;
    try {
      const result = await importAll(
        files,
        { dialect: kind, dataDir, databaseUrl: scratch?.url },
        ctx.signal,
      );
      const name = `import.all.${kind}`;
      ctx.report(`${name}.seconds`, result.seconds, "s", 1);
      ctx.report(`${name}.peak_rss_mb`, result.peakRssMb, "MB", 0);
      const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
      ctx.log(
        `${name}: ${result.seconds.toFixed(1)} s (goal ≤ ${goals.seconds} s: ${verdict(result.seconds <= goals.seconds)}), ` +
          `peak ${result.peakRssMb.toFixed(0)} MB (goal ≤ ${goals.peakRssMb} MB: ${verdict(result.peakRssMb <= goals.peakRssMb)})`,
      );
      if (kind === "sqlite") await saveImportedSqlite(dataDir);
    } finally {
      await scratch?.drop();
      await removeDir();
    }
  }
}

export default { figures, timeoutMs, run } satisfies Benchmark;
