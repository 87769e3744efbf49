import type { JsonSchema } from "@temper/plugin-sdk";

/** The `to` (and `recipient`) params of the single-send steps. */
export const toSchema: Record<string, JsonSchema> = {
  to: {
    type: "string",
    pattern: "^[a-z][a-z0-9_]*$",
    description:
      '"contact" or "customer" (the record\'s field of that name, or the record itself), or another reference field of the record.',
  },
  recipient: {
    enum: ["contact", "customer"],
    description: 'The entity the `to` field refers to: "contact" unless `to` is "customer".',
  },
};

/** What a single send returns. */
export const outcomeSchema: JsonSchema = {
  type: "object",
  required: ["status"],
  properties: {
    status: { enum: ["sent", "not_configured", "no_recipient", "opted_out", "no_address"] },
    activity: { type: "string", description: "The archived activity's id, when sent." },
    reason: { type: "string", description: "Why nothing was sent." },
  },
  additionalProperties: false,
};
