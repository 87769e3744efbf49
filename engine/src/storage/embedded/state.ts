import { randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";
import type { ServerPaths } from "./paths.ts";

/** What `<home>/pg/server.json` remembers between runs. */
export interface ServerState {
  /** The last port used: the next start takes it again when it is free, so the URL stays the same. */
  port?: number;
  /**
   * Who stops the running server: the pid of the process that started it
   * (it stops the server when it is done), `"detached"` for `temper db
   * start` (only `temper db stop` stops it), or `null` when stopped.
   */
  owner?: number | "detached" | null;
}

/**
 * Reads `server.json`; an empty state when there is none yet.
 *
 * @example
 * const { port } = await readServerState(serverPaths(home));
 */
export async function readServerState(paths: ServerPaths): Promise<ServerState> {
  const text = await readFile(paths.stateFile, "utf8").catch(() => undefined);
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as ServerState;
  } catch {
    return {};
  }
}

/**
 * Merges `changes` into `server.json`.
 *
 * @example
 * await updateServerState(paths, { port: 54011, owner: process.pid });
 */
export async function updateServerState(paths: ServerPaths, changes: ServerState): Promise<void> {
  const state = { ...(await readServerState(paths)), ...changes };
  await writeFile(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * The superuser password of the embedded server, read from
 * `<home>/pg/password` (mode 0600, readable by this user only); with
 * `create`, generated and stored first when there is none.
 *
 * @example
 * const password = await serverPassword(paths, { create: true });
 */
export async function serverPassword(paths: ServerPaths, options: { create: boolean }): Promise<string | undefined> {
  const stored = await readFile(paths.passwordFile, "utf8").catch(() => undefined);
  if (stored?.trim()) return stored.trim();
  if (!options.create) return undefined;
  const password = randomBytes(24).toString("hex");
  await writeFile(paths.passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(paths.passwordFile, 0o600); // in case an empty file was there already
  return password;
}
