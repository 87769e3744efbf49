import type { Entity } from "../../definitions/index.ts";
import { valueFromCel } from "../../definitions/index.ts";
import { EngineError } from "../../errors.ts";
import type { StepContext, StepImplementation } from "./types.ts";

/** The day an instant falls on in a time zone, as a date field holds it ("2026-03-04"). */
function dayIn(timezone: string, instant: Date): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return format.format(instant);
}

/**
 * The values of a field map: literals as they are, `{ "expression": … }`
 * evaluated on the process's record, the event, the user and the time. An
 * instant set on a date field is the day it falls on in the app's time zone.
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
        const result = context.evaluate(expression);
        const timezone = context.workspace.definition.app.timezone ?? "UTC";
        out[name] = type === "date" && result instanceof Date ? dayIn(timezone, result) : valueFromCel(type, result);
      } catch (error) {
        // Expressions are type-checked at publish, so a key missing now is an empty field (left out of
        // `record`) or optional data not sent: a value copied from nothing is empty.
        if ((error as { code?: unknown }).code === "no_such_key") {
          out[name] = null;
          continue;
        }
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
