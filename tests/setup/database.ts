// vitest globalSetup: one PostgreSQL per test run. Suites get a database of
// their own from createTestDatabase() (engine/src/storage/testing.ts).
import type { TestProject } from "vitest/node";
import type {} from "../../engine/src/storage/testing.ts";
import { prepareTestServer } from "../../engine/src/storage/test-server.ts";

/**
 * Prepares the run's server: DATABASE_URL's when set, else an embedded one
 * in a temporary TEMPER_HOME, started by the first suite that needs a
 * database (a run without one pays nothing). At teardown, whether the tests
 * passed or not, the server is stopped and its files deleted.
 *
 * @example
 * // vitest.config.ts
 * test: { globalSetup: ["tests/setup/database.ts"] }
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, teardown } = await prepareTestServer();
  project.provide("temperTestServer", server);
  return teardown;
}
