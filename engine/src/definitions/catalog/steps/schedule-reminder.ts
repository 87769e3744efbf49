import commonSchema from "@temper/definitions/schema/common.schema.json" with { type: "json" };
import { labelSchema, peopleSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/** Schedules a named reminder: `{ "name": "follow_up", "after": "P3D", "to": [{ "type": "owner" }], "message": {...} }`. */
export const scheduleReminder: StepDeclaration = {
  type: "schedule_reminder",
  description:
    "Schedules a durable reminder, by name, that notifies the people the rules name after a duration unless `cancel_reminder` cancels it first.",
  params: {
    type: "object",
    required: ["name", "after", "to", "message"],
    properties: {
      name: { type: "string", pattern: "^[a-z][a-z0-9_]*$" },
      after: { type: "string", pattern: commonSchema.$defs.duration.pattern },
      to: peopleSchema,
      message: labelSchema,
    },
    additionalProperties: false,
  },
  check(params, context) {
    context.people(params.to as unknown[], "/to");
    context.label(params.message, "/message");
  },
};
