/** Load generation with autocannon's programmatic API, in the harness process (servers run elsewhere). */
import os from "node:os";
import autocannon from "autocannon";
import { envNumber, log } from "./harness.ts";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Measured seconds (default BENCH_DURATION_S or 10). */
  durationS?: number;
  /** Unmeasured seconds first (default BENCH_WARMUP_S or 3). */
  warmupS?: number;
  /** Concurrent connections (default BENCH_CONNECTIONS or 10). */
  connections?: number;
  /** Expected body size; any other size counts as a failure. */
  expectBytes?: number;
  signal?: AbortSignal;
}

export interface LoadResult {
  /** Mean of autocannon's per-second request counts (2xx only are counted as ok; see `failures`). */
  rps: number;
  /** 99th percentile latency over every measured response, in ms (sub-millisecond resolution). */
  p99Ms: number;
  p50Ms: number;
  requests: number;
  /** Non-2xx answers, errors and timeouts during the measured part. */
  failures: number;
}

function once(options: LoadOptions, durationS: number, connections: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let wrongSize = 0;
    const instance = autocannon(
      {
        url: options.url,
        headers: options.headers,
        connections,
        duration: durationS,
        timeout: 10,
      },
      (error, result) => {
        options.signal?.removeEventListener("abort", stop);
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const at = (q: number) =>
          latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
        resolve({
          rps: result.requests.average,
          p99Ms: at(0.99),
          p50Ms: at(0.5),
          requests: result.requests.total,
          failures: result.non2xx + result.errors + result.timeouts + wrongSize,
        });
      },
    );
    const stop = () => instance.stop();
    options.signal?.addEventListener("abort", stop, { once: true });
    instance.on("response", (_client, statusCode, bytes, responseTime) => {
      latencies.push(responseTime);
      // `bytes` counts the whole response including headers, so only a lower bound can be checked.
      if (statusCode === 200 && options.expectBytes !== undefined && bytes < options.expectBytes) wrongSize++;
    });
  });
}

/** Other work on the machine skews every figure; say so when the load average is high. */
function warnIfBusy(): void {
  const load = os.loadavg()[0]!;
  const cpus = os.availableParallelism();
  if (load > cpus * 0.75) {
    log(
      `  warning: the machine is busy (1-minute load ${load.toFixed(1)} on ${cpus} CPUs); figures will be low`,
    );
  }
}

/** A warm-up run, then the measured run, one after the other. */
export async function measure(options: LoadOptions): Promise<LoadResult> {
  const connections = options.connections ?? envNumber("BENCH_CONNECTIONS", 10);
  const warmupS = options.warmupS ?? envNumber("BENCH_WARMUP_S", 3);
  const durationS = options.durationS ?? envNumber("BENCH_DURATION_S", 10);
  log(`load ${options.url}: ${warmupS} s warm-up, ${durationS} s measured, ${connections} connections`);
  warnIfBusy();
  await once(options, warmupS, connections);
  options.signal?.throwIfAborted();
  const result = await once(options, durationS, connections);
  options.signal?.throwIfAborted();
  log(
    `  ${result.requests} requests, ${result.rps.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ` +
      `p99 ${result.p99Ms.toFixed(2)} ms, ${result.failures} failures`,
  );
  if (result.failures > 0) throw new Error(`${options.url}: ${result.failures} failed requests under load`);
  return result;
}
