import type { PeopleDeclaration } from "../types.ts";

/** A manager up the org: `{ "of": "owner", "levels": 2 }` is the owner's manager's manager. */
export const manager: PeopleDeclaration = {
  type: "manager",
  description:
    "The manager of the owner, the submitter or the approver, `levels` steps up the reporting line (1, the direct manager, by default).",
  params: {
    type: "object",
    properties: {
      of: { enum: ["owner", "submitter", "approver"], default: "owner" },
      levels: { type: "integer", minimum: 1, maximum: 5, default: 1 },
    },
    additionalProperties: false,
  },
};
