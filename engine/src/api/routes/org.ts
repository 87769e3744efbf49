import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { orgChart, type UnitNode } from "../../org/tree.ts";
import { changeUnit, createUnit, type OrgUnitKind } from "../../org/units.ts";
import type { Storage } from "../../storage/platform/database.ts";
import { checkBody } from "../body-fields.ts";
import { requireCapability } from "../capability.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

async function unitOrThrow(storage: Storage, workspaceId: string, code: string): Promise<UnitNode> {
  const unit = (await orgChart(storage, workspaceId)).find((u) => u.code === code);
  if (!unit) throw new EngineError("not_found", `no org unit "${code}"`);
  return unit;
}

/**
 * `/org/units`: the org chart for anyone signed in; adding, renaming and
 * moving units for holders of `manage_org`. A move takes effect at once for
 * every scope.
 *
 * @example
 * app.route("/org", orgRoutes(deps));
 * // POST /org/units {"code": "east_sales", "name": "East sales", "kind": "team", "parent": "east_region"}
 * // PATCH /org/units/east_sales {"parent": "asia_region"}
 */
export function orgRoutes(deps: ApiDeps) {
  const { storage } = deps;
  return new Hono<ApiEnv>()
    .get("/units", async (c) => c.json({ units: await orgChart(storage, c.var.workspace.workspaceId) }))
    .post("/units", requireCapability("manage_org"), async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, { code: "required string", name: "required string", kind: "string", parent: "string or null" });
      const workspaceId = c.var.workspace.workspaceId;
      const input = body as { code: string; name: string; kind?: OrgUnitKind; parent?: string | null };
      const unit = await createUnit(storage, workspaceId, input, { actorId: c.var.user.id });
      c.header("location", `/api/v1/org/units/${unit.code}`);
      return c.json(await unitOrThrow(storage, workspaceId, unit.code), 201);
    })
    .patch("/units/:code", requireCapability("manage_org"), async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, { name: "string", parent: "string or null" });
      if (Object.keys(body).length === 0)
        throw new EngineError("bad_request", 'nothing to change: send "name" and/or "parent" (null: to the top)');
      const workspaceId = c.var.workspace.workspaceId;
      const code = c.req.param("code");
      await changeUnit(storage, workspaceId, code, body as { name?: string; parent?: string | null }, {
        actorId: c.var.user.id,
      });
      return c.json(await unitOrThrow(storage, workspaceId, code));
    });
}
