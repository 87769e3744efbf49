import type { JsonSchema, PeopleRule } from "@temper/plugin-sdk";

/** How a rule picks one user of its pool. */
export type Strategy = "round_robin" | "least_loaded" | "first";

/** One assignment rule: when it applies, whom it may pick, and how. */
export interface Rule {
  /** Shown on the timeline ("east team"); the rule's position when absent. */
  name?: string;
  /** A CEL condition on the record (`record.region == 'east'`); the rule always applies without one. */
  when?: string;
  pool: PeopleRule[];
  strategy?: Strategy;
  /** Users who already own this many open records are passed over. */
  capacity?: number;
}

/** The params of `assignment.assign`. */
export interface AssignParams {
  rules: Rule[];
  /** The user field to set (default `owner`). */
  field?: string;
}

/** What `assignment.assign` decided. */
export interface AssignOutput {
  /** The user's id, or null when no rule found anyone. */
  assigned: string | null;
  /** The rule that decided, by name (or position). */
  rule: string | null;
  /** The decision as the timeline shows it. */
  reason: string;
}

/** The JSON Schema of the params. */
export const assignParamsSchema: JsonSchema = {
  type: "object",
  required: ["rules"],
  properties: {
    rules: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["pool"],
        properties: {
          name: { type: "string", minLength: 1 },
          when: { type: "string", minLength: 1 },
          pool: { type: "array", minItems: 1, items: { type: "object", required: ["type"] } },
          strategy: { enum: ["round_robin", "least_loaded", "first"], default: "round_robin" },
          capacity: { type: "integer", minimum: 1 },
        },
        additionalProperties: false,
      },
    },
    field: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
  },
  additionalProperties: false,
};

/** The JSON Schema of the output. */
export const assignOutputSchema: JsonSchema = {
  type: "object",
  required: ["assigned", "rule", "reason"],
  properties: {
    assigned: { type: ["string", "null"] },
    rule: { type: ["string", "null"] },
    reason: { type: "string" },
  },
  additionalProperties: false,
};
