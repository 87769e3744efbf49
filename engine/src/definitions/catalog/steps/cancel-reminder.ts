import type { StepDeclaration } from "../types.ts";

/** Cancels a reminder scheduled by `schedule_reminder`: `{ "name": "follow_up" }`. */
export const cancelReminder: StepDeclaration = {
  type: "cancel_reminder",
  description: "Cancels the record's pending reminder of that name, if any.",
  params: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string", pattern: "^[a-z][a-z0-9_]*$" } },
    additionalProperties: false,
  },
};
