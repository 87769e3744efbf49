import type { DefinitionSummary, FieldSummary, Plugin, PluginConfig, StepDefinition } from "@temper/plugin-sdk";
import {
  type Catalog,
  type ConfigDeclaration,
  type Definition,
  extendCatalog,
  type Field,
  type StepDeclaration,
} from "../definitions/index.ts";

/**
 * The catalog of a set of plugins: the built-in catalog extended with each
 * plugin's steps, guards and field types under `<plugin>.<name>`, for
 * validating definitions.
 *
 * @example
 * installCatalog(pluginCatalog(builtInCatalog(), await loadPlugins(["webhook"])));
 */
export function pluginCatalog(base: Catalog, plugins: Plugin[]): Catalog {
  return plugins.reduce(
    (catalog, plugin) =>
      extendCatalog(catalog, plugin.name, {
        steps: plugin.steps.map((s) => ({
          type: s.name,
          description: s.description,
          params: s.params,
          ...(s.expressions || s.people ? { check: paramsCheck(s) } : {}),
        })),
        guards: (plugin.guards ?? []).map((g) => ({ type: g.name, description: g.description, params: g.params })),
        fieldTypes: (plugin.fieldTypes ?? []).map((f) => ({
          type: f.name,
          description: f.description,
          base: f.base,
          ...(f.schema ? { schema: f.schema } : {}),
          ...(f.check ? { check: (value: unknown) => f.check?.(value as never) } : {}),
        })),
        ...(plugin.config ? { config: configDeclaration(plugin.config) } : {}),
      }),
    base,
  );
}

/** The values at a pointer pattern (`*` for any array item), with their concrete pointers. */
function valuesAt(value: unknown, pattern: string): Array<{ pointer: string; value: unknown }> {
  let found = [{ pointer: "", value }];
  for (const segment of pattern.split("/").slice(1)) {
    found = found.flatMap(({ pointer, value }) => {
      if (segment === "*")
        return Array.isArray(value)
          ? value.map((item, index) => ({ pointer: `${pointer}/${index}`, value: item }))
          : [];
      if (value && typeof value === "object" && Object.hasOwn(value, segment))
        return [{ pointer: `${pointer}/${segment}`, value: (value as Record<string, unknown>)[segment] }];
      return [];
    });
  }
  return found;
}

/** The validator's checks of a plugin step's expressions and people rules, where the step says they are. */
function paramsCheck(step: StepDefinition<never, unknown>): NonNullable<StepDeclaration["check"]> {
  return (params, context) => {
    for (const pattern of step.expressions ?? [])
      for (const { pointer, value } of valuesAt(params, pattern))
        if (typeof value === "string") context.expression(value, "action", pointer, "bool");
    for (const pattern of step.people ?? [])
      for (const { pointer, value } of valuesAt(params, pattern))
        if (Array.isArray(value)) context.people(value, pointer);
  };
}

function configDeclaration(config: PluginConfig): ConfigDeclaration {
  const check = config.check;
  return {
    schema: config.schema,
    ...(check ? { check: (value, definition) => check(value, definitionSummary(definition)) } : {}),
  };
}

/** What a plugin's configuration check sees of a definition: entities and their fields' types. */
function fieldSummary(field: Field): FieldSummary {
  const summary: FieldSummary = { type: field.type };
  if ("entity" in field && field.entity) summary.entity = String(field.entity);
  if ("options" in field && Array.isArray(field.options)) summary.options = field.options.map((o) => String(o.value));
  if (field.type === "computed") summary.resultType = field.resultType;
  if ("scale" in field && typeof field.scale === "number") summary.scale = field.scale;
  return summary;
}

function definitionSummary(definition: Definition): DefinitionSummary {
  return {
    entities: Object.fromEntries(
      [...definition.entities.values()].map((entity) => [
        entity.name,
        {
          fields: Object.fromEntries(entity.fields.map((field) => [field.name, fieldSummary(field)])),
        },
      ]),
    ),
  };
}

/** The plugin's configuration in a definition version: `{}` when the definition has none. */
export function pluginConfigOf(definition: Definition, plugin: string): Record<string, unknown> {
  return definition.pluginConfigs.get(plugin) ?? {};
}
