import { fieldValuesSchema } from "../field-values.ts";
import type { StepDeclaration } from "../types.ts";

/**
 * Creates a related record: `{ "entity": "customer", "fields": {...}, "link": "converted_customer" }`;
 * `link` names a reference field of the process's record that receives the new record.
 */
export const createRecord: StepDeclaration = {
  type: "create_record",
  description:
    "Creates a record of another entity with field values (expressions see the process's record), optionally linking it back through a reference field.",
  params: {
    type: "object",
    required: ["entity", "fields"],
    properties: {
      entity: { type: "string" },
      fields: fieldValuesSchema,
      link: { type: "string" },
    },
    additionalProperties: false,
  },
  check(params, context) {
    const target = context.definition.entities.get(String(params.entity));
    if (!target) {
      context.report("ref.entity", "/entity", `unknown entity "${String(params.entity)}"`);
      return;
    }
    context.fieldValues(target, params.fields as Record<string, unknown>, "/fields");
    if (params.link !== undefined) {
      const link = context.entity.fields.find((f) => f.name === params.link);
      if (!link) {
        context.report("ref.field", "/link", `entity "${context.entity.name}" has no field "${String(params.link)}"`);
      } else if (link.type !== "reference" || link.entity !== target.name) {
        context.report(
          "field.type-mismatch",
          "/link",
          `"${link.name}" must be a reference to "${target.name}" to receive the new record`,
        );
      }
    }
  },
};
