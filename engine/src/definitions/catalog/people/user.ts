import type { PeopleDeclaration } from "../types.ts";

/** One named user: `{ "username": "li.wei" }`. */
export const user: PeopleDeclaration = {
  type: "user",
  description: "One user, by username.",
  params: {
    type: "object",
    required: ["username"],
    properties: { username: { type: "string", minLength: 1 } },
    additionalProperties: false,
  },
};
