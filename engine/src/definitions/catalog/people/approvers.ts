import type { PeopleDeclaration } from "../types.ts";

/** The approvers of the record's current or last approval. */
export const approvers: PeopleDeclaration = {
  type: "approvers",
  description: "The approvers of the record's current or most recent approval.",
  params: { type: "object", additionalProperties: false },
};
