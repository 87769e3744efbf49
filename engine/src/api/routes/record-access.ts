import { Hono } from "hono";
import { inputSchemasFor, recordAccess } from "../../records/record-access.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";

/**
 * What a client needs to offer a user a form and the actions on a record:
 * `GET /records/:entity/schema`, the JSON Schemas of a create and an update
 * narrowed to the fields the user may write (to check a form before sending
 * it, with the engine's own schema), and `GET /records/:entity/:id/access`,
 * whether the user may change, delete and annotate that record.
 *
 * @example
 * app.route("/records", recordAccessRoutes(deps));
 * // GET /records/customer/schema → { create: { type: "object", properties: { name: {...} }, required: ["name", "region"] }, update: {...} }
 * // GET /records/quote/4f1c…/access → { update: false, delete: false, annotate: true, writable: [...] }
 */
export function recordAccessRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get("/:entity/schema", (c) => {
      c.header("cache-control", "private, no-cache");
      return c.json(inputSchemasFor(c.var.workspace, c.var.user.roles, c.req.param("entity")));
    })
    .get("/:entity/:id/access", async (c) =>
      c.json(await recordAccess(deps.storage, c.var.workspace, c.var.user, c.req.param("entity"), c.req.param("id"))),
    );
}
