import type { Entity } from "../../definitions/index.ts";
import { valueFromCel } from "../../definitions/index.ts";
import { EngineError } from "../../errors.ts";
import type { StepContext, StepImplementation } from "./types.ts";

/**
 * The values of a field map: literals as they are, `{ "expression": … }`
 * evaluated on the process's record, the event, the user and the time.
 */
export function fieldValues(entity: Entity, values: Record<string, unknown>, context: StepContext) {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = entity.fields.find((f) => f.name === name);
    const type = name === "owner" ? "user" : field?.type === "computed" ? field.resultType : field?.type;
    if (!type) throw new EngineError("internal", `"${entity.name}" has no field "${name}" any more`);
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "expression" in value) {
      const expression = String((value as { expression: unknown }).expression);
      try {
        out[name] = valueFromCel(type, context.evaluate(expression));
      } catch (error) {
        throw new EngineError(
          "validation_failed",
          `the value of "${name}" could not be computed (${expression}): ${(error as Error).message}`,
        );
      }
    } else out[name] = value;
  }
  return out;
}

/** `set_fields`: sets fields of the process's record. */
export const setFields: StepImplementation = {
  type: "set_fields",
  async run(params, context) {
    Object.assign(context.record, fieldValues(context.entity, params.fields as Record<string, unknown>, context));
  },
};
