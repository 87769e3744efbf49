import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "suites",
          include: [
            "engine/src/**/*.test.ts",
            "plugins/*/src/**/*.test.ts",
            "studio/src/**/*.test.ts",
            "tests/**/*.test.ts",
          ],
          exclude: ["**/node_modules/**", "**/dist/**", "tests/e2e/**"],
          // One PostgreSQL per run (embedded, or DATABASE_URL): see tests/setup/database.ts.
          globalSetup: ["tests/setup/database.ts"],
          // The reference CRM's plugins, installed in each test file's engine: see tests/setup/plugins.ts.
          setupFiles: ["tests/setup/plugins.ts"],
        },
      },
      {
        extends: true,
        test: {
          // The studio in Chromium against `temper start`'s demo: see tests/e2e/setup/demo.ts. The demo seeds
          // while the other suites run; these files run after them, one at a time.
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/setup/demo.ts"],
          testTimeout: 120_000,
          hookTimeout: 360_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
