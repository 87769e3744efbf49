import { Hono } from "hono";
import { annotationService } from "../../records/annotations.ts";
import { checkBody } from "../body-fields.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

/**
 * `/records/:entity/:id/annotations`: a manager's notes on a record of
 * their staff (POST `{"body": "…"}`; the owner is notified) and the list of
 * them for anyone who can read the record. There is no route to change or
 * remove an annotation.
 *
 * @example
 * app.route("/records", annotationRoutes(deps));
 * // POST /records/activity/0b9c…/annotations {"body": "Bring the service engineer next time."}
 */
export function annotationRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get("/:entity/:id/annotations", async (c) => {
      const annotations = annotationService(deps.storage, c.var.workspace);
      return c.json({ annotations: await annotations.list(c.var.user, c.req.param("entity"), c.req.param("id")) });
    })
    .post("/:entity/:id/annotations", async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, { body: "required string" });
      const annotations = annotationService(deps.storage, c.var.workspace);
      const created = await annotations.add(c.var.user, c.req.param("entity"), c.req.param("id"), body.body);
      return c.json(created, 201);
    });
}
