import { createMiddleware } from "hono/factory";
import { EngineError } from "../errors.ts";
import { type Capability, hasCapability, rolesWithCapability } from "../permissions/capabilities.ts";
import type { ApiEnv } from "./env.ts";

/**
 * Refuses (403, naming the capability and the roles that hold it) a user
 * whose roles, together, do not hold a capability.
 *
 * @example
 * assertCapability(c.var.workspace.definition, c.var.user.roles, "manage_org");
 */
export function assertCapability(
  definition: ApiEnv["Variables"]["workspace"]["definition"],
  roles: string[],
  capability: Capability,
): void {
  if (hasCapability(definition, roles, capability)) return;
  const holders = rolesWithCapability(definition, capability);
  throw new EngineError(
    "forbidden",
    `your roles do not hold "${capability}"${holders.length > 0 ? ` (held by: ${holders.join(", ")})` : " (no role of this definition holds it)"}`,
  );
}

/**
 * A middleware for authenticated routes: the signed-in user's roles must
 * hold the capability, or the request gets 403 problem+json.
 *
 * @example
 * new Hono<ApiEnv>().post("/units", requireCapability("manage_org"), async (c) => …);
 */
export function requireCapability(capability: Capability) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    assertCapability(c.var.workspace.definition, c.var.user.roles, capability);
    await next();
  });
}
