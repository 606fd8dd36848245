import { defineConfig } from "vitest/config";

/** Browser journeys against a real almen process (see e2e/server.ts). Run with `npm run e2e`. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    fileParallelism: false,
    pool: "forks",
    reporters: ["default"],
  },
});
