// vitest globalSetup of the end-to-end project: one demo server per run, as `pnpm start` serves it.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildStudio, studioBuildState, studioLocation } from "../../../engine/src/cli/studio.ts";
import { createTestHome, removeTestHome, sweepAbandonedTestHomes } from "../../../engine/src/storage/test-server.ts";
import { chromiumExecutable } from "../harness/chromium.ts";
import { startDemoServer } from "../harness/demo-server.ts";
import { outputFolder } from "../harness/run.ts";

/**
 * Checks for Chromium, builds the studio when its build is missing or
 * stale, then starts the demo server in a fresh TEMPER_HOME without waiting
 * for it: it seeds while the other projects' tests run, and the end-to-end
 * files wait for it (`demoServerUrl()`). At teardown, whether the tests
 * passed or not, the server and its PostgreSQL are stopped and its home
 * deleted. A missing Chromium or a failed build starts nothing: every
 * end-to-end test then fails with that one line.
 *
 * @example
 * // vitest.config.ts, the e2e project
 * test: { globalSetup: ["tests/e2e/setup/demo.ts"] }
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  await sweepAbandonedTestHomes();
  await rm(outputFolder, { recursive: true, force: true });
  await mkdir(outputFolder, { recursive: true });
  try {
    chromiumExecutable();
    const location = studioLocation();
    if (studioBuildState(location) !== "current") await buildStudio(location);
  } catch (error) {
    project.provide("temperE2e", { error: (error as Error).message });
    return undefined;
  }
  const home = await createTestHome();
  const state = join(home, "e2e-server.json");
  const server = await startDemoServer({
    home,
    log: join(outputFolder, "server.log"),
    studioBuild: studioLocation().build,
  });
  server.ready.then(
    (url) => writeFile(state, JSON.stringify({ url, databaseUrl: server.databaseUrl })),
    (error: Error) => writeFile(state, JSON.stringify({ error: error.message })),
  );
  project.provide("temperE2e", { state });
  return async () => {
    await server.stop();
    await removeTestHome(home);
  };
}
