import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "../../notifications/inbox.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";

/**
 * `/notifications`: the signed-in user's own notifications, newest first
 * (`?unread=true`, `limit`), and marking one or all of them read.
 *
 * @example
 * app.route("/notifications", notificationRoutes(deps));
 * // GET /notifications?unread=true → { notifications: [...], unread: 2 }
 */
export function notificationRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get("/", async (c) => {
      const unread = c.req.query("unread");
      if (unread !== undefined && unread !== "true" && unread !== "false")
        throw new EngineError("bad_request", `"unread" is true or false, not "${unread}"`);
      const limit = c.req.query("limit");
      if (limit !== undefined && !/^\d+$/.test(limit))
        throw new EngineError("bad_request", `"limit" must be a whole number, not "${limit}"`);
      const options = { unreadOnly: unread === "true", ...(limit ? { limit: Number(limit) } : {}) };
      return c.json(await listNotifications(deps.storage, c.var.user.id, options));
    })
    .post("/read-all", async (c) => c.json({ marked: await markAllNotificationsRead(deps.storage, c.var.user.id) }))
    .post("/:id/read", async (c) => {
      await markNotificationRead(deps.storage, c.var.user.id, c.req.param("id"));
      return c.body(null, 204);
    });
}
