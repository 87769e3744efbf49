import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, chown, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EmbeddedServerError } from "./errors.ts";
import type { PostgresBinaries, ServerPaths } from "./paths.ts";
import type { ServerUser } from "./root.ts";

/** The superuser and the application database of the embedded server. */
export const SUPERUSER = "temper";

/**
 * Whether the data folder holds a cluster; throws when it holds something
 * else (an initdb that was interrupted, a stray folder).
 *
 * @example
 * if (!(await isInitialized(paths))) await initCluster(paths, binaries, user, password);
 */
export async function isInitialized(paths: ServerPaths): Promise<boolean> {
  const exists = await access(join(paths.dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
  if (exists) return true;
  const entries = await readdir(paths.dataDir).catch(() => []);
  if (entries.length === 0) return false;
  throw new EmbeddedServerError(
    `${paths.dataDir} is not empty but holds no PostgreSQL cluster (an interrupted first start?): move it away and start again`,
  );
}

/**
 * Creates the cluster with initdb: superuser `temper` with the given
 * password, scram-sha-256 authentication, UTF-8 with the built-in C.UTF-8
 * locale (the same sorting on every machine). `sync: false` skips the final
 * fsync, for throwaway test clusters.
 *
 * @example
 * await initCluster(paths, postgresBinaries(), await serverUser(paths.dataDir), password);
 */
export async function initCluster(
  paths: ServerPaths,
  binaries: PostgresBinaries,
  user: ServerUser | undefined,
  password: string,
  options: { sync?: boolean } = {},
): Promise<void> {
  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file: a private one the server user can read, removed at once.
  const passwordFile = join(paths.root, `.initdb-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) for (const path of [paths.dataDir, passwordFile]) await chown(path, user.uid, user.gid);
  try {
    await runProgram(
      binaries.initdb,
      [
        `--pgdata=${paths.dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
        "--no-instructions",
        ...(options.sync === false ? ["--no-sync"] : []),
      ],
      { user, cwd: paths.root },
    );
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * The environment PostgreSQL's programs run with: English messages in the
 * C locale (the launcher reads them), and nothing else of ours (no secrets).
 *
 * @example
 * spawn(binaries.postgres, args, { env: programEnv() });
 */
export function programEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C", LANG: "C" };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

async function runProgram(program: string, args: string[], options: { user?: ServerUser; cwd: string }) {
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: programEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.user && { uid: options.user.uid, gid: options.user.gid }),
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", done);
  });
  if (code !== 0) {
    const lines = output.trim().split("\n");
    const reason = lines.reverse().find((line) => /error|fatal|cannot|could not/i.test(line)) ?? lines[0];
    throw new EmbeddedServerError(`initdb failed (exit ${code}): ${reason}`);
  }
}
