import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["engine/src/**/*.test.ts", "plugins/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    // One PostgreSQL per run (embedded, or DATABASE_URL): see tests/setup/database.ts.
    globalSetup: ["tests/setup/database.ts"],
  },
});
