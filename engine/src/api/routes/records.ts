import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import type { ListFilter, ListQuery, SortKey } from "../../records/list-query.ts";
import type { ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

const reserved = new Set(["sort", "limit", "cursor", "q"]);
const operators = new Set(["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "empty", "not_empty"]);

/**
 * Reads a list's query string: `?region=east&amount.gte=1000&industry.in=energy,mining&parent.empty=true&sort=-amount,name&limit=50&cursor=…&q=hanwha`.
 *
 * @example
 * listQueryOf(new URL("http://x/?amount.gte=5&sort=-amount").searchParams);
 * // { filters: [{ field: "amount", op: "gte", value: "5" }], sort: [{ field: "amount", direction: "desc" }] }
 */
export function listQueryOf(params: URLSearchParams): ListQuery {
  const filters: ListFilter[] = [];
  for (const [key, value] of params) {
    if (reserved.has(key)) continue;
    const dot = key.lastIndexOf(".");
    const [field, op] = dot > 0 ? [key.slice(0, dot), key.slice(dot + 1)] : [key, "eq"];
    if (!operators.has(op))
      throw new EngineError(
        "bad_request",
        `unknown filter operator "${op}" in "${key}"; use one of ${[...operators].join(", ")}`,
      );
    const filter: ListFilter = { field, op: op as ListFilter["op"] };
    if (op === "empty" || op === "not_empty") {
      if (value === "false") filter.op = op === "empty" ? "not_empty" : "empty";
    } else filter.value = value;
    filters.push(filter);
  }
  const sort: SortKey[] | undefined = params
    .get("sort")
    ?.split(",")
    .filter(Boolean)
    .map((s) => (s.startsWith("-") ? { field: s.slice(1), direction: "desc" } : { field: s, direction: "asc" }));
  const limit = params.get("limit");
  if (limit !== null && !/^\d+$/.test(limit))
    throw new EngineError("bad_request", `"limit" must be a whole number, not "${limit}"`);
  const query: ListQuery = { filters };
  if (sort) query.sort = sort;
  if (limit !== null) query.limit = Number(limit);
  const cursor = params.get("cursor");
  if (cursor) query.cursor = cursor;
  const search = params.get("q");
  if (search !== null) query.search = search;
  return query;
}

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
