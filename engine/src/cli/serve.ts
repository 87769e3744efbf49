import { serve } from "@hono/node-server";
import { Command } from "commander";
import { UserError } from "./user-error.ts";
import { createApi } from "../api/app.ts";
import { engineRuntime } from "../plugins/install.ts";
import { resolveDatabase } from "../storage/connection.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";

function port(value: string | undefined): number {
  const raw = value ?? process.env.PORT ?? "3000";
  if (!/^\d+$/.test(raw) || Number(raw) > 65535)
    throw new UserError(`"${raw}" is not a port: a whole number from 0 to 65535`);
  return Number(raw);
}

/** Resolves at the first SIGINT or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((stop) => {
    const once = () => {
      process.off("SIGINT", once);
      process.off("SIGTERM", once);
      stop();
    };
    process.on("SIGINT", once);
    process.on("SIGTERM", once);
  });
}

/**
 * Serves the API on the embedded database (or DATABASE_URL), with the timer
 * and outbox workers of its one runtime, until SIGINT or SIGTERM; then closes
 * the server, stops the workers, and closes the pool and the embedded database.
 *
 * @example
 * await serveApi({ port: "0", prepare: async (storage) => {} });
 */
export async function serveApi(options: {
  port?: string;
  host?: string;
  prepare?: (storage: Storage) => Promise<void>;
  banner?: () => void;
}): Promise<void> {
  const listenPort = port(options.port);
  const database = await resolveDatabase();
  try {
    const storage = await openStorage(database.url);
    try {
      const stopped = untilStopped();
      await options.prepare?.(storage);
      const hostname = options.host ?? process.env.HOST ?? "127.0.0.1";
      const runtime = await engineRuntime(storage);
      const api = createApi({ storage, runtime });
      const server = await new Promise<ReturnType<typeof serve>>((listening) => {
        const s = serve({ fetch: api.fetch, port: listenPort, hostname }, (info) => {
          console.log(`Temper API on http://${hostname}:${info.port}/api/v1`);
          options.banner?.();
          listening(s);
        });
      });
      const workers = runtime.startWorkers();
      await stopped;
      await new Promise((closed) => server.close(closed));
      await workers.stop();
    } finally {
      await storage.close();
    }
  } finally {
    await database.stop();
  }
}

/** `temper serve [--port N] [--host H]`: the HTTP API until SIGINT or SIGTERM. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("serve the HTTP API (/api/v1) on the embedded database or DATABASE_URL, until stopped")
    .option("--port <n>", "the port (PORT, else 3000; 0 picks a free one)")
    .option("--host <host>", "the address to listen on (HOST, else 127.0.0.1)")
    .addHelpText("after", "\nExample: pnpm temper serve --port 3000")
    .action((options: { port?: string; host?: string }) => serveApi(options));
}
