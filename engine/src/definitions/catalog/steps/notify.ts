import { labelSchema, peopleSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/** Notifies the people a rule names: `{ "to": [{ "type": "owner" }], "message": { "en": "{{record.name}} is overdue" } }`. */
export const notify: StepDeclaration = {
  type: "notify",
  description:
    "Sends an in-app notification to the people the rules name (never to a whole role unless a rule says so); `{{record.field}}` in the message is replaced by the field's value.",
  params: {
    type: "object",
    required: ["to", "message"],
    properties: { to: peopleSchema, message: labelSchema },
    additionalProperties: false,
  },
  check(params, context) {
    context.people(params.to as unknown[], "/to");
    context.label(params.message, "/message");
  },
};
