import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** What a run of the `temper` command printed and how it ended. */
export interface TemperRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `temper` command (through tsx) as a separate process, as a
 * user would, with extra environment variables.
 *
 * @example
 * const run = await runTemper(["org", "list", "--workspace", "acme"], { DATABASE_URL: database.url });
 * expect(run.code).toBe(0);
 */
export function runTemper(args: string[], env: NodeJS.ProcessEnv = {}): Promise<TemperRun> {
  return new Promise((resolve) => {
    const child = spawn(
      join(repositoryRoot, "node_modules/.bin/tsx"),
      [join(repositoryRoot, "engine/src/cli/main.ts"), ...args],
      {
        cwd: repositoryRoot,
        env: { ...process.env, ...env },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
