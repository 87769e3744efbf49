import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { EmbeddedServerError } from "./errors.ts";
import { isProcessAlive } from "./orphan.ts";
import type { ServerPaths } from "./paths.ts";

/**
 * Runs `work` while holding `<home>/pg/start.lock`, so that processes
 * starting the same server at once (two `temper db start`, the workers of a
 * test run) take turns: the first creates and starts it, the others attach.
 * A lock whose holder died is taken over.
 *
 * @example
 * const server = await withStartLock(paths, () => startUnlocked(paths));
 */
export async function withStartLock<T>(paths: ServerPaths, work: () => Promise<T>): Promise<T> {
  const lock = join(paths.root, "start.lock");
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (await isStale(lock)) await rm(lock, { force: true });
    else if (Date.now() > deadline)
      throw new EmbeddedServerError(
        `${paths.home}'s server has been starting for 2 minutes; if nothing is, remove ${lock}`,
      );
    else await new Promise((done) => setTimeout(done, 50));
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  const holder = Number(await readFile(lock, "utf8").catch(() => ""));
  if (holder > 0) return !isProcessAlive(holder);
  // Created but not written yet, or written by a process killed in between.
  const created = (await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now();
  return Date.now() - created > 10_000;
}
