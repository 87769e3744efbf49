import { serve } from "@hono/node-server";
import { Command, InvalidArgumentError } from "commander";
import { createApi } from "../api/app.ts";
import { resolveDatabase } from "../storage/connection.ts";
import { openStorage } from "../storage/platform/database.ts";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

/** `temper serve [--port N] [--host H]`: the HTTP API until SIGINT or SIGTERM. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("serve the HTTP API (/api/v1) on the embedded database or DATABASE_URL, until stopped")
    .option("--port <n>", "the port (PORT, else 3000; 0 picks a free one)", port)
    .option("--host <host>", "the address to listen on (HOST, else 127.0.0.1)")
    .addHelpText("after", "\nExample: pnpm temper serve --port 3000")
    .action(async (options: { port?: number; host?: string }) => {
      const database = await resolveDatabase();
      const storage = await openStorage(database.url);
      const hostname = options.host ?? process.env.HOST ?? "127.0.0.1";
      const api = createApi({ storage });
      const server = await new Promise<ReturnType<typeof serve>>((listening) => {
        const s = serve(
          { fetch: api.fetch, port: options.port ?? Number(process.env.PORT ?? 3000), hostname },
          (info) => {
            console.log(`Temper API on http://${hostname}:${info.port}/api/v1`);
            listening(s);
          },
        );
      });
      await new Promise<void>((stop) => {
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await new Promise((closed) => server.close(closed));
      await storage.close();
      await database.stop();
    });
}
