import type { Entity, Field } from "./generated/format.ts";

/** A record's values by field name, as JSON. */
type Values = Record<string, unknown>;

/**
 * Turns a record into the variables of CEL: absent and null fields are left
 * out (so that `has(record.x)` tells), numbers are doubles, dates are instants.
 *
 * @example
 * celRecord(opportunity, { amount: 100, expected_close: "2026-03-31" }); // { amount: 100, expected_close: Date }
 */
export function celRecord(entity: Entity, record: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const types = new Map(entity.fields.map((f) => [f.name, f.type === "computed" ? f.resultType : f.type]));
  for (const [name, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    const type = types.get(name) ?? (name.endsWith("_at") ? "datetime" : undefined);
    if (type === "date" || type === "datetime") out[name] = new Date(String(value));
    else if (name === "version") out[name] = BigInt(Number(value));
    else out[name] = value;
  }
  return out;
}

/**
 * Turns a CEL result into a field's JSON value.
 *
 * @example
 * valueFromCel({ type: "date", ... }, new Date("2026-03-31T00:00:00Z")); // "2026-03-31"
 */
export function valueFromCel(type: Field["type"] | "text", value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return type === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  return value;
}
