import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type FieldTypeDefinition, fieldTypeBases, type Plugin } from "@temper/plugin-sdk";
import { fieldTypeValueSchema } from "../definitions/field-types.ts";
import { createAjv } from "../definitions/schemas.ts";
import { EngineError } from "../errors.ts";

/** The project whose packages plugins are resolved from: the workspace root, which depends on them. */
const root = fileURLToPath(new URL("../../../package.json", import.meta.url));

function failed(name: string, why: string): EngineError {
  return new EngineError("plugin_failed", `plugin "${name}" could not be loaded: ${why}`);
}

/**
 * Checks what a package exports is a plugin of that name whose schemas
 * compile, throwing `plugin_failed` naming the plugin and what is wrong.
 *
 * @example
 * checkPlugin("hello", (await import("@temper/plugin-hello")).default);
 */
export function checkPlugin(name: string, candidate: unknown): Plugin {
  const plugin = candidate as Partial<Plugin> | undefined;
  if (!plugin || typeof plugin !== "object")
    throw failed(name, "its package has no default export made by definePlugin()");
  if (plugin.name !== name) throw failed(name, `its package declares the plugin "${String(plugin.name)}"`);
  if (typeof plugin.version !== "string" || !/^\d+\.\d+\.\d+/.test(plugin.version))
    throw failed(name, `"${String(plugin.version)}" is not a semver version`);
  if (!Array.isArray(plugin.steps)) throw failed(name, "it declares no steps array");
  const ajv = createAjv();
  for (const item of [...plugin.steps, ...(plugin.guards ?? [])]) {
    for (const [part, schema] of Object.entries({
      params: item.params,
      output: "output" in item ? item.output : undefined,
    })) {
      if (schema === undefined) continue;
      try {
        ajv.compile(schema);
      } catch (error) {
        throw failed(name, `the ${part} schema of "${item.name}" does not compile: ${(error as Error).message}`);
      }
    }
  }
  if (plugin.config) {
    try {
      ajv.compile(plugin.config.schema);
    } catch (error) {
      throw failed(name, `its configuration schema does not compile: ${(error as Error).message}`);
    }
  }
  if (plugin.fieldTypes !== undefined && !Array.isArray(plugin.fieldTypes))
    throw failed(name, "its fieldTypes is not an array");
  for (const fieldType of plugin.fieldTypes ?? []) checkFieldType(name, fieldType, ajv);
  for (const step of plugin.steps)
    if (step.mode !== "transaction" && step.mode !== "outbox")
      throw failed(name, `step "${step.name}" must say its mode: "transaction" or "outbox"`);
  return plugin as Plugin;
}

/** Checks a field type refines a base the format allows, and its schema compiles under that base. */
function checkFieldType(name: string, fieldType: FieldTypeDefinition, ajv: ReturnType<typeof createAjv>): void {
  if (!(fieldTypeBases as readonly string[]).includes(fieldType.base))
    throw failed(
      name,
      `field type "${fieldType.name}" cannot refine "${String(fieldType.base)}": its base must be one of ${fieldTypeBases.join(", ")}`,
    );
  if (fieldType.check !== undefined && typeof fieldType.check !== "function")
    throw failed(name, `the check of field type "${fieldType.name}" is not a function`);
  const schema = fieldTypeValueSchema({ ...fieldType, type: fieldType.name });
  if (!schema) return;
  try {
    ajv.compile(schema);
  } catch (error) {
    throw failed(name, `the schema of field type "${fieldType.name}" does not compile: ${(error as Error).message}`);
  }
}

/**
 * Loads plugins by name from the workspace's packages (`@temper/plugin-<name>`,
 * which the project's root package depends on). Any failure stops the load
 * with an error naming the plugin: an engine never runs with half its plugins.
 *
 * @example
 * const plugins = await loadPlugins(["messaging", "webhook"]);
 */
export async function loadPlugins(names: string[]): Promise<Plugin[]> {
  const require = createRequire(root);
  const plugins: Plugin[] = [];
  for (const name of [...new Set(names)].sort()) {
    let path: string;
    try {
      path = require.resolve(`@temper/plugin-${name}`);
    } catch {
      throw failed(name, `no package "@temper/plugin-${name}" is installed in the workspace`);
    }
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      throw failed(name, `its code failed to load: ${(error as Error).message.split("\n")[0]}`);
    }
    plugins.push(checkPlugin(name, module.default));
  }
  return plugins;
}
