import type { ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "../definitions/schemas.ts";
import { type Entity, fieldValueSchema, type Field, type PluginFieldType } from "../definitions/index.ts";
import type { FieldProblem } from "../errors.ts";

/**
 * What a write may set: `create` requires required fields without defaults;
 * `update` requires nothing. A process's own writes (`process_create`,
 * `process_update`) may also set read-only fields, such as a state field.
 */
export type WriteMode = "create" | "update" | "process_create" | "process_update";

const ajv = createAjv();
const cache = new WeakMap<Entity, Map<WriteMode, ValidateFunction>>();

/** Whether a field can be written through the records service (not computed, not read-only). */
export function isWritable(field: Field): boolean {
  return field.type !== "computed" && !field.readOnly;
}

function hasDefault(field: Field): boolean {
  return (
    ("default" in field && field.default !== undefined) ||
    ("defaultExpression" in field && field.defaultExpression !== undefined)
  );
}

/** The fields of plugins' types of a definition, by `<entity>.<field>` (`Definition.pluginFieldTypes`). */
export type PluginFieldTypes = ReadonlyMap<string, PluginFieldType>;

/**
 * The JSON Schema of a create or update request for an entity: every writable
 * field with its type and constraints (a plugin field type's schema added to
 * its base type's), `owner` on create, nothing else.
 *
 * @example
 * inputSchema(customer, "create", definition.pluginFieldTypes).required; // ["name", "region"]
 */
export function inputSchema(
  entity: Entity,
  mode: WriteMode,
  fieldTypes: PluginFieldTypes = new Map(),
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const process = mode === "process_create" || mode === "process_update";
  const creating = mode === "create" || mode === "process_create";
  for (const field of entity.fields.filter((f) => (process ? f.type !== "computed" : isWritable(f)))) {
    const schema = fieldValueSchema(field);
    const declared = fieldTypes.get(`${entity.name}.${field.name}`)?.declaration.schema;
    // Under the base's own schema object, so that its keywords apply to the base's JSON type.
    if (declared) schema.allOf = [declared];
    // A required text is not satisfied by an empty string.
    if (field.required && schema.type === "string" && schema.minLength === undefined) schema.minLength = 1;
    properties[field.name] = field.required ? schema : { anyOf: [schema, { type: "null" }] };
    if (creating && field.required && !hasDefault(field)) required.push(field.name);
  }
  if (creating || process) properties.owner = { type: "string", format: "uuid" };
  return { type: "object", properties, required, additionalProperties: false };
}

/**
 * Checks a write's input against the entity's schema, returning one problem
 * per field (unknown fields included, never silently dropped); then each
 * value of a plugin's field type that passed its schema against the type's check.
 *
 * @example
 * validateInput(customer, "create", { name: "", fax: "1" }, definition.pluginFieldTypes);
 * // [{ field: "name", code: "minLength", ... }, { field: "fax", code: "unknown_field", ... }]
 */
export function validateInput(
  entity: Entity,
  mode: WriteMode,
  input: Record<string, unknown>,
  fieldTypes: PluginFieldTypes,
): FieldProblem[] {
  // An entity belongs to one definition version, whose field types never change.
  let byMode = cache.get(entity);
  if (!byMode) cache.set(entity, (byMode = new Map()));
  let validate = byMode.get(mode);
  if (!validate) byMode.set(mode, (validate = ajv.compile(inputSchema(entity, mode, fieldTypes))));
  const problems = validate(input) ? [] : schemaProblems(entity, validate);
  for (const [name, value] of Object.entries(input)) {
    const check = fieldTypes.get(`${entity.name}.${name}`)?.declaration.check;
    if (!check || value === null || value === undefined || problems.some((p) => p.field === name)) continue;
    const problem = check(value);
    if (problem) problems.push({ field: name, code: "field_type", message: `"${name}": ${problem}` });
  }
  return problems;
}

function schemaProblems(entity: Entity, validate: ValidateFunction): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of validate.errors ?? []) {
    const path = error.instancePath.split("/").filter(Boolean);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "additionalProperties") {
      const name = String(params.additionalProperty);
      const field = entity.fields.find((f) => f.name === name);
      problems.push(
        field
          ? {
              field: name,
              code: "read_only",
              message: `"${name}" is ${field.type === "computed" ? "computed" : "set by processes"} and cannot be written`,
            }
          : { field: name, code: "unknown_field", message: `"${entity.name}" has no field "${name}"` },
      );
    } else if (error.keyword === "required") {
      const name = String(params.missingProperty);
      problems.push({ field: name, code: "required", message: `"${name}" is required` });
    } else if (error.keyword !== "anyOf" && path[0]) {
      problems.push({
        field: path[0],
        code: error.keyword,
        message: `"${path.join(".")}" ${error.message ?? "is invalid"}`,
      });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field + p.code) && seen.add(p.field + p.code));
}
