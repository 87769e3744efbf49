import { Hono } from "hono";
import { systemUsername } from "../../storage/workspaces.ts";
import { EngineError } from "../../errors.ts";
import { listPeople, personOrThrow } from "../../org/directory.ts";
import { type Placement, placeUser } from "../../org/people.ts";
import { addUser } from "../../users/service.ts";
import { handOver } from "../../users/handover.ts";
import { checkBody } from "../body-fields.ts";
import { assertCapability, requireCapability } from "../capability.ts";
import type { ApiDeps, ApiEnv } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

function activeOf(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new EngineError("bad_request", `"active" is true or false, not "${value}"`);
}

/**
 * `/users`: the workspace's people (anyone signed in may read the list;
 * never a password hash), adding them (`manage_users`), placing them (unit
 * and manager need `manage_org`; roles and display name `manage_users`), and
 * handing a leaving user's records over to a successor (`manage_users`).
 *
 * @example
 * app.route("/users", userRoutes(deps));
 * // PATCH /users/li.wei {"unit": "east_sales", "manager": "min.jun", "roles": ["sales_rep"]}
 * // POST /users/li.wei/handover {"to": "wang.fang"}
 */
export function userRoutes(deps: ApiDeps) {
  const { storage } = deps;
  return new Hono<ApiEnv>()
    .get("/", async (c) => {
      const unit = c.req.query("unit");
      const active = activeOf(c.req.query("active"));
      const filter = { ...(unit ? { unit } : {}), ...(active === undefined ? {} : { active }) };
      const workspaceId = c.var.workspace.workspaceId;
      // The system user is nobody's colleague, but records name it (created by the system, changed by a timer).
      const [system] = await storage.sql<[{ id: string }?]>`select id from temper.users
        where workspace_id = ${workspaceId} and username = ${systemUsername}`;
      return c.json({ users: await listPeople(storage, workspaceId, filter), system: system?.id ?? null });
    })
    .post("/", requireCapability("manage_users"), async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, {
        username: "required string",
        password: "required string",
        displayName: "string",
        email: "string",
        roles: "string list",
        unit: "string",
        manager: "string",
      });
      const workspaceId = c.var.workspace.workspaceId;
      const input = body as Parameters<typeof addUser>[1];
      const user = await addUser(storage, { ...input, workspaceId, actorId: c.var.user.id });
      c.header("location", `/api/v1/users/${user.username}`);
      return c.json(await personOrThrow(storage, workspaceId, user.username), 201);
    })
    .patch("/:username", async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, {
        unit: "string or null",
        manager: "string or null",
        roles: "string list",
        displayName: "string or null",
      });
      const keys = Object.keys(body);
      if (keys.length === 0)
        throw new EngineError("bad_request", 'nothing to change: send "unit", "manager", "roles" and/or "displayName"');
      const { definition, workspaceId } = c.var.workspace;
      if (keys.includes("unit") || keys.includes("manager"))
        assertCapability(definition, c.var.user.roles, "manage_org");
      if (keys.includes("roles") || keys.includes("displayName"))
        assertCapability(definition, c.var.user.roles, "manage_users");
      const username = c.req.param("username");
      await placeUser(storage, workspaceId, username, body as Placement, { actorId: c.var.user.id });
      return c.json(await personOrThrow(storage, workspaceId, username));
    })
    .post("/:username/handover", requireCapability("manage_users"), async (c) => {
      const body = await readJsonObject(c);
      checkBody(body, { to: "required string" });
      const outcome = await handOver(storage, c.var.workspace, {
        from: c.req.param("username"),
        to: body.to as string,
        actorId: c.var.user.id,
      });
      return c.json(outcome);
    });
}
