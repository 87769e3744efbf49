import { isInitialized } from "./init.ts";
import { inspectDataDir, removePidFile, stopPostmaster } from "./orphan.ts";
import { serverPaths } from "./paths.ts";
import { serverUrl } from "./sql.ts";
import { readServerState, serverPassword, updateServerState } from "./state.ts";

/** What `temper db status` reports. */
export interface EmbeddedServerStatus {
  /** Whether a cluster exists in the data folder. */
  initialized: boolean;
  /** Whether a postmaster serves the data folder (whoever started it). */
  running: boolean;
  /** postmaster.pid's status when running: `starting`, `ready`, `stopping`. */
  state?: string;
  pid?: number;
  /** The port it listens on, or the one the next start will try. */
  port?: number;
  dataDir: string;
}

/**
 * Whether the embedded server of a TEMPER_HOME runs, on which port and pid.
 * Starts nothing.
 *
 * @example
 * const { running, port } = await embeddedServerStatus(temperHome());
 */
export async function embeddedServerStatus(home: string): Promise<EmbeddedServerStatus> {
  const paths = serverPaths(home);
  const initialized = await isInitialized(paths);
  const occupant = await inspectDataDir(paths.dataDir);
  if (occupant.state !== "running")
    return { initialized, running: false, port: (await readServerState(paths)).port, dataDir: paths.dataDir };
  const { pid, port, status } = occupant.pidFile;
  return { initialized, running: true, state: status, pid, port, dataDir: paths.dataDir };
}

/**
 * The connection URL of a TEMPER_HOME's embedded server, running or not
 * (the port is the one it runs on or will try next); `undefined` before the
 * first start. Starts nothing.
 *
 * @example
 * const url = await embeddedServerUrl(temperHome()); // "postgres://temper:...@127.0.0.1:54011/temper"
 */
export async function embeddedServerUrl(home: string): Promise<string | undefined> {
  const paths = serverPaths(home);
  const { port } = await embeddedServerStatus(home);
  const password = await serverPassword(paths, { create: false });
  return port && password ? serverUrl(password, port) : undefined;
}

/**
 * Stops the embedded server of a TEMPER_HOME, whoever started it, and
 * removes a stale pid file; resolves `true` when a server was running.
 *
 * @example
 * if (!(await stopEmbeddedServer(temperHome()))) console.log("not running");
 */
export async function stopEmbeddedServer(home: string): Promise<boolean> {
  const paths = serverPaths(home);
  const occupant = await inspectDataDir(paths.dataDir);
  if (occupant.state === "none") return false;
  if (occupant.state === "running") await stopPostmaster(occupant.pidFile.pid, paths.dataDir);
  await removePidFile(paths.dataDir);
  await updateServerState(paths, { owner: null });
  return occupant.state === "running";
}
