import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { signIn } from "../../users/service.ts";
import type { ApiDeps } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

/** `POST /auth/login {workspace, username, password}` → `{ token, expiresAt }`. */
export function authRoutes(deps: ApiDeps) {
  return new Hono().post("/login", async (c) => {
    const body = await readJsonObject(c);
    const missing = ["workspace", "username", "password"].filter((k) => typeof body[k] !== "string" || body[k] === "");
    if (missing.length > 0)
      throw new EngineError("bad_request", `send ${missing.map((m) => `"${m}"`).join(", ")} as strings`);
    return c.json(await signIn(deps.storage, body as { workspace: string; username: string; password: string }));
  });
}
