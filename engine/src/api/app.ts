import { Hono } from "hono";
import { requireUser } from "./auth.ts";
import type { ApiDeps, ApiEnv } from "./env.ts";
import { openApiDocument } from "./openapi.ts";
import { onError } from "./problem.ts";
import { accessRoutes } from "./routes/access.ts";
import { annotationRoutes } from "./routes/annotations.ts";
import { authRoutes } from "./routes/auth.ts";
import { definitionRoutes } from "./routes/definition.ts";
import { importExportRoutes } from "./routes/import-export.ts";
import { meRoutes } from "./routes/me.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { orgRoutes } from "./routes/org.ts";
import { pluginRoutes } from "./routes/plugins.ts";
import { processDefinitionRoutes } from "./routes/process-definitions.ts";
import { processRoutes } from "./routes/processes.ts";
import { recordAccessRoutes } from "./routes/record-access.ts";
import { recordRoutes } from "./routes/records.ts";
import { savedFilterRoutes } from "./routes/saved-filters.ts";
import { taskRoutes } from "./routes/tasks.ts";
import { timerRoutes } from "./routes/timers.ts";
import { createRuntime } from "../runtime/index.ts";
import { statsRoutes } from "./routes/stats.ts";
import { userRoutes } from "./routes/users.ts";
import { EngineError } from "../errors.ts";
import { signOut } from "../users/service.ts";

/**
 * The HTTP API under `/api/v1`: health and login are open; every other route
 * needs a bearer token. Errors are `application/problem+json`.
 *
 * @example
 * const app = createApi({ storage });
 * const response = await app.request("/api/v1/health"); // 200 { status: "ok" }
 */
export function createApi(options: ApiDeps) {
  const deps = { storage: options.storage, runtime: options.runtime ?? createRuntime({ storage: options.storage }) };
  const authenticated = new Hono<ApiEnv>()
    .use(requireUser(deps))
    .route("/records", importExportRoutes())
    .route("/records", statsRoutes(deps))
    .route("/records", annotationRoutes(deps))
    .route("/records", processRoutes(deps))
    .route("/records", recordAccessRoutes(deps))
    .route("/records", recordRoutes())
    .route("/tasks", taskRoutes(deps))
    .route("/timers", timerRoutes(deps))
    .route("/processes", processDefinitionRoutes())
    .route("/plugins", pluginRoutes(deps))
    .route("/org", orgRoutes(deps))
    .route("/users", userRoutes(deps))
    .route("/access", accessRoutes(deps))
    .route("/notifications", notificationRoutes(deps))
    .route("/me", meRoutes(deps))
    .route("/definition", definitionRoutes())
    .route("/saved-filters", savedFilterRoutes(deps))
    .get("/openapi.json", (c) => c.json(openApiDocument(c.var.workspace)))
    .post("/auth/logout", async (c) => {
      await signOut(deps.storage, c.var.user.tokenId);
      return c.body(null, 204);
    });
  const v1 = new Hono()
    .get("/health", async (c) => {
      await deps.storage.sql`select 1`;
      return c.json({ status: "ok" });
    })
    .route("/auth", authRoutes(deps))
    .route("/", authenticated);
  return new Hono()
    .route("/api/v1", v1)
    .notFound((c) =>
      onError(new EngineError("not_found", `no route ${c.req.method} ${new URL(c.req.url).pathname}`), c),
    )
    .onError(onError);
}
