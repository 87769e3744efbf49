import { peopleSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/**
 * Assigns the record's owner by rules, the first whose `when` holds:
 * `{ "rules": [{ "when": "record.region == 'north'", "pool": [{ "type": "role", "params": { "role": "sales_rep", "unit": "north_sales" } }], "strategy": "round_robin" }] }`.
 */
export const assignOwner: StepDeclaration = {
  type: "assign_owner",
  description:
    "Makes one user of a pool the record's owner: the first rule whose condition holds picks the pool and the strategy (round robin, least open records, or the first), skipping inactive users.",
  params: {
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
            when: { type: "string", minLength: 1 },
            pool: peopleSchema,
            strategy: { enum: ["round_robin", "least_loaded", "first"], default: "round_robin" },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  check(params, context) {
    (params.rules as Array<{ when?: string; pool: unknown[] }>).forEach((rule, index) => {
      if (rule.when !== undefined) context.expression(rule.when, "action", `/rules/${index}/when`, "bool");
      context.people(rule.pool, `/rules/${index}/pool`);
    });
  },
};
