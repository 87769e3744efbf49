import { createHash } from "node:crypto";
import { Hono } from "hono";
import { visibleDefinition } from "../../permissions/visible-definition.ts";
import type { ApiEnv } from "../env.ts";

/**
 * `GET /definition`: the published definition as the signed-in user may see
 * it, for clients that generate screens from it: the app (labels, locales,
 * time zone, currency, modules), the entities they may read with their
 * readable fields, what they may do and their views (generated where the
 * definition has none), and the dashboards meant for them. The `ETag`
 * changes with the version and the user's roles; `If-None-Match` gets `304`.
 *
 * @example
 * app.route("/definition", definitionRoutes());
 * // GET /definition → { app: { id: "crm", locales: ["en", "zh", "ko"], … }, entities: [{ name: "customer", access: { create: true, … }, views: { lists: [...] } }], dashboards: [...] }
 */
export function definitionRoutes() {
  return new Hono<ApiEnv>().get("/", (c) => {
    const { definition } = c.var.workspace;
    const roles = [...c.var.user.roles].sort();
    const tag = createHash("sha256")
      .update(JSON.stringify([c.var.workspace.workspaceId, definition.app.id, definition.app.version, roles]))
      .digest("base64url")
      .slice(0, 27);
    const etag = `"${tag}"`;
    c.header("etag", etag);
    c.header("cache-control", "private, no-cache");
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.json(visibleDefinition(definition, c.var.user.roles));
  });
}
