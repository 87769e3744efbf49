import type { ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "../definitions/schemas.ts";
import { EngineError } from "../errors.ts";

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks an event's data against the schema its process declares for it:
 * 422 naming each wrong property. An event without a schema carries nothing.
 *
 * @example
 * assertEventData("reopen", { type: "object", required: ["reason"] }, {}); // throws: "reason" is required
 */
export function assertEventData(event: string, schema: object | undefined, data: Record<string, unknown>): void {
  if (!schema) {
    if (Object.keys(data).length > 0)
      throw new EngineError("validation_failed", `"${event}" carries no data; send none`, {
        problems: Object.keys(data).map((name) => ({ field: name, code: "unknown_field", message: "not expected" })),
      });
    return;
  }
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  if (validate(data)) return;
  const problems = (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const field =
      error.keyword === "required"
        ? String(params.missingProperty)
        : error.keyword === "additionalProperties"
          ? String(params.additionalProperty)
          : error.instancePath.split("/").filter(Boolean).join(".") || "data";
    const message =
      error.keyword === "required"
        ? `"${field}" is required`
        : error.keyword === "additionalProperties"
          ? `"${field}" is not part of "${event}"`
          : `"${field}" ${error.message ?? "is invalid"}`;
    return { field, code: error.keyword, message };
  });
  throw new EngineError(
    "validation_failed",
    `the data of "${event}" is invalid: ${problems.map((p) => p.message).join("; ")}`,
    { problems },
  );
}
