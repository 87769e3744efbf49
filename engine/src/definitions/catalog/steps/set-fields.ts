import { fieldValuesSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/** Sets fields of the process's record: `{ "fields": { "probability": 60, "closed_at": { "expression": "now" } } }`. */
export const setFields: StepDeclaration = {
  type: "set_fields",
  description: "Sets fields of the record, to values or to CEL expressions over the record, the event and the user.",
  params: {
    type: "object",
    required: ["fields"],
    properties: { fields: fieldValuesSchema },
    additionalProperties: false,
  },
  check(params, context) {
    context.fieldValues(context.entity, params.fields as Record<string, unknown>, "/fields");
  },
};
