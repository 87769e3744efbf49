import { Command } from "commander";
import { engineRuntime } from "../plugins/install.ts";
import { resolveDatabase } from "../storage/connection.ts";
import { openStorage } from "../storage/platform/database.ts";
import { untilStopped } from "./serve.ts";
import { UserError } from "./user-error.ts";

function wholeNumber(option: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new UserError(`${option} "${raw}" is not a whole number of at least ${min}`);
  return Number(raw);
}

/**
 * Runs the timer and outbox workers of one runtime, without the HTTP API, on
 * the embedded database (or DATABASE_URL) until SIGINT or SIGTERM; then stops
 * them (the round under way finishes) and closes the pool. Several may run
 * against one database at once: they share the work through row locks.
 *
 * @example
 * await runWorker({ poll: "500", concurrency: "8" });
 */
export async function runWorker(options: { poll: string; concurrency: string }): Promise<void> {
  const pollMs = wholeNumber("--poll", options.poll, 1);
  const concurrency = wholeNumber("--concurrency", options.concurrency, 1);
  const database = await resolveDatabase();
  try {
    // A lane of each worker holds a connection; two to spare for lookups outside them.
    const storage = await openStorage(database.url, { max: concurrency * 2 + 2 });
    try {
      const stopped = untilStopped();
      const runtime = await engineRuntime(storage);
      const workers = runtime.startWorkers({ pollMs, concurrency });
      console.log(
        `Temper worker ${runtime.deps.workerId}: timers and outbox every ${pollMs} ms, ${concurrency} at a time`,
      );
      await stopped;
      await workers.stop();
      console.log(`Temper worker ${runtime.deps.workerId} stopped`);
    } finally {
      await storage.close();
    }
  } finally {
    await database.stop();
  }
}

/** `temper worker [--poll MS] [--concurrency N]`: fires due timers and delivers the outbox until stopped. */
export function workerCommand(): Command {
  return new Command("worker")
    .description(
      "fire due timers and deliver the outbox (no HTTP API) on the embedded database or DATABASE_URL, until stopped",
    )
    .option("--poll <ms>", "how often to look for due work when idle, in milliseconds", "1000")
    .option("--concurrency <n>", "timers (and side effects) worked on at once", "4")
    .addHelpText(
      "after",
      "\nRun several, in as many processes or machines as needed: each timer fires once.\nExample: pnpm temper worker --poll 500 --concurrency 8",
    )
    .action((options: { poll: string; concurrency: string }) => runWorker(options));
}
