import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The reference CRM's folder: what `temper start` publishes into the demo workspace. */
export const referenceCrm = join(repoRoot, "definitions/examples/crm");

/** A parsed definition file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A copy of a definition folder that a test changes, as a consultant changes theirs before publishing it. */
export interface DefinitionFolder {
  /** Where the copy is. */
  readonly dir: string;
  /** Changes one file of the folder (`entities/customer.json`) in place. */
  edit(path: string, change: (file: Json) => void): Promise<void>;
  /** Deletes the copy. */
  remove(): Promise<void>;
}

/**
 * Copies a definition folder (the reference CRM by default) to a temporary
 * folder, to change it there and publish it.
 *
 * @example
 * const folder = await copyDefinition();
 * await folder.edit("app.json", (app) => (app.version = "1.0.1"));
 * await publishToDemo(folder.dir);
 * await folder.remove();
 */
export async function copyDefinition(from = referenceCrm): Promise<DefinitionFolder> {
  const dir = await mkdtemp(join(tmpdir(), "temper-definition-"));
  await cp(from, dir, { recursive: true });
  return {
    dir,
    async edit(path, change) {
      const file = join(dir, path);
      const json = JSON.parse(await readFile(file, "utf8")) as Json;
      change(json);
      await writeFile(file, JSON.stringify(json, null, 2) + "\n");
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** What `temper publish` did: its exit code and everything it printed. */
export interface PublishRun {
  code: number;
  output: string;
}

/**
 * Where the command line finds the run's demo data: the server's
 * TEMPER_HOME, whose embedded PostgreSQL it attaches to (the global setup
 * keeps the server's state file in that home, tests/e2e/setup/demo.ts), or
 * the server's own database on DATABASE_URL's server, as the state file
 * names it.
 */
async function demoData(): Promise<NodeJS.ProcessEnv> {
  const run = inject("temperE2e");
  if ("error" in run) throw new Error(run.error);
  const state = JSON.parse(await readFile(run.state, "utf8")) as { databaseUrl?: string };
  return { TEMPER_HOME: dirname(run.state), DATABASE_URL: state.databaseUrl };
}

/**
 * Publishes a definition folder into the demo workspace the way a
 * consultant does, with the command line (`temper publish <dir>
 * --workspace demo`), against the running demo server's database. The
 * server reads the published version on its next request. Answers how the
 * command ended rather than throwing, so that a test can look at a refusal.
 *
 * @example
 * const run = await publishToDemo(folder.dir);
 * // { code: 0, output: "plan 1.0.0 → 1.0.1: 1 action\n  + add field customer.wechat_id (varchar(50))\npublished 1.0.1 to demo\n" }
 * await publishToDemo(original.dir, { allowDestructive: true });
 */
export async function publishToDemo(dir: string, options: { allowDestructive?: boolean } = {}): Promise<PublishRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(await demoData()) };
  if (env.DATABASE_URL === undefined) delete env.DATABASE_URL;
  const args = ["--import", "tsx", "engine/src/cli/main.ts", "publish", dir, "--workspace", "demo"];
  if (options.allowDestructive) args.push("--allow-destructive");
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exit, signal) => resolve(exit ?? (signal ? 128 : 1)));
  });
  return { code, output: Buffer.concat(chunks).toString("utf8") };
}
