import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

/** Where a run leaves what it saw: a folder of screenshots per test, and `server.log` (git-ignored). */
export const outputFolder = fileURLToPath(new URL("../output/", import.meta.url));

/** What the run's global setup provides: where the demo server will say its address, or why there is none. */
export type DemoRun = { state: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's demo server (see tests/e2e/setup/demo.ts). */
    temperE2e: DemoRun;
  }
}

/**
 * The address of the run's demo server, once it serves (it is seeded in the
 * background while other suites run); throws why there is none.
 *
 * @example
 * const url = await demoServerUrl(); // "http://127.0.0.1:41234"
 */
export async function demoServerUrl(withinMs = 330_000): Promise<string> {
  const run = inject("temperE2e");
  if ("error" in run) throw new Error(run.error);
  const deadline = Date.now() + withinMs;
  for (;;) {
    const text = await readFile(run.state, "utf8").catch(() => undefined);
    if (text) {
      const state = JSON.parse(text) as { url?: string; error?: string };
      if (state.url) return state.url;
      throw new Error(state.error ?? "the demo server did not start");
    }
    if (Date.now() > deadline) throw new Error(`the demo server did not serve within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
