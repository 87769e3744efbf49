import { createApi } from "../api/app.ts";
import { engineRuntime } from "../plugins/install.ts";
import type { Storage } from "../storage/platform/database.ts";

/**
 * The runtime and the API a serving process runs. Under
 * `TEMPER_TEST_CONTROLS=1`, set only by the end-to-end tests, the runtime
 * runs on a test clock that `POST /api/v1/test/clock` moves forward; without
 * it that module is never loaded and no such route exists.
 *
 * @example
 * const { runtime, api } = await servedEngine(storage);
 * const workers = runtime.startWorkers();
 */
export async function servedEngine(storage: Storage, env: NodeJS.ProcessEnv = process.env) {
  if (env.TEMPER_TEST_CONTROLS !== "1") {
    const runtime = await engineRuntime(storage);
    return { runtime, api: createApi({ storage, runtime }) };
  }
  const { testClock, withTestClock } = await import("../api/routes/test-clock.ts");
  const clock = testClock();
  const runtime = await engineRuntime(storage, { clock });
  console.log("Test controls on (TEMPER_TEST_CONTROLS=1): POST /api/v1/test/clock moves the clock forward.");
  return { runtime, api: withTestClock(createApi({ storage, runtime }), clock, runtime) };
}
