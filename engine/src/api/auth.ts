import { createMiddleware } from "hono/factory";
import { EngineError } from "../errors.ts";
import { currentVersion } from "../storage/versions.ts";
import { authenticate } from "../users/service.ts";
import { workspaceOrThrow } from "../storage/workspaces.ts";
import type { ApiEnv, ResolvedApiDeps } from "./env.ts";

/**
 * Requires a bearer token and sets the signed-in user, their workspace at its
 * published version, and the records service for the request.
 */
export function requireUser(deps: ResolvedApiDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      throw new EngineError(
        "unauthenticated",
        "send a token as `Authorization: Bearer <token>`; get one from POST /api/v1/auth/login",
      );
    const user = await authenticate(deps.storage, match[1]);
    const workspace = await workspaceOrThrow(deps.storage, user.workspaceId);
    const version = await currentVersion(deps.storage, workspace.id);
    if (!version) throw new EngineError("not_found", `nothing is published in "${workspace.id}" yet`);
    const context = { workspaceId: workspace.id, schema: workspace.schemaName, definition: version.definition };
    c.set("user", user);
    c.set("workspace", context);
    c.set("records", deps.runtime.records(context));
    await next();
  });
}
