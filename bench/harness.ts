/**
 * The contract between bench/run.ts and the bench/*.bench.ts files, plus the small shared pieces
 * every benchmark needs: reporting figures, logging, and cleanup that also runs on failure.
 *
 * A benchmark file exports `figures` (the name prefixes it produces) and `run(ctx)`. Figures are
 * printed on stdout as `BENCH <name> <value> <unit>`; everything else goes to stderr.
 */

export interface BenchContext {
  /** The name prefixes asked for on the command line (empty: everything). */
  readonly filters: readonly string[];
  /** Whether any figure under this name prefix is asked for (use it to skip work). */
  wants(prefix: string): boolean;
  /** Prints `BENCH <name> <value> <unit>` when the figure is asked for. */
  report(name: string, value: number, unit: string, digits?: number): void;
  /** Progress and diagnostics, on stderr. */
  log(message: string): void;
  /** Aborted when the benchmark runs past its time limit. */
  readonly signal: AbortSignal;
}

export interface Benchmark {
  /** Name prefixes of the figures this file produces, e.g. ["http.bare_html", "http.resident_home"]. */
  figures: readonly string[];
  /** Upper bound for one run of this file; run.ts stops it and cleans up after this. */
  timeoutMs?: number;
  run(ctx: BenchContext): Promise<void>;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Whether a figure name is selected: no filters, or it starts with one of them. */
export function selected(filters: readonly string[], name: string): boolean {
  return filters.length === 0 || filters.some((f) => name.startsWith(f));
}

/** Whether anything under a prefix is selected (either side may be the longer one). */
export function overlaps(filters: readonly string[], prefix: string): boolean {
  return filters.length === 0 || filters.some((f) => prefix.startsWith(f) || f.startsWith(prefix));
}

export function createContext(filters: readonly string[], signal: AbortSignal): BenchContext {
  return {
    filters,
    wants: (prefix) => overlaps(filters, prefix),
    report(name, value, unit, digits) {
      if (!selected(filters, name)) return;
      const text = digits === undefined ? String(value) : value.toFixed(digits);
      process.stdout.write(`BENCH ${name} ${text} ${unit}\n`);
    },
    log,
    signal,
  };
}

type Cleanup = () => void | Promise<void>;
const pending: (() => Promise<void>)[] = [];

/**
 * Registers a cleanup step and returns a function that runs it now (once) and unregisters it.
 * Whatever is still registered when a benchmark fails or times out is run by run.ts, newest first.
 */
export function defer(cleanup: Cleanup): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const index = pending.indexOf(once);
    if (index >= 0) pending.splice(index, 1);
    await cleanup();
  };
  pending.push(once);
  return once;
}

/** Runs every registered cleanup step, newest first; errors are logged, not thrown. */
export async function cleanupAll(): Promise<void> {
  while (pending.length > 0) {
    const next = pending[pending.length - 1]!;
    try {
      await next();
    } catch (error) {
      log(`cleanup failed: ${(error as Error).message}`);
    }
  }
}

/** Rejects after `ms` with a message naming what took too long. */
export async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A positive number from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}
