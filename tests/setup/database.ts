// vitest globalSetup: one PostgreSQL per test run. Suites get a database of
// their own from createTestDatabase() (engine/src/storage/testing.ts).
import type { TestProject } from "vitest/node";
import type {} from "../../engine/src/storage/testing.ts";
import { startTestServer } from "../../engine/src/storage/test-server.ts";

/**
 * Starts the embedded server in a temporary TEMPER_HOME (or uses
 * DATABASE_URL), provides its URL as `temperDatabaseUrl`, and stops it and
 * deletes its files at teardown, whether the tests passed or not.
 *
 * @example
 * // vitest.config.ts
 * test: { globalSetup: ["tests/setup/database.ts"] }
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestServer();
  project.provide("temperDatabaseUrl", server.url);
  return () => server.stop();
}
