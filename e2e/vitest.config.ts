import { defineConfig } from "vitest/config";

/** Browser journeys against a real almen process (see e2e/server.ts). Run with `npm run e2e`. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    // A hang guard, not a speed check: on a slow day of a 2-core CI machine the longer journeys took
    // 78 s each with two running at once (2026-11-29), too near the 120 s this was.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // Two journeys at a time: each is a server process and a browser, mostly waiting on each other,
    // so two share a 2-core machine well and CI's longest step takes about half as long.
    maxWorkers: 2,
    pool: "forks",
    reporters: ["default"],
  },
});
