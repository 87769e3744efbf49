import type { PeopleDeclaration } from "../types.ts";

/** The record's owner. */
export const owner: PeopleDeclaration = {
  type: "owner",
  description: "The record's owner.",
  params: { type: "object", additionalProperties: false },
};
