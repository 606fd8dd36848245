/**
 * Reading CSV: readCsv (src/platform/csv/read.ts) over the scale data's people file (100,000 rows,
 * 17 columns, UTF-8 with æøå), from disk to each row's values, as every import reads its file.
 *
 *   csv.read.ms_per_100k_rows   the median of 7 reads, per 100,000 rows
 */
import { readCsv } from "../src/platform/csv/read.ts";
import type { BenchContext, Benchmark } from "./harness.ts";
import { ensureScaleData } from "./scale-data.ts";

export const figures = ["csv.read"];

const reads = 7;

export async function run(ctx: BenchContext): Promise<void> {
  if (!ctx.wants("csv.read")) return;
  const { people } = await ensureScaleData();
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < reads; i++) {
    ctx.signal.throwIfAborted();
    const started = performance.now();
    rows = 0;
    for await (const row of await readCsv(people)) if (row.ok) rows++;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(reads / 2)]!;
  ctx.report("csv.read.ms_per_100k_rows", (median * 100_000) / rows, "ms", 1);
  ctx.log(`csv.read: ${rows} rows in ${median.toFixed(0)} ms (median of ${reads})`);
}

export default { figures, run } satisfies Benchmark;
