import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plugin } from "@temper/plugin-sdk";
import { builtInCatalog, installCatalog } from "../definitions/index.ts";
import { createRuntime, type RuntimeOptions } from "../runtime/index.ts";
import type { Storage } from "../storage/platform/database.ts";
import { pluginCatalog } from "./catalog.ts";
import { setInstalledPlugins } from "./installed.ts";
import { loadPlugins } from "./load.ts";

/**
 * The plugins the published versions of every workspace enable (`plugins` in
 * their app.json), read from the stored bundles without validating them
 * (validating needs the plugins first).
 */
export async function pluginsInUse(storage: Storage): Promise<string[]> {
  const rows = await storage.sql<Array<{ name: string }>>`select distinct jsonb_array_elements_text(
      coalesce((v.bundle -> 'app.json' -> 'plugins')::jsonb, '[]'::jsonb)) as name
    from temper.workspaces w join temper.definition_versions v on v.id = w.current_version_id`;
  return rows.map((r) => r.name);
}

/** The plugins a definition folder's app.json enables (none when it cannot be read: validation says why). */
export async function pluginsOfFolder(dir: string): Promise<string[]> {
  try {
    const app = JSON.parse(await readFile(join(dir, "app.json"), "utf8")) as { plugins?: unknown };
    return Array.isArray(app.plugins) ? app.plugins.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Loads plugins and makes their steps and guards part of the catalog that
 * definitions are validated against in this engine process, and what its
 * runtimes run by default.
 *
 * @example
 * const plugins = await installPlugins(await pluginsOfFolder("definitions/examples/crm"));
 */
export async function installPlugins(names: string[]): Promise<Plugin[]> {
  const plugins = await loadPlugins(names);
  installCatalog(pluginCatalog(builtInCatalog(), plugins));
  setInstalledPlugins(plugins);
  return plugins;
}

/**
 * The runtime of an engine process: the plugins every workspace uses (plus
 * `extra`, e.g. a folder about to be published) loaded and installed first.
 * A plugin that fails to load stops here, naming it.
 *
 * @example
 * const runtime = await engineRuntime(storage);
 * const workers = runtime.startWorkers();
 */
export async function engineRuntime(
  storage: Storage,
  options: Omit<RuntimeOptions, "storage" | "plugins"> & { extra?: string[] } = {},
) {
  const { extra = [], ...rest } = options;
  const plugins = await installPlugins([...(await pluginsInUse(storage)), ...extra]);
  return createRuntime({ storage, plugins, ...rest });
}
