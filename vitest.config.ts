import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine.
    // The tests spend much of their time waiting on PostgreSQL, so two share the cores well.
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
