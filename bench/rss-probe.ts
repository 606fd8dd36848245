/**
 * Loaded with `--import` into an import child when /usr/bin/time is missing: at exit, writes the
 * process's peak resident set size in KiB (getrusage ru_maxrss, what `time -f %M` prints) to
 * BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
