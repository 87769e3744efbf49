import { labelSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/** Adds an entry to the record's timeline: `{ "kind": "system", "subject": { "en": "Quote sent" } }`. */
export const appendActivity: StepDeclaration = {
  type: "append_activity",
  description:
    "Adds an activity entry (a note, a call, an email, a visit, a meeting or a system event) to the record's timeline.",
  params: {
    type: "object",
    required: ["kind", "subject"],
    properties: {
      kind: { enum: ["note", "call", "email", "visit", "meeting", "system"] },
      subject: labelSchema,
    },
    additionalProperties: false,
  },
  check(params, context) {
    context.label(params.subject, "/subject");
  },
};
