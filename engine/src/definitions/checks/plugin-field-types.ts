import { fieldTypeValueSchema } from "../field-types.ts";
import { fileOf } from "../model.ts";
import { type Checker, literalProblem } from "./checker.ts";

/**
 * Checks the default of each field of a plugin's type as a write checks a
 * value: against the type's schema, then its check.
 */
export function checkPluginFieldTypes(checker: Checker): void {
  const { entities, pluginFieldTypes } = checker.definition;
  for (const [key, { type, declaration }] of pluginFieldTypes) {
    const [entityName, fieldName] = key.split(".");
    const entity = entities.get(entityName!);
    const index = entity?.fields.findIndex((f) => f.name === fieldName) ?? -1;
    const field = entity?.fields[index];
    if (!entity || !field || !("default" in field) || field.default === undefined) continue;
    // A default that does not fit the base type is reported with the entity's checks.
    if (literalProblem(field, field.default)) continue;
    const file = fileOf("entity", entity.name);
    const pointer = `/fields/${index}/default`;
    const schema = fieldTypeValueSchema(declaration);
    const what = `the default of a ${type} field`;
    if (schema && !checker.matchesSchema(schema, field.default, file, pointer, what, "field.invalid-default")) continue;
    const problem = declaration.check?.(field.default);
    if (problem) checker.report(file, pointer, "field.invalid-default", `${what}: ${problem}`);
  }
}
