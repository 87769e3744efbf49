import type { PeopleDeclaration } from "../types.ts";

/** The user who fired the event that started the current approval or transition. */
export const submitter: PeopleDeclaration = {
  type: "submitter",
  description: "The user who fired the event that led here (who submitted the approval).",
  params: { type: "object", additionalProperties: false },
};
