// The test run's side of the harness (vitest's globalSetup, in the main
// process): one embedded server per run, in a temporary TEMPER_HOME marked
// with the pid of the process that runs the tests. A run killed before its teardown
// leaves that home behind; the next run finds its owner dead and stops and
// removes it, so no orphan server outlives the next run.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopEmbeddedServer } from "./embedded/index.ts";
import { isProcessAlive } from "./embedded/orphan.ts";

const prefix = "temper-test-";
const marker = "test-owner.pid";

/**
 * Where a test run's suites get their databases: the server of DATABASE_URL
 * when set, else the embedded server of a fresh temporary TEMPER_HOME, which
 * the first suite that asks for a database starts (see testServerUrl()).
 */
export type TestServer = { url: string } | { home: string };

/**
 * Prepares the test run's server without starting anything (so that runs
 * which use no database pay nothing), after sweeping away the servers of
 * killed runs; `teardown()` stops the server, if it was started, and
 * removes its home.
 *
 * @example
 * const { server, teardown } = await prepareTestServer();
 * project.provide("temperTestServer", server);
 * return teardown;
 */
export async function prepareTestServer(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ server: TestServer; teardown: () => Promise<void> }> {
  await sweepAbandonedTestHomes();
  if (env.DATABASE_URL) return { server: { url: env.DATABASE_URL }, teardown: async () => {} };
  const home = await createTestHome();
  return { server: { home }, teardown: () => removeTestHome(home) };
}

/**
 * A new, empty TEMPER_HOME in the temporary folder, owned by this process;
 * remove it with `removeTestHome`.
 *
 * @example
 * const home = await createTestHome();
 * spawnSync(tsx, [main, "db", "start"], { env: { ...process.env, TEMPER_HOME: home } });
 */
export async function createTestHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(home, marker), String(process.pid));
  return home;
}

/**
 * Stops the server of a test home, whoever started it, and deletes the home.
 *
 * @example
 * afterAll(() => removeTestHome(home));
 */
export async function removeTestHome(home: string): Promise<void> {
  await stopEmbeddedServer(home).catch(() => false);
  await rm(home, { recursive: true, force: true });
}

/**
 * Stops and removes the test homes whose owning process is gone.
 *
 * @example
 * await sweepAbandonedTestHomes();
 */
export async function sweepAbandonedTestHomes(): Promise<void> {
  const names = (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
  for (const name of names) {
    const owner = Number(await readFile(join(tmpdir(), name, marker), "utf8").catch(() => NaN));
    if (Number.isInteger(owner) && !isProcessAlive(owner)) await removeTestHome(join(tmpdir(), name));
  }
}
