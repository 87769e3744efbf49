import type { JsonSchema } from "./context.ts";
import { namePattern } from "./names.ts";

/**
 * The definition format's field types a plugin field type may refine: those
 * whose value is one scalar (a string or a number).
 *
 * @example
 * fieldTypeBases.includes("text"); // true ("enum", "reference", "computed" are not bases)
 */
export const fieldTypeBases = [
  "text",
  "long_text",
  "number",
  "money",
  "percent",
  "date",
  "datetime",
  "email",
  "phone",
  "url",
] as const;

/** One of {@link fieldTypeBases}. */
export type FieldTypeBase = (typeof fieldTypeBases)[number];

/** What a value of a base type is: a number for `number`, `money` and `percent`, a string otherwise. */
export type FieldTypeValue<Base extends FieldTypeBase> = Base extends "number" | "money" | "percent" ? number : string;

/**
 * A field type a plugin adds: a named refinement of one of the format's own
 * field types. An entity's field says `"type": "<plugin>.<name>"` with the
 * properties its base type takes (label, required, unique, track…); records
 * store, show, import and list it as the base type, and every write checks
 * its value against the base type, then `schema`, then `check`.
 */
export interface FieldTypeDefinition<Base extends FieldTypeBase = FieldTypeBase> {
  /** Lower snake case; a definition names it as `<plugin>.<name>`. */
  name: string;
  description: string;
  /** The format's field type it refines: how the value is stored, shown, imported and typed. */
  base: Base;
  /** JSON Schema keywords every value must also satisfy: `{ pattern, minLength, maxLength }`, `{ minimum, maximum }`. */
  schema?: JsonSchema;
  /**
   * A deeper check of a value that passed the base type and `schema` (a check
   * digit): returns what is wrong, in words a user can act on, or `undefined`
   * when the value is right. Synchronous, pure and quick: it runs on every write.
   */
  check?(value: FieldTypeValue<Base>): string | undefined;
}

/**
 * Declares a field type.
 *
 * @example
 * export const krBusinessNo = defineFieldType({
 *   name: "kr_business_no",
 *   description: "A Korean business registration number: 10 digits, the last one a check digit.",
 *   base: "text",
 *   schema: { pattern: "^[0-9]{10}$" },
 *   check: (value) => (checkDigitOf(value) === value[9] ? undefined : "the check digit (the 10th) is wrong"),
 * });
 * // in entities/supplier.json: { "name": "business_no", "type": "registry.kr_business_no", "label": { "en": "Business no." } }
 */
export function defineFieldType<Base extends FieldTypeBase>(
  fieldType: FieldTypeDefinition<Base>,
): FieldTypeDefinition<Base> {
  if (!namePattern.test(fieldType.name))
    throw new Error(`field type name "${fieldType.name}" must be lower snake case`);
  if (!(fieldTypeBases as readonly string[]).includes(fieldType.base))
    throw new Error(
      `field type "${fieldType.name}" cannot refine "${String(fieldType.base)}": its base must be one of ${fieldTypeBases.join(", ")}`,
    );
  return fieldType;
}
