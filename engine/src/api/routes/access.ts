import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { explainRecordAccess } from "../../records/explain-access.ts";
import { requireCapability } from "../capability.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";

/**
 * `GET /access/explain?user=<username or id>&entity=<entity>[&id=<record id>]`
 * (needs `explain_access`): whether that user may create, read, update and
 * delete, which role and grant decided, or why not; the fields they may read
 * and write and the events they may fire.
 *
 * @example
 * app.route("/access", accessRoutes(deps));
 * // GET /access/explain?user=li.wei&entity=customer&id=0b9c…
 */
export function accessRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>().get("/explain", requireCapability("explain_access"), async (c) => {
    const user = c.req.query("user");
    const entity = c.req.query("entity");
    const id = c.req.query("id");
    const missing = [user ? "" : "user=<username or id>", entity ? "" : "entity=<entity>"].filter(Boolean);
    if (missing.length > 0) throw new EngineError("bad_request", `send ${missing.join(" and ")}`);
    return c.json(
      await explainRecordAccess(deps.storage, c.var.workspace, { user: user!, entity: entity!, ...(id ? { id } : {}) }),
    );
  });
}
