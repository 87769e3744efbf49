import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { pluginSettingsOf, setPluginSettings, shownSettings } from "../../plugins/settings.ts";
import { requireCapability } from "../capability.ts";
import type { ApiEnv, ResolvedApiDeps } from "../env.ts";
import { readJsonObject } from "../json-body.ts";

/**
 * `/plugins`: the plugins this engine runs, with the workspace's enabled ones
 * marked, each one's settings (secrets masked; `manage_definition` to read or
 * change), and its jobs: when they run, how they went, and a run on demand
 * (`manage_definition`).
 *
 * @example
 * app.route("/plugins", pluginRoutes(deps));
 * // POST /plugins/scoring/jobs/recompute → { status: "ok", result: { scored: 120, … }, … }
 */
export function pluginRoutes(deps: ResolvedApiDeps) {
  const { runtime, storage } = deps;
  const pluginOrThrow = (name: string) => {
    const plugin = runtime.plugins.find((p) => p.name === name);
    if (!plugin) throw new EngineError("not_found", `no plugin "${name}" runs in this engine`);
    return plugin;
  };
  return new Hono<ApiEnv>()
    .get("/", (c) => {
      const enabled = new Set(c.var.workspace.definition.app.plugins ?? []);
      return c.json({
        plugins: runtime.plugins.map((p) => ({
          name: p.name,
          version: p.version,
          description: p.description ?? null,
          enabled: enabled.has(p.name),
          steps: p.steps.map((s) => ({
            type: `${p.name}.${s.name}`,
            description: s.description,
            mode: s.mode,
            params: s.params,
          })),
          guards: (p.guards ?? []).map((g) => ({
            type: `${p.name}.${g.name}`,
            description: g.description,
            params: g.params,
          })),
          jobs: (p.jobs ?? []).map((j) => ({ name: j.name, description: j.description, every: j.every ?? null })),
          fieldTypes: (p.fieldTypes ?? []).map((f) => ({
            type: `${p.name}.${f.name}`,
            description: f.description,
            base: f.base,
            schema: f.schema ?? null,
          })),
          settings: p.settings ? { schema: p.settings.schema, secrets: p.settings.secrets ?? [] } : null,
        })),
      });
    })
    .get("/:name/settings", requireCapability("manage_definition"), async (c) => {
      const plugin = pluginOrThrow(c.req.param("name"));
      const settings = await pluginSettingsOf(storage.sql, c.var.workspace.workspaceId, plugin.name);
      return c.json({ settings: shownSettings(plugin, settings) });
    })
    .put("/:name/settings", requireCapability("manage_definition"), async (c) => {
      const plugin = pluginOrThrow(c.req.param("name"));
      const settings = await setPluginSettings(
        storage.sql,
        plugin,
        c.var.workspace.workspaceId,
        await readJsonObject(c),
        c.var.user.username,
      );
      return c.json({ settings });
    })
    .get("/:name/jobs", requireCapability("manage_definition"), async (c) => {
      const jobs = await runtime.jobs.list(c.var.workspace.workspaceId, pluginOrThrow(c.req.param("name")).name);
      return c.json({ jobs });
    })
    .post("/:name/jobs/:job", requireCapability("manage_definition"), async (c) => {
      const plugin = pluginOrThrow(c.req.param("name"));
      const run = await runtime.jobs.run(c.var.workspace.workspaceId, plugin.name, c.req.param("job"));
      return c.json({
        plugin: run.plugin,
        job: run.job,
        status: run.status,
        result: run.result,
        ranAt: run.ranAt.toISOString(),
        nextRunAt: run.nextRunAt?.toISOString() ?? null,
      });
    });
}
