import { EngineError, type FieldProblem } from "../errors.ts";

/** What a field of a request body may hold; only a "required string" must be there. */
export type BodyFieldKind = "required string" | "string" | "string or null" | "string list";

function fits(kind: BodyFieldKind, value: unknown): boolean {
  switch (kind) {
    case "required string":
    case "string":
      return typeof value === "string";
    case "string or null":
      return value === null || typeof value === "string";
    case "string list":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
  }
}

const kindWords: Record<BodyFieldKind, string> = {
  "required string": "a string",
  string: "a string",
  "string or null": "a string or null",
  "string list": "a list of strings",
};

/**
 * Checks a request body against the fields a route takes: a field it does
 * not know, a required field missing, or a value of the wrong kind is
 * refused (422, one problem per field); nothing is silently dropped.
 *
 * @example
 * checkBody(body, { code: "required string", name: "required string", kind: "string", parent: "string or null" });
 */
export function checkBody(body: Record<string, unknown>, fields: Record<string, BodyFieldKind>): void {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(body))
    if (!Object.hasOwn(fields, key))
      problems.push({
        field: key,
        code: "unknown_field",
        message: `unknown field "${key}"; send ${Object.keys(fields).join(", ")}`,
      });
  for (const [key, kind] of Object.entries(fields)) {
    if (!Object.hasOwn(body, key)) {
      if (kind === "required string") problems.push({ field: key, code: "required", message: `"${key}" is required` });
    } else if (!fits(kind, body[key])) {
      problems.push({ field: key, code: "type", message: `"${key}" must be ${kindWords[kind]}` });
    }
  }
  if (problems.length > 0)
    throw new EngineError("validation_failed", problems.map((p) => p.message).join("; "), { problems });
}
