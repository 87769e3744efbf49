import type { PeopleDeclaration } from "../types.ts";

/** The user or users in a user field of the record: `{ "field": "team" }`. */
export const field: PeopleDeclaration = {
  type: "field",
  description: "The user, or users, in a user field of the record (an account manager, a virtual sales team).",
  params: {
    type: "object",
    required: ["field"],
    properties: { field: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
    additionalProperties: false,
  },
  check(params, context) {
    const name = String(params.field);
    const target = context.entity.fields.find((f) => f.name === name);
    if (!target) {
      context.report("ref.field", "/field", `entity "${context.entity.name}" has no field "${name}"`);
    } else if (target.type !== "user") {
      context.report(
        "field.type-mismatch",
        "/field",
        `"${name}" is a ${target.type} field; people come from user fields`,
      );
    }
  },
};
