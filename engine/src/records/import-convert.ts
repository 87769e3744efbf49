import type { Field } from "../definitions/index.ts";

/** A cell turned into a field's value, or why it cannot be. */
export type Converted = { value: unknown } | { error: string };

type EnumOption = { value: string; label: Record<string, string> };

const number = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const grouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const date = /^\d{4}-\d{2}-\d{2}$/;
const datetime = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const booleans: Record<string, boolean> = { true: true, yes: true, "1": true, false: false, no: false, "0": false };

/**
 * Splits a multi-value cell (`a;b`), dropping empty parts.
 *
 * @example
 * splitList("robotics; services;"); // ["robotics", "services"]
 */
export function splitList(text: string): string[] {
  return text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Reads a number, rounded as its column stores it (money and percents to 2 decimals unless the field says). */
function toNumber(text: string, percent: boolean, scale: number | undefined): Converted {
  const bare = percent && text.endsWith("%") ? text.slice(0, -1).trim() : text;
  const value = number.test(bare) ? Number(bare) : grouped.test(bare) ? Number(bare.replaceAll(",", "")) : NaN;
  if (!Number.isFinite(value)) return { error: `"${text}" is not a number` };
  return { value: scale === undefined || scale === 0 ? value : Number(value.toFixed(scale)) };
}

function toDate(text: string): Converted {
  const day = date.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  if (day && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)) return { value: text };
  return { error: `"${text}" is not a date; write it as YYYY-MM-DD` };
}

function toDatetime(text: string): Converted {
  if (!datetime.test(text)) {
    return {
      error: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)
        ? `"${text}" has no time zone; add one, as in 2026-03-31T09:30:00+08:00 or 2026-03-31T01:30:00Z`
        : `"${text}" is not a date and time; write it as 2026-03-31T09:30:00+08:00`,
    };
  }
  const instant = new Date(text.replace(" ", "T"));
  return Number.isNaN(instant.getTime())
    ? { error: `"${text}" is not a valid date and time` }
    : { value: instant.toISOString() };
}

/** An option by its value, or (case-insensitively) by its value or a label in any locale. */
function toOption(text: string, options: EnumOption[]): Converted {
  const exact = options.find((o) => o.value === text);
  if (exact) return { value: exact.value };
  const lower = text.toLowerCase();
  const loose = options.find(
    (o) => o.value.toLowerCase() === lower || Object.values(o.label).some((l) => l.toLowerCase() === lower),
  );
  if (loose) return { value: loose.value };
  const values = options.map((o) => o.value);
  return { error: `"${text}" is not one of ${values.slice(0, 12).join(", ")}${values.length > 12 ? ", …" : ""}` };
}

/**
 * Turns a CSV cell into a field's value: an empty cell is null; numbers
 * (`1234.5`, `1,234.5`, `40%` for percents), booleans (true/false, yes/no,
 * 1/0), dates (`YYYY-MM-DD`), date-times (ISO 8601 with a time zone), enum
 * options by value or label, multi-enums as `a;b`, attachments as JSON.
 * References and users are resolved against the database, not here.
 *
 * @example
 * convertCell(probabilityField, "40%"); // { value: 40 }
 * convertCell(regionField, "East China"); // { value: "east" }
 * convertCell(closeField, "31/12/2026"); // { error: '"31/12/2026" is not a date; write it as YYYY-MM-DD' }
 */
export function convertCell(field: Field, cell: string): Converted {
  const text = field.type === "text" || field.type === "long_text" ? cell : cell.trim();
  if (text === "") return { value: null };
  switch (field.type) {
    case "number":
      return toNumber(text, false, field.scale);
    case "money":
    case "percent":
      return toNumber(text, field.type === "percent", field.scale ?? 2);
    case "boolean": {
      const value = booleans[text.toLowerCase()];
      return value === undefined ? { error: `"${text}" is not a yes/no value; use true or false` } : { value };
    }
    case "date":
      return toDate(text);
    case "datetime":
      return toDatetime(text);
    case "enum":
      return toOption(text, field.options);
    case "multi_enum": {
      const values: unknown[] = [];
      for (const part of splitList(text)) {
        const option = toOption(part, field.options);
        if ("error" in option) return option;
        if (!values.includes(option.value)) values.push(option.value);
      }
      return { value: values };
    }
    case "attachment":
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: "is not an attachment's JSON" };
      }
    default:
      return { value: text };
  }
}

/**
 * Formats a record's value as a CSV cell, the way `convertCell` reads it
 * back: empty for null, `a;b` for several values, JSON for attachments.
 *
 * @example
 * formatCell(productLinesField, ["robotics", "services"]); // "robotics;services"
 */
export function formatCell(field: Field | undefined, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (field?.type === "attachment" || (typeof value === "object" && !Array.isArray(value)))
    return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(String).join(";");
  return String(value);
}
