import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UserError } from "./user-error.ts";

/** A Node request handler in the connect style, as `@sveltejs/adapter-node` builds the studio's. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** Where the studio's source is (none for a build shipped alone) and where its build goes. */
export interface StudioLocation {
  source: string | null;
  build: string;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The studio of this checkout (`studio/`, built into `studio/build`), or the
 * build folder `TEMPER_STUDIO_BUILD` names, which is then served as it is.
 *
 * @example
 * studioLocation({}); // { source: "/repo/studio", build: "/repo/studio/build" }
 */
export function studioLocation(env: NodeJS.ProcessEnv = process.env): StudioLocation {
  if (env.TEMPER_STUDIO_BUILD) return { source: null, build: env.TEMPER_STUDIO_BUILD };
  const source = join(repoRoot, "studio");
  return { source: existsSync(join(source, "package.json")) ? source : null, build: join(source, "build") };
}

/** The newest modification time of a file or of anything below a folder (0 when absent). */
export function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

const inputs = ["src", "static", "package.json", "svelte.config.js", "vite.config.ts"];

/**
 * Whether the studio's build can be served: `missing`, `stale` (its source
 * changed after it was built) or `current`. A build without source is current.
 *
 * @example
 * if (studioBuildState(studioLocation()) !== "current") await buildStudio(studioLocation());
 */
export function studioBuildState(location: StudioLocation): "missing" | "stale" | "current" {
  const built = join(location.build, "handler.js");
  if (!existsSync(built)) return "missing";
  if (!location.source) return "current";
  const source = Math.max(...inputs.map((input) => newestChange(join(location.source!, input))));
  return source > statSync(built).mtimeMs ? "stale" : "current";
}

/**
 * Builds the studio (`pnpm --filter @temper/studio build`), its output shown
 * as it runs; a failed build is a user error.
 *
 * @example
 * await buildStudio(studioLocation());
 */
export async function buildStudio(location: StudioLocation): Promise<void> {
  if (!location.source) throw new UserError(`no studio build in ${location.build}, and no studio source to build`);
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn("pnpm", ["--filter", "@temper/studio", "build"], { cwd: repoRoot, stdio: "inherit" });
    child.once("error", fail);
    child.once("exit", done);
  }).catch((error: Error) => {
    throw new UserError(`could not run the studio build (pnpm --filter @temper/studio build): ${error.message}`);
  });
  if (code !== 0) throw new UserError(`the studio build failed (exit ${String(code)}); its output is above`);
}

/**
 * Loads the studio's request handler from its build. The handler reads its
 * settings (`ORIGIN`, `PROTOCOL_HEADER`, …) from the environment once, when
 * loaded: set them first.
 *
 * @example
 * const studio = await loadStudioHandler("/repo/studio/build");
 */
export async function loadStudioHandler(build: string): Promise<NodeHandler> {
  const module = (await import(pathToFileURL(join(build, "handler.js")).href)) as { handler?: NodeHandler };
  if (typeof module.handler !== "function") throw new UserError(`${build}/handler.js exports no handler`);
  return module.handler;
}

/** Whether a request is for the HTTP API (`/api` and below). */
export function isApiPath(url: string | undefined): boolean {
  return /^\/api(?:[/?#]|$)/.test(url ?? "/");
}

/**
 * One listener for the API and the studio: `/api/*` goes to the API, every
 * other path to the studio once it is loaded (to the API when there is none).
 * A request that did not come through a proxy naming its protocol is marked
 * as plain HTTP, the protocol this server speaks.
 *
 * @example
 * const studio = loadStudioHandler(build);
 * createServer(composeListener(getRequestListener(api.fetch), () => studio));
 */
export function composeListener(api: NodeHandler, studio: () => Promise<NodeHandler | undefined>): NodeHandler {
  return (req, res) => {
    if (isApiPath(req.url)) return api(req, res);
    studio().then(
      (handler) => {
        if (!handler) return api(req, res);
        req.headers["x-forwarded-proto"] ??= "http";
        handler(req, res, () => {
          res.statusCode = 404;
          res.end();
        });
      },
      () => api(req, res),
    );
  };
}
