import type { JsonSchema } from "./types.ts";

/** The params schema of a map of field values: literals, or `{ "expression": "<CEL>" }`. */
export const fieldValuesSchema: JsonSchema = {
  type: "object",
  minProperties: 1,
  propertyNames: { pattern: "^[a-z][a-z0-9_]*$" },
  additionalProperties: {
    anyOf: [
      { type: ["string", "number", "boolean", "null", "array"] },
      {
        type: "object",
        required: ["expression"],
        properties: { expression: { type: "string", minLength: 1 } },
        additionalProperties: false,
      },
    ],
  },
};

/** The params schema of a localized text, as in the definition format. */
export const labelSchema: JsonSchema = {
  type: "object",
  minProperties: 1,
  additionalProperties: { type: "string", minLength: 1 },
};

/** The params schema of a list of people rules. */
export const peopleSchema: JsonSchema = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    required: ["type"],
    properties: { type: { type: "string" }, params: { type: "object" } },
    additionalProperties: false,
  },
};
