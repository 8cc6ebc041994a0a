import { defineConfig } from "vitest/config";

// Integration and browser tests drive the real built server (a child process),
// so they build once before the run; argon2 hashing (~50 ms per attempt, on 2
// cores shared with the server and Chromium) is why their timeouts are long.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // ACCORD_TEST_DATABASE=postgres: a cluster for the run, a fresh database per server.
          globalSetup: ["test/helpers/global-build.ts", "test/helpers/postgres-global.ts"],
          setupFiles: ["test/helpers/cleanup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // PostgreSQL itself: the test cluster, migrations, search, racing
          // writers, the collaboration log. Needs Debian's postgresql packages.
          name: "postgres",
          include: ["test/postgres/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/helpers/postgres-global.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "resilience",
          include: ["test/resilience/**/*.test.ts"],
          environment: "node",
          // ACCORD_TEST_DATABASE=postgres (npm run test:pg:e2e): a cluster for the run, as for integration.
          globalSetup: ["test/helpers/global-build.ts", "test/helpers/postgres-global.ts"],
          setupFiles: ["test/helpers/cleanup.ts"],
          // Heavy files (fuzzing, kill -9 loops) measure timing: one at a time.
          // RESILIENCE_SCALE=full runs the long form; the default is bounded for CI.
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/helpers/global-build.ts", "test/helpers/postgres-global.ts"],
          setupFiles: ["test/helpers/cleanup.ts", "test/helpers/e2e-console.ts"],
          // One Chromium at a time: two of them plus servers would starve 2 cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
