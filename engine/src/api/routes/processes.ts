import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import type { ApiEnv, ResolvedApiDeps } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

function eventInput(body: Record<string, unknown>, ifMatch: string | undefined) {
  const { type, data, process, expectedVersion, ...rest } = body;
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    throw new EngineError(
      "bad_request",
      `unknown properties ${unknown.map((k) => `"${k}"`).join(", ")}; send type, data, process, expectedVersion`,
    );
  if (typeof type !== "string" || type === "")
    throw new EngineError("bad_request", 'send the event as {"type": "<event>", "data": {...}}');
  if (data !== undefined && (data === null || typeof data !== "object" || Array.isArray(data)))
    throw new EngineError("bad_request", '"data" must be an object');
  if (process !== undefined && typeof process !== "string")
    throw new EngineError("bad_request", '"process" must be a process name');
  const fromHeader = ifMatch?.match(/^(?:W\/)?"?(\d+)"?$/)?.[1];
  const version = expectedVersion ?? (fromHeader ? Number(fromHeader) : undefined);
  if (version !== undefined && (!Number.isInteger(version) || (version as number) < 0))
    throw new EngineError("bad_request", '"expectedVersion" must be the instance version you read');
  return {
    type,
    ...(data ? { data: data as Record<string, unknown> } : {}),
    ...(process ? { process } : {}),
    ...(version !== undefined ? { expectedVersion: version as number } : {}),
  };
}

/** `/records/:entity/:id/events` and `/records/:entity/:id/process`: what may happen next, making it happen, and what has. */
export function processRoutes(deps: ResolvedApiDeps) {
  const { runtime } = deps;
  return new Hono<ApiEnv>()
    .get("/:entity/:id/events", async (c) =>
      c.json({
        events: await runtime.events.options(c.var.user, c.var.workspace, c.req.param("entity"), c.req.param("id")),
      }),
    )
    .post("/:entity/:id/events", async (c) => {
      const input = eventInput(await readJsonObject(c), c.req.header("if-match"));
      const result = await runtime.events.fire(
        c.var.user,
        c.var.workspace,
        c.req.param("entity"),
        c.req.param("id"),
        input,
      );
      c.header("etag", `"${result.version}"`);
      return c.json(result);
    })
    .get("/:entity/:id/process", async (c) =>
      c.json({
        processes: await runtime.process(c.var.user, c.var.workspace, c.req.param("entity"), c.req.param("id")),
      }),
    );
}
