// When a postmaster is killed with SIGKILL, its backends and auxiliary
// processes live on for a moment, attached to its shared memory; a new
// postmaster on the same folder then refuses to start ("pre-existing shared
// memory block is still in use"). PostgreSQL processes work with the data
// folder as their current directory, which is how they are found here.
import { readdir, readlink, realpath } from "node:fs/promises";
import { basename } from "node:path";

/** The pids of `postgres` processes whose working directory is the data folder (Linux; elsewhere none are found). */
export async function processesIn(dataDir: string): Promise<number[]> {
  if (process.platform !== "linux") return [];
  const target = await realpath(dataDir).catch(() => dataDir);
  const pids: number[] = [];
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const [cwd, exe] = await Promise.all([
      readlink(`/proc/${entry}/cwd`).catch(() => ""),
      readlink(`/proc/${entry}/exe`).catch(() => ""),
    ]);
    if (cwd === target && basename(exe).startsWith("postgres")) pids.push(Number(entry));
  }
  return pids;
}

/**
 * Waits for the leftover processes of a dead postmaster to end (they notice
 * its death on their own), and kills those still there after `graceMs`.
 *
 * @example
 * await clearLeftovers(paths.dataDir); // then start a new postmaster
 */
export async function clearLeftovers(dataDir: string, graceMs = 3_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  let left = await processesIn(dataDir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50));
    left = await processesIn(dataDir);
  }
  for (const pid of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  while ((await processesIn(dataDir)).length > 0 && Date.now() < deadline + 5_000)
    await new Promise((done) => setTimeout(done, 50));
}
