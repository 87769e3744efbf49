import { Hono } from "hono";
import { deleteSavedFilter, listSavedFilters, saveFilter } from "../../records/saved-filters.ts";
import { checkBody } from "../body-fields.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

/**
 * `/saved-filters`: the signed-in user's own saved list filters. `GET`
 * (`?entity=customer`) lists them; `POST {entity, name, query, view?}` saves
 * one (201, or 200 when it replaces the one of that name); `DELETE /:id`
 * removes one (204). `query` is the list query language of
 * `GET /records/:entity` without `cursor` and `limit`.
 *
 * @example
 * app.route("/saved-filters", savedFilterRoutes(deps));
 * // POST /saved-filters {"entity": "customer", "name": "East, active", "query": "region=east&status=active&sort=-updated_at"}
 */
export function savedFilterRoutes(deps: ApiDeps) {
  return new Hono<ApiEnv>()
    .get("/", async (c) =>
      c.json({ savedFilters: await listSavedFilters(deps.storage, c.var.user.id, c.req.query("entity")) }),
    )
    .post("/", async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, {
        entity: "required string",
        name: "required string",
        query: "required string",
        view: "string or null",
      });
      const { filter, created } = await saveFilter(
        deps.storage,
        {
          workspaceId: c.var.workspace.workspaceId,
          userId: c.var.user.id,
          roles: c.var.user.roles,
          definition: c.var.workspace.definition,
        },
        {
          entity: body.entity as string,
          name: body.name as string,
          query: body.query as string,
          view: (body.view as string | null | undefined) ?? null,
        },
      );
      return c.json(filter, created ? 201 : 200);
    })
    .delete("/:id", async (c) => {
      await deleteSavedFilter(deps.storage, c.var.user.id, c.req.param("id"));
      return c.body(null, 204);
    });
}
