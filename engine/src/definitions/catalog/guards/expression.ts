import type { GuardDeclaration } from "../types.ts";

/** The built-in guard: a CEL condition, `{ "expression": "record.amount > 0.0" }`. */
export const expressionGuard: GuardDeclaration = {
  type: "expression",
  description: "Allows the transition when the CEL expression, over `record`, `event`, `user` and `now`, is true.",
  params: {
    type: "object",
    required: ["expression"],
    properties: { expression: { type: "string", minLength: 1 } },
    additionalProperties: false,
  },
  check(params, context) {
    context.expression(String(params.expression), "guard", "/expression", "bool");
  },
};
