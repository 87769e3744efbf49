// A killed parent (a test run, a `temper serve` stopped with SIGKILL) leaves
// either a postmaster still running on the data folder or, when the postmaster
// itself was killed, a postmaster.pid naming a dead process (or, after a
// reboot or in a container, a pid that now belongs to something else, which
// makes PostgreSQL refuse to start). These helpers tell the cases apart from
// postmaster.pid and the process table, and stop a postmaster cleanly.
import { execFile } from "node:child_process";
import { readFile, realpath, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { EmbeddedServerError } from "./errors.ts";

/** The fields of a data folder's `postmaster.pid` that Temper uses. */
export interface PidFile {
  pid: number;
  dataDir: string;
  port: number;
  /** `starting`, `ready`, `stopping` or `standby`. */
  status: string;
}

/** What holds a data folder: nothing, a stale pid file, or a live postmaster. */
export type Occupant =
  { state: "none" } | { state: "stale"; pidFile: PidFile } | { state: "running"; pidFile: PidFile };

/**
 * Reads `postmaster.pid` (PostgreSQL's lock file: pid, data folder, start
 * time, port, socket folder, listen address, shared memory key, status).
 *
 * @example
 * const pidFile = await readPidFile(paths.dataDir); // { pid: 4242, port: 54011, status: "ready", ... }
 */
export async function readPidFile(dataDir: string): Promise<PidFile | undefined> {
  const text = await readFile(join(dataDir, "postmaster.pid"), "utf8").catch(() => undefined);
  const lines = text?.split("\n") ?? [];
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return text === undefined ? undefined : staleFile(dataDir);
  return { pid, dataDir: lines[1] ?? "", port: Number(lines[3]), status: (lines[7] ?? "").trim() };
}

const staleFile = (dataDir: string): PidFile => ({ pid: 0, dataDir, port: 0, status: "" });

/**
 * Tells whether a data folder is free, holds a stale pid file, or is served
 * by a live postmaster (one running the `postgres` program on that folder).
 *
 * @example
 * const occupant = await inspectDataDir(paths.dataDir);
 * if (occupant.state === "stale") await removePidFile(paths.dataDir);
 */
export async function inspectDataDir(dataDir: string): Promise<Occupant> {
  const pidFile = await readPidFile(dataDir);
  if (!pidFile) return { state: "none" };
  const running = pidFile.pid > 0 && (await isPostmasterOf(pidFile.pid, dataDir));
  return running ? { state: "running", pidFile } : { state: "stale", pidFile };
}

/**
 * Removes a stale `postmaster.pid`, so that PostgreSQL does not refuse to
 * start because the recorded pid now belongs to another process.
 *
 * @example
 * await removePidFile(paths.dataDir);
 */
export async function removePidFile(dataDir: string): Promise<void> {
  await rm(join(dataDir, "postmaster.pid"), { force: true });
}

/**
 * Stops a postmaster: fast shutdown (SIGINT: roll back open transactions,
 * checkpoint, exit), then immediate shutdown (SIGQUIT) and SIGKILL if it
 * does not finish in time. Resolves once it is gone.
 *
 * @example
 * await stopPostmaster(pidFile.pid, paths.dataDir);
 */
export async function stopPostmaster(pid: number, dataDir: string, timeoutMs = 30_000): Promise<void> {
  for (const [signal, wait] of [
    ["SIGINT", timeoutMs],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    if (!(await isPostmasterOf(pid, dataDir))) return;
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") return; // gone in between
      throw new EmbeddedServerError(`PostgreSQL (pid ${pid}) runs as another user: stop it as that user or as root`);
    }
    const deadline = Date.now() + wait;
    while (Date.now() < deadline) {
      if (!(await isPostmasterOf(pid, dataDir))) return;
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

/**
 * Whether a process exists (possibly owned by another user).
 *
 * @example
 * isProcessAlive(process.pid); // true
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether `pid` is a live (not zombie) `postgres` process started with `-D`
 * on this data folder, or working in it.
 *
 * @example
 * await isPostmasterOf(4242, "/srv/crm/.temper/pg/data"); // true
 */
export async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  const args = await processArgs(pid);
  if (!args || !basename(args[0] ?? "").startsWith("postgres")) return false;
  const served = args[args.indexOf("-D") + 1];
  return served !== undefined && args.includes("-D") && (await samePath(served, dataDir));
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  return (await real(a)) === (await real(b));
}

async function processArgs(pid: number): Promise<string[] | undefined> {
  if (process.platform === "linux") {
    // A zombie has an empty cmdline; a dead pid has no /proc entry.
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    return cmdline ? cmdline.split("\0") : undefined;
  }
  try {
    const { stdout } = await promisify(execFile)("ps", ["-o", "stat=,args=", "-p", String(pid)]);
    const [stat, ...args] = stdout.trim().split(/\s+/);
    return stat && !stat.startsWith("Z") ? args : undefined;
  } catch {
    return undefined; // no such process
  }
}
