/**
 * Runs the benchmarks in bench/*.bench.ts and prints one `BENCH <name> <value> <unit>` line per
 * figure on stdout (progress goes to stderr).
 *
 *   npm run bench                 every benchmark
 *   npm run bench -- http         only figures whose names start with "http"
 *   npm run bench -- http.bare    …and so on; several words select the union
 *
 * Each benchmark file exports `figures` (name prefixes it produces), `run(ctx)` and optionally
 * `timeoutMs` (BENCH_TIMEOUT_S overrides it); see bench/harness.ts. A benchmark that fails or overruns is stopped, its child
 * processes, temporary folders and databases are cleaned up, and the exit code is 1.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Benchmark, cleanupAll, createContext, envNumber, log, overlaps } from "./harness.ts";
import { benchDir } from "./processes.ts";

const defaultTimeoutMs = 5 * 60 * 1000;

async function discover(): Promise<{ file: string; bench: Benchmark }[]> {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith(".bench.ts")).sort();
  const found: { file: string; bench: Benchmark }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as Partial<Benchmark> & {
      default?: Partial<Benchmark>;
    };
    const bench = { ...mod.default, ...mod } as Partial<Benchmark>;
    if (!Array.isArray(bench.figures) || typeof bench.run !== "function") {
      throw new Error(`${file} must export figures: string[] and run(ctx)`);
    }
    found.push({ file, bench: bench as Benchmark });
  }
  return found;
}

async function runOne(file: string, bench: Benchmark, filters: string[]): Promise<boolean> {
  const controller = new AbortController();
  const ctx = createContext(filters, controller.signal);
  const limit = process.env.BENCH_TIMEOUT_S
    ? envNumber("BENCH_TIMEOUT_S", 0) * 1000
    : (bench.timeoutMs ?? defaultTimeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${file} ran longer than ${limit} ms`));
      reject(controller.signal.reason);
    }, limit);
  });
  const started = Date.now();
  log(`${file}: start`);
  try {
    await Promise.race([bench.run(ctx), overrun]);
    log(`${file}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } catch (error) {
    log(`${file}: FAILED: ${(error as Error).stack ?? error}`);
    return false;
  } finally {
    clearTimeout(timer);
    await cleanupWithin(30_000);
  }
}

async function cleanupWithin(ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    cleanupAll(),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`cleanup took longer than ${ms} ms; giving up (child processes are killed on exit)`);
        resolve();
      }, ms);
    }),
  ]);
  clearTimeout(timer);
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: cleaning up`);
    cleanupWithin(20_000).finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((arg) => arg !== "--");
  const all = await discover();
  const chosen = all.filter(({ bench }) => bench.figures.some((prefix) => overlaps(filters, prefix)));
  if (chosen.length === 0) {
    const known = all.flatMap(({ bench }) => bench.figures).join(", ");
    log(`no benchmark produces figures starting with ${filters.join(" or ")} (known: ${known})`);
    return 2;
  }
  let ok = true;
  for (const { file, bench } of chosen) {
    if (!(await runOne(file, bench, filters))) ok = false;
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    log(`harness failed: ${(error as Error).stack ?? error}`);
    await cleanupWithin(20_000);
    process.exit(1);
  },
);
