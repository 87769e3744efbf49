import type { JsonSchema } from "./context.ts";
import type { FieldTypeDefinition } from "./field-type.ts";
import type { GuardDefinition } from "./guard.ts";
import type { JobDefinition } from "./job.ts";
import { namePattern } from "./names.ts";
import type { StepDefinition } from "./step.ts";

/** A plugin's settings per workspace: their schema, and which of them are secrets (written, never read back). */
export interface PluginSettings {
  schema: JsonSchema;
  /** Top-level settings the API never returns (passwords, API keys). */
  secrets?: string[];
}

/**
 * A plugin's configuration in a definition: the file `plugins/<plugin>.json`
 * of the definition folder, versioned with it, checked against `schema` when
 * the definition is validated (templates, scoring indicators: what a
 * consultant hardens for a client). Settings, by contrast, belong to a
 * workspace (servers, credentials).
 */
export interface PluginConfig {
  schema: JsonSchema;
  /** Checks beyond the schema against the definition: returns one message per problem, with the JSON pointer it is about. */
  check?(config: Record<string, unknown>, definition: DefinitionSummary): Array<{ pointer: string; message: string }>;
}

/** A field as a plugin's configuration check sees it. */
export interface FieldSummary {
  type: string;
  /** The entity a reference field points to. */
  entity?: string;
  /** The values of an enum or multi-enum field. */
  options?: string[];
  /** What a computed field yields. */
  resultType?: string;
  /** Decimal places a number field keeps. */
  scale?: number;
}

/** What a plugin's configuration check may look at: each entity's fields. */
export interface DefinitionSummary {
  entities: Record<string, { fields: Record<string, FieldSummary> }>;
}

/**
 * A plugin: its name (the package is `@temper/plugin-<name>`), version, steps,
 * guards, jobs, field types, configuration and settings.
 */
export interface Plugin {
  name: string;
  version: string;
  description?: string;
  steps: StepDefinition<never, unknown>[];
  guards?: GuardDefinition<never>[];
  jobs?: JobDefinition[];
  /** Field types entities may use as `<plugin>.<name>`. */
  fieldTypes?: FieldTypeDefinition[];
  config?: PluginConfig;
  settings?: PluginSettings;
}

/**
 * Declares a plugin: the default export of its package.
 *
 * @example
 * export default definePlugin({ name: "webhook", version: "1.0.0", steps: [post] });
 */
export function definePlugin(plugin: Plugin): Plugin {
  if (!namePattern.test(plugin.name)) throw new Error(`plugin name "${plugin.name}" must be lower snake case`);
  const names = new Set<string>();
  for (const item of [
    ...plugin.steps,
    ...(plugin.guards ?? []),
    ...(plugin.jobs ?? []),
    ...(plugin.fieldTypes ?? []),
  ]) {
    if (names.has(item.name)) throw new Error(`plugin "${plugin.name}" declares "${item.name}" twice`);
    names.add(item.name);
  }
  return plugin;
}
