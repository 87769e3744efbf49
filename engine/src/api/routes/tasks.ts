import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import type { Decision } from "../../runtime/approvals.ts";
import type { ApiEnv, ResolvedApiDeps } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

function decisionOf(kind: string, body: Record<string, unknown>): Decision {
  const { comment, to, ...rest } = body;
  if (Object.keys(rest).length > 0)
    throw new EngineError(
      "bad_request",
      `unknown properties ${Object.keys(rest)
        .map((k) => `"${k}"`)
        .join(", ")}`,
    );
  if (comment !== undefined && typeof comment !== "string")
    throw new EngineError("bad_request", '"comment" must be text');
  const text = comment as string | undefined;
  switch (kind) {
    case "approve":
      return { decision: "approve", ...(text ? { comment: text } : {}) };
    case "reject":
      return { decision: "reject", comment: text ?? "" };
    case "return":
      return { decision: "return", ...(text ? { comment: text } : {}) };
    case "delegate":
      if (typeof to !== "string" || to === "")
        throw new EngineError("validation_failed", "name the user to delegate to", {
          problems: [{ field: "to", code: "required", message: "a username" }],
        });
      return { decision: "delegate", to, ...(text ? { comment: text } : {}) };
    default:
      throw new EngineError("not_found", `no decision "${kind}": approve, reject, return or delegate`);
  }
}

/** `/tasks`: the signed-in user's approval inbox, and their decisions. */
export function taskRoutes(deps: ResolvedApiDeps) {
  const { runtime } = deps;
  return new Hono<ApiEnv>()
    .get("/", async (c) => c.json({ tasks: await runtime.tasks.inbox(c.var.user, c.var.workspace) }))
    .post("/:id/:decision", async (c) => {
      const decision = decisionOf(c.req.param("decision"), await readJsonObject(c, { optional: true }));
      return c.json(await runtime.tasks.decide(c.var.user, c.var.workspace, c.req.param("id"), decision));
    });
}
