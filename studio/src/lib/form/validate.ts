import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { createAjv } from "@temper/engine/definitions/ajv";
import type { Translate } from "../i18n";
import type { JsonSchema } from "../types";
import type { FormField } from "./layout";

/** A problem with one field's value: the API's code (JSON Schema keywords, `required`, `unique`, …) and what it knows. */
export interface FormProblem {
  field: string;
  code: string;
  message: string;
  /** The keyword's parameters when the browser found it (`limit`, `format`). */
  params?: Record<string, unknown>;
}

const ajv = createAjv();
const validators = new WeakMap<object, ValidateFunction>();

function problemsOf(errors: ErrorObject[], input: Record<string, unknown>): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    const path = error.instancePath.split("/").filter(Boolean);
    if (error.keyword === "required")
      problems.push({ field: String(params.missingProperty), code: "required", message: "is required", params });
    else if (error.keyword === "additionalProperties")
      problems.push({ field: String(params.additionalProperty), code: "unknown_field", message: "is not expected" });
    // A nullable field's `anyOf` repeats what its own branch said.
    // An emptied field that may not be empty is missing, not of the wrong type.
    else if (error.keyword === "type" && path.length === 1 && input[path[0]!] === null)
      problems.push({ field: path[0]!, code: "required", message: "is required", params });
    else if (error.keyword !== "anyOf" && path[0])
      problems.push({ field: path[0], code: error.keyword, message: error.message ?? "is invalid", params });
  }
  return firstPerField(problems);
}

/**
 * Checks a form's input against a JSON Schema the way the engine checks
 * writes (its Ajv set-up, the same schema from the API): the first problem
 * of each field.
 *
 * @example
 * validateInput(schemas.create, { name: "", region: "east" }); // [{ field: "name", code: "minLength", … }]
 */
export function validateInput(schema: JsonSchema, input: Record<string, unknown>): FormProblem[] {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate(input) ? [] : problemsOf(validate.errors ?? [], input);
}

/**
 * The first problem of each field: the API names a nullable field's value
 * twice (its format, and that it is not null either), the first being the one to show.
 *
 * @example
 * firstPerField([{ field: "email", code: "format", … }, { field: "email", code: "type", … }]); // [{ field: "email", code: "format", … }]
 */
export function firstPerField<T extends { field: string }>(problems: T[]): T[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

const formats: Record<string, Parameters<Translate>[0]> = {
  email: "form.problem.email",
  uri: "form.problem.url",
  date: "form.problem.date",
  "date-time": "form.problem.datetime",
  uuid: "form.problem.pick",
};

/**
 * What a person reads beside a field that has a problem, in their language;
 * the API's own message where the studio has no words for its code.
 *
 * @example
 * problemText({ field: "name", code: "maxLength", message: "…" }, { maxLength: 200 }, t); // "At most 200 characters"
 */
export function problemText(
  problem: FormProblem,
  field: Pick<FormField, "widget" | "min" | "max" | "maxLength"> | undefined,
  t: Translate,
): string {
  const limit = (fallback: number | undefined) => String(problem.params?.limit ?? fallback ?? "");
  switch (problem.code) {
    case "required":
      return t("form.problem.required");
    case "minLength":
      return Number(problem.params?.limit ?? 1) <= 1
        ? t("form.problem.required")
        : t("form.problem.minLength", { limit: limit(undefined) });
    case "maxLength":
      return t("form.problem.maxLength", { limit: limit(field?.maxLength) });
    case "minimum":
      return t("form.problem.minimum", { limit: limit(field?.min) });
    case "maximum":
      return t("form.problem.maximum", { limit: limit(field?.max) });
    case "exclusiveMinimum":
      return t("form.problem.exclusiveMinimum", { limit: limit(undefined) });
    case "exclusiveMaximum":
      return t("form.problem.exclusiveMaximum", { limit: limit(undefined) });
    case "type":
      return problem.params?.type === "integer" || problem.message.includes("integer")
        ? t("form.problem.integer")
        : field && ["number", "money", "percent"].includes(field.widget)
          ? t("form.problem.number")
          : t("form.problem.invalid");
    case "format": {
      const format = String(problem.params?.format ?? (field?.widget === "url" ? "uri" : field?.widget) ?? "");
      return t(formats[format] ?? "form.problem.invalid");
    }
    case "pattern":
      return field?.widget === "phone" ? t("form.problem.phone") : t("form.problem.pattern");
    case "enum":
      return t("form.problem.enum");
    case "minItems":
      return t("form.problem.minItems", { limit: limit(undefined) });
    case "maxItems":
      return t("form.problem.maxItems", { limit: limit(undefined) });
    case "uniqueItems":
      return t("form.problem.uniqueItems");
    case "unique":
      return t("form.problem.unique");
    case "reference":
      return t("form.problem.reference");
    case "read_only":
    case "forbidden":
      return t("form.problem.readOnly");
    case "lookup_none":
      return t("form.problem.lookupNone", { text: String(problem.params?.text ?? "") });
    case "lookup_many":
      return t("form.problem.lookupMany", { text: String(problem.params?.text ?? "") });
    case "lookup_short":
      return t("form.problem.lookupShort");
    default:
      return problem.message;
  }
}
