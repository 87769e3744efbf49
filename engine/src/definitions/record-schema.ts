import type { AppManifest, Entity, Field } from "./generated/format.ts";
import type { JsonSchema } from "./catalog/types.ts";

const attachmentSchema: JsonSchema = {
  type: "object",
  required: ["id", "name", "size", "contentType"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    size: { type: "integer", minimum: 0 },
    contentType: { type: "string" },
  },
  additionalProperties: false,
};

/**
 * The JSON Schema of one field's values, without nullability.
 *
 * @example
 * fieldValueSchema({ name: "stage", type: "enum", label: {...}, options: [{ value: "new", ... }] }); // { enum: ["new"] }
 */
export function fieldValueSchema(field: Field): JsonSchema {
  switch (field.type) {
    case "text":
    case "long_text":
      return {
        type: "string",
        ...(field.minLength !== undefined && { minLength: field.minLength }),
        ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
        ...(field.pattern !== undefined && { pattern: field.pattern }),
      };
    case "email":
      return { type: "string", format: "email", ...(field.maxLength !== undefined && { maxLength: field.maxLength }) };
    case "url":
      return { type: "string", format: "uri", ...(field.maxLength !== undefined && { maxLength: field.maxLength }) };
    case "phone":
      return {
        type: "string",
        pattern: "^\\+?[0-9 ()./-]{3,32}$",
        ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
      };
    case "number":
    case "percent":
    case "money":
      return {
        type: field.scale === 0 ? "integer" : "number",
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case "date":
      return { type: "string", format: "date" };
    case "datetime":
      return { type: "string", format: "date-time" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { enum: field.options.map((o) => o.value) };
    case "multi_enum":
      return {
        type: "array",
        uniqueItems: true,
        items: { enum: field.options.map((o) => o.value) },
        ...(field.minItems !== undefined && { minItems: field.minItems }),
        ...(field.maxItems !== undefined && { maxItems: field.maxItems }),
      };
    case "reference":
      return { type: "string", format: "uuid", description: `The id of a ${field.entity} record.` };
    case "user":
      return field.multiple
        ? { type: "array", uniqueItems: true, items: { type: "string", format: "uuid" } }
        : { type: "string", format: "uuid" };
    case "attachment":
      return field.multiple ? { type: "array", items: attachmentSchema } : attachmentSchema;
    case "computed":
      return fieldValueSchema({ ...field, type: field.resultType === "text" ? "text" : field.resultType } as Field);
  }
}

function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: "null" }] };
}

/**
 * The JSON Schema of an entity's records as the API returns them: the system
 * fields and every field, `null` where a field that is not required has no value.
 *
 * @example
 * recordSchema(app, customer); // { title: "Customer", type: "object", properties: { id: ..., name: ... } }
 */
export function recordSchema(app: AppManifest, entity: Entity): JsonSchema {
  const locale = app.locales[0] ?? "en";
  const properties: Record<string, JsonSchema> = {
    id: { type: "string", format: "uuid", description: "The record's id." },
    owner: { type: "string", format: "uuid", description: "The id of the user who owns the record." },
    created_at: { type: "string", format: "date-time" },
    created_by: { type: "string", format: "uuid" },
    updated_at: { type: "string", format: "date-time" },
    updated_by: { type: "string", format: "uuid" },
    version: { type: "integer", minimum: 1, description: "The row version, for optimistic concurrency." },
  };
  for (const field of entity.fields) {
    const value = fieldValueSchema(field);
    const description = [field.label[locale], field.description?.[locale]].filter(Boolean).join(": ");
    properties[field.name] = { ...(field.required ? value : nullable(value)), description };
  }
  return {
    title: pascalCase(entity.name),
    description: entity.label[locale],
    type: "object",
    required: Object.keys(properties),
    properties,
    additionalProperties: false,
  };
}

/**
 * Turns a snake_case name into PascalCase, as TypeScript type names are written.
 *
 * @example
 * pascalCase("payment_plan"); // "PaymentPlan"
 */
export function pascalCase(name: string): string {
  return name
    .split(/[_.]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
