import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stopPostmaster } from "./orphan.ts";
import type { ServerPaths } from "./paths.ts";
import { updateServerState, type ServerState } from "./state.ts";

/** Who stops a running server: a process id, or `"detached"` (only `temper db stop`). */
export type Owner = number | "detached";

/** A running embedded server, as returned by `startEmbeddedServer`. */
export interface EmbeddedServer {
  /** `postgres://temper:<password>@127.0.0.1:<port>/temper` */
  url: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  home: string;
  dataDir: string;
  /** Whether it was already running (started by `temper db start`, another process or a killed one). */
  attached: boolean;
  /** Whether `stop()` stops the server: this process started it (not detached) or adopted it as an orphan. */
  owned: boolean;
  /** Stops the server if `owned` and nobody took it over since; otherwise does nothing. */
  stop(): Promise<void>;
}

/**
 * The handle for a running postmaster. An owned server is also sent a fast
 * shutdown (SIGINT) if this process exits without calling `stop()`, so a
 * forgotten or failed test run does not leave it behind.
 *
 * @example
 * const server = serverHandle(paths, { pid, port, url, owner: process.pid, attached: false });
 * await server.stop();
 */
export function serverHandle(
  paths: ServerPaths,
  running: { pid: number; port: number; url: string; owner: Owner | undefined; attached: boolean },
): EmbeddedServer {
  const { pid, owner } = running;
  const owned = typeof owner === "number";
  // Still running, and not taken over meanwhile (by `temper db start`, owner "detached").
  const stillOurs = () => readOwner(paths) === owner && readPostmasterPid(paths) === pid;
  const onExit = () => {
    if (!stillOurs()) return;
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  };
  if (owned) process.once("exit", onExit);
  let stopped = false;
  return {
    url: running.url,
    port: running.port,
    pid,
    attached: running.attached,
    home: paths.home,
    dataDir: paths.dataDir,
    owned,
    async stop() {
      if (!owned || stopped) return;
      stopped = true;
      process.off("exit", onExit);
      if (!stillOurs()) return;
      await stopPostmaster(pid, paths.dataDir);
      await updateServerState(paths, { owner: null });
    },
  };
}

function readPostmasterPid(paths: ServerPaths): number | undefined {
  try {
    return Number(readFileSync(join(paths.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return undefined;
  }
}

function readOwner(paths: ServerPaths): ServerState["owner"] {
  try {
    return (JSON.parse(readFileSync(paths.stateFile, "utf8")) as ServerState).owner;
  } catch {
    return undefined;
  }
}
