import type { FieldDef } from "../types";

/** How a field is edited in a form. */
export type Widget =
  | "text"
  | "textarea"
  | "number"
  | "money"
  | "percent"
  | "date"
  | "datetime"
  | "checkbox"
  | "select"
  | "checkboxes"
  | "reference"
  | "user"
  | "users"
  | "email"
  | "phone"
  | "url"
  /** Shown, never edited: computed values and files. */
  | "display";

/** Text longer than this is edited in a text area. */
const longText = 500;

/**
 * The widget that edits a field: a text area for long text, a currency box
 * for money, a picker that searches for references, a list of checkboxes for
 * a multi-enum, a people picker for user fields. Computed fields and files
 * are only shown.
 *
 * @example
 * widgetOf({ name: "amount", type: "money", label: {} }); // "money"
 * widgetOf({ name: "team", type: "user", multiple: true, label: {} }); // "users"
 */
export function widgetOf(field: FieldDef): Widget {
  switch (field.type) {
    case "text":
      return field.maxLength !== undefined && field.maxLength > longText ? "textarea" : "text";
    case "long_text":
      return "textarea";
    case "number":
    case "money":
    case "percent":
    case "date":
    case "datetime":
    case "email":
    case "phone":
    case "url":
    case "reference":
      return field.type;
    case "boolean":
      return "checkbox";
    case "enum":
      return "select";
    case "multi_enum":
      return "checkboxes";
    case "user":
      return field.multiple ? "users" : "user";
    case "attachment":
    case "computed":
      return "display";
  }
}

/**
 * The step of a number box: a field's scale (2 → 0.01, 0 → 1), any number when it has none.
 *
 * @example
 * stepOf({ name: "amount", type: "money", scale: 2, label: {} }); // "0.01"
 */
export function stepOf(field: FieldDef): string {
  if (field.scale === undefined) return "any";
  return field.scale <= 0 ? "1" : `0.${"0".repeat(field.scale - 1)}1`;
}
