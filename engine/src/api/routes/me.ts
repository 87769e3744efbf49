import { Hono } from "hono";
import { personOrThrow } from "../../org/directory.ts";
import { capabilitiesOf } from "../../permissions/capabilities.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";

/**
 * `GET /me`: the signed-in user (name, unit, manager, roles), the
 * capabilities their roles hold together, and the workspace's published app
 * and version.
 *
 * @example
 * app.route("/me", meRoutes(deps));
 * // GET /me → { username: "li.wei", displayName: "Li Wei", roles: ["sales_rep"], capabilities: [], workspace: { id: "acme", app: "crm", version: "1.0.0" }, … }
 */
export function meRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().get("/", async (c) => {
    const { workspaceId, definition } = c.var.workspace;
    const person = await personOrThrow(deps.storage, workspaceId, c.var.user.id);
    return c.json({
      ...person,
      capabilities: [...capabilitiesOf(definition, person.roles)].sort(),
      workspace: { id: workspaceId, app: definition.app.id, version: definition.app.version },
    });
  });
}
