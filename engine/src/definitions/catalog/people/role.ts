import type { PeopleDeclaration } from "../types.ts";

/**
 * The holders of a role: `{ "role": "sales_director" }` finds the nearest
 * directors going up from the owner's org unit; `"search": "unit"` only in
 * that unit, `"all"` across the company; `unit` names a unit by its code.
 */
export const role: PeopleDeclaration = {
  type: "role",
  description:
    "The active users holding a role: the nearest ones going up the org from the owner's unit (`ancestors`, the default), those in the unit itself (`unit`), or everyone (`all`); `unit` starts the search at a named org unit instead.",
  params: {
    type: "object",
    required: ["role"],
    properties: {
      role: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
      search: { enum: ["ancestors", "unit", "all"], default: "ancestors" },
      unit: { type: "string", minLength: 1 },
    },
    additionalProperties: false,
  },
  check(params, context) {
    const name = String(params.role);
    if (!context.definition.roles.has(name)) context.report("ref.role", "/role", `unknown role "${name}"`);
  },
};
