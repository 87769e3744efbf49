import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { listQueryOf } from "../../records/list-query.ts";
import type { ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

/** The version a write expects: `If-Match: "3"` (or W/"3"), or `version` in the body. */
function expectedVersion(header: string | undefined, body: Record<string, unknown>): number {
  const fromHeader = header?.match(/^(?:W\/)?"?(\d+)"?$/)?.[1];
  const value = fromHeader ?? body.version;
  if (value === undefined)
    throw new EngineError(
      "bad_request",
      'send the version you read, as `If-Match: "<version>"` or "version" in the body',
    );
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1)
    throw new EngineError("bad_request", `"${String(value)}" is not a record version`);
  return version;
}

/** `/records/:entity` and `/records/:entity/:id`: list, create, read, change, delete, history. */
export function recordRoutes() {
  return new Hono<ApiEnv>()
    .get("/:entity", async (c) => {
      const query = listQueryOf(new URL(c.req.url).searchParams);
      return c.json(await c.var.records.list(c.var.user, c.req.param("entity"), query));
    })
    .post("/:entity", async (c) => {
      const record = await c.var.records.create(c.var.user, c.req.param("entity"), await readJsonObject(c));
      c.header("location", `/api/v1/records/${c.req.param("entity")}/${String(record.id)}`);
      c.header("etag", `"${String(record.version)}"`);
      return c.json(record, 201);
    })
    .get("/:entity/:id", async (c) => {
      const record = await c.var.records.get(c.var.user, c.req.param("entity"), c.req.param("id"));
      c.header("etag", `"${String(record.version)}"`);
      return c.json(record);
    })
    .patch("/:entity/:id", async (c) => {
      const body = await readJsonObject(c);
      const version = expectedVersion(c.req.header("if-match"), body);
      delete body.version;
      const record = await c.var.records.update(c.var.user, c.req.param("entity"), c.req.param("id"), body, version);
      c.header("etag", `"${String(record.version)}"`);
      return c.json(record);
    })
    .delete("/:entity/:id", async (c) => {
      const header = c.req.header("if-match");
      await c.var.records.delete(
        c.var.user,
        c.req.param("entity"),
        c.req.param("id"),
        header ? expectedVersion(header, {}) : undefined,
      );
      return c.body(null, 204);
    })
    .get("/:entity/:id/history", async (c) => {
      return c.json({ history: await c.var.records.history(c.var.user, c.req.param("entity"), c.req.param("id")) });
    });
}
