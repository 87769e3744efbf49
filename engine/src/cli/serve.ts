import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Command } from "commander";
import { compressed } from "./compress.ts";
import { UserError } from "./user-error.ts";
import { servedEngine } from "./served-engine.ts";
import {
  buildStudio,
  composeListener,
  loadStudioHandler,
  type NodeHandler,
  studioBuildState,
  studioLocation,
} from "./studio.ts";
import { resolveDatabase } from "../storage/connection.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { workspaces } from "../storage/platform/schema.ts";

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
 * How `serveApi` treats the studio: `build` builds it first when its build
 * is missing or older than its source; `if-built` serves an existing build
 * and otherwise the API alone; `off` serves the API alone.
 */
export type StudioMode = "build" | "if-built" | "off";

/** Builds the studio if asked and needed; the build folder to serve, or none. */
async function preparedStudio(mode: StudioMode): Promise<string | undefined> {
  if (mode === "off") return undefined;
  const location = studioLocation();
  const state = studioBuildState(location);
  if (state === "current") return location.build;
  if (mode === "if-built") {
    if (state === "stale")
      console.log("Serving the studio's last build; its source has changed since (pnpm start rebuilds it).");
    return state === "stale" ? location.build : undefined;
  }
  console.log(
    state === "missing" ? "Building the studio (first start)…" : "Rebuilding the studio: its source changed…",
  );
  await buildStudio(location);
  return location.build;
}

/** The address the studio's server side reaches the API at: this server, over loopback when it listens everywhere. */
function internalUrl(hostname: string, port: number): string {
  const host = hostname === "0.0.0.0" || hostname === "::" || hostname === "" ? "127.0.0.1" : hostname;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The settings the studio's handler reads when it loads, unless the environment sets them. */
async function loadStudio(build: string, api: string, storage: Storage): Promise<NodeHandler> {
  process.env.TEMPER_API_URL ??= api;
  if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER ??= "x-forwarded-proto";
  if (!process.env.TEMPER_DEFAULT_WORKSPACE) {
    const all = await storage.db.select({ id: workspaces.id }).from(workspaces);
    if (all.length === 1) process.env.TEMPER_DEFAULT_WORKSPACE = all[0]!.id;
  }
  return loadStudioHandler(build);
}

function listen(server: Server, port: number, hostname: string): Promise<number> {
  return new Promise((listening, fail) => {
    server.once("error", fail);
    server.listen(port, hostname, () => {
      server.off("error", fail);
      listening((server.address() as AddressInfo).port);
    });
  });
}

/** A listening server of the API and maybe the studio. */
export interface RunningServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  studio: boolean;
  close(): Promise<void>;
}

/**
 * Listens with one Node HTTP server for the API (`/api/*`, through
 * `@hono/node-server`) and, given a build, the studio (every other path).
 * The studio is loaded once the port is known, so that its server side
 * reaches the API at this very server; requests wait for it meanwhile.
 *
 * @example
 * const running = await listenApiAndStudio(createApi({ storage }), { storage, port: 0, hostname: "127.0.0.1", studioBuild: "studio/build" });
 * await fetch(`${running.url}/`); // the studio's sign-in page
 * await running.close();
 */
export async function listenApiAndStudio(
  api: { fetch: (request: Request) => Response | Promise<Response> },
  options: { storage: Storage; port: number; hostname: string; studioBuild?: string },
): Promise<RunningServer> {
  let studio: Promise<NodeHandler | undefined> = Promise.resolve(undefined);
  const listener = getRequestListener(api.fetch, { overrideGlobalObjects: false }) as NodeHandler;
  const server = createServer(compressed(composeListener(listener, () => studio)));
  const close = async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  };
  const port = await listen(server, options.port, options.hostname);
  try {
    if (options.studioBuild) {
      studio = loadStudio(options.studioBuild, internalUrl(options.hostname, port), options.storage);
      await studio;
    }
  } catch (error) {
    await close();
    throw error;
  }
  const host = options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname;
  return { url: `http://${host}:${port}`, port, studio: Boolean(options.studioBuild), close };
}

/**
 * Serves the API (`/api/v1`) and the studio (every other path) from one
 * process on the embedded database (or DATABASE_URL), with the timer and
 * outbox workers of its one runtime, until SIGINT or SIGTERM; then closes
 * the server, stops the workers, and closes the pool and the embedded
 * database. The studio is built first when missing or stale (`studio:
 * "build"`, the default), or served only if already built (`"if-built"`).
 *
 * @example
 * await serveApi({ port: "0", studio: "off", prepare: async (storage) => {} });
 */
export async function serveApi(options: {
  port?: string;
  host?: string;
  studio?: StudioMode;
  prepare?: (storage: Storage) => Promise<void>;
  banner?: () => void;
}): Promise<void> {
  const listenPort = port(options.port);
  const studioBuild = await preparedStudio(options.studio ?? "build");
  const database = await resolveDatabase();
  try {
    const storage = await openStorage(database.url);
    try {
      const stopped = untilStopped();
      await options.prepare?.(storage);
      const hostname = options.host ?? process.env.HOST ?? "127.0.0.1";
      const { runtime, api } = await servedEngine(storage);
      const running = await listenApiAndStudio(api, {
        storage,
        port: listenPort,
        hostname,
        ...(studioBuild ? { studioBuild } : {}),
      });
      let workers: ReturnType<typeof runtime.startWorkers> | undefined;
      try {
        if (running.studio) console.log(`Temper studio on ${running.url}/`);
        console.log(`Temper API on ${running.url}/api/v1`);
        options.banner?.();
        workers = runtime.startWorkers();
        await stopped;
      } finally {
        await running.close();
        await workers?.stop();
      }
    } finally {
      await storage.close();
    }
  } finally {
    await database.stop();
  }
}

/** `temper serve [--port N] [--host H]`: the HTTP API, and the studio when it is built, until SIGINT or SIGTERM. */
export function serveCommand(): Command {
  return new Command("serve")
    .description(
      "serve the HTTP API (/api/v1) and, when built, the studio, on the embedded database or DATABASE_URL, until stopped",
    )
    .option("--port <n>", "the port (PORT, else 3000; 0 picks a free one)")
    .option("--host <host>", "the address to listen on (HOST, else 127.0.0.1)")
    .option("--no-studio", "serve the API alone")
    .addHelpText(
      "after",
      "\nThe studio is served from studio/build (TEMPER_STUDIO_BUILD to name another); `pnpm start` builds it.\nExample: pnpm temper serve --port 3000",
    )
    .action((options: { port?: string; host?: string; studio: boolean }) =>
      serveApi({ ...options, studio: options.studio ? "if-built" : "off" }),
    );
}
