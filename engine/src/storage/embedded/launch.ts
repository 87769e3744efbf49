import { spawn } from "node:child_process";
import { open, readFile, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { EmbeddedServerError } from "./errors.ts";
import { programEnv } from "./init.ts";
import { readPidFile } from "./orphan.ts";
import type { PostgresBinaries, ServerPaths } from "./paths.ts";
import type { ServerUser } from "./root.ts";

/** The port was taken between choosing it and PostgreSQL binding it: choose another. */
export class PortInUseError extends EmbeddedServerError {
  override name = "PortInUseError";
}

/**
 * A free TCP port on 127.0.0.1: `preferred` when it is free, else one the
 * system hands out.
 *
 * @example
 * const port = await freePort(state.port);
 */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred && (await listenOn(preferred).catch(() => undefined))) return preferred;
  return listenOn(0);
}

function listenOn(port: number): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once("error", fail);
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/** How to run one postmaster. */
export interface LaunchOptions {
  paths: ServerPaths;
  binaries: PostgresBinaries;
  user: ServerUser | undefined;
  port: number;
  /** In its own session, so it outlives this process and the terminal's Ctrl-C (`temper db start`). */
  detached: boolean;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string>;
}

/**
 * Starts `postgres` on the data folder, listening on 127.0.0.1 only (no Unix
 * socket), logging to `<home>/pg/server.log`, and resolves with its pid once
 * postmaster.pid says "ready" (what `pg_ctl start -w` waits for).
 *
 * @example
 * const pid = await launchPostmaster({ paths, binaries, user, port: await freePort(), detached: false });
 */
export async function launchPostmaster(options: LaunchOptions): Promise<number> {
  const { paths, binaries, user, port } = options;
  // The log is kept across starts, unless it has grown past 10 MB.
  let logStart = (await stat(paths.logFile).catch(() => undefined))?.size ?? 0;
  if (logStart > 10_000_000) logStart = 0;
  const log = await open(paths.logFile, logStart === 0 ? "w" : "a", 0o600);
  const settings = Object.entries({ listen_addresses: "127.0.0.1", ...options.settings });
  const args = [
    "-D",
    paths.dataDir,
    "-p",
    String(port),
    "-k",
    "",
    ...settings.flatMap(([k, v]) => ["-c", `${k}=${v}`]),
  ];
  const child = spawn(binaries.postgres, args, {
    cwd: paths.dataDir,
    env: programEnv(),
    stdio: ["ignore", log.fd, log.fd],
    detached: options.detached,
    ...(user && { uid: user.uid, gid: user.gid }),
  });
  await log.close();
  child.unref();
  let ended: string | undefined;
  child.once("exit", (code, signal) => (ended = `exit ${code ?? signal}`));
  child.once("error", (error) => (ended = error.message));
  const deadline = Date.now() + 60_000;
  while (ended === undefined) {
    const pidFile = await readPidFile(paths.dataDir);
    if (child.pid && pidFile && pidFile.pid === child.pid && pidFile.status === "ready") return child.pid;
    if (Date.now() > deadline) {
      child.kill("SIGQUIT");
      throw new EmbeddedServerError(`PostgreSQL did not get ready within 60 s (log: ${paths.logFile})`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  const lines = (await readFile(paths.logFile)).subarray(logStart).toString("utf8").split("\n");
  const fatal = lines.find((line) => /FATAL|PANIC/.test(line))?.replace(/^.*?(FATAL|PANIC):\s*/, "");
  const reason = `PostgreSQL did not start (${ended}): ${fatal ?? "see the log"} (log: ${paths.logFile})`;
  throw lines.some((line) => line.includes("Address already in use"))
    ? new PortInUseError(reason)
    : new EmbeddedServerError(reason);
}
