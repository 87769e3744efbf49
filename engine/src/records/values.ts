import type { Entity, Field } from "../definitions/index.ts";

/** A record as the API shows it: JSON values, system fields included. */
export type RecordData = Record<string, unknown>;

const numeric = new Set(["number", "money", "percent"]);

function numericField(field: Field): boolean {
  return numeric.has(field.type) || (field.type === "computed" && numeric.has(field.resultType));
}

/**
 * Turns a row of an entity table into API JSON: numbers from PostgreSQL's
 * numeric and bigint text, instants as ISO strings, dates as `YYYY-MM-DD`.
 *
 * @example
 * recordFromRow(customer, row); // { id: "…", name: "Hanwha", annual_revenue: 1200000.5, created_at: "2026-…Z", … }
 */
const fieldMaps = new WeakMap<Entity, Map<string, Field>>();

export function recordFromRow(entity: Entity, row: Record<string, unknown>): RecordData {
  const record: RecordData = {};
  let fields = fieldMaps.get(entity);
  if (!fields) fieldMaps.set(entity, (fields = new Map(entity.fields.map((f) => [f.name, f]))));
  for (const [name, value] of Object.entries(row)) {
    const field = fields.get(name);
    if (value === null || value === undefined) record[name] = null;
    else if (value instanceof Date) record[name] = value.toISOString();
    else if (name === "version") record[name] = Number(value);
    else if (field && numericField(field)) record[name] = Number(value);
    else record[name] = value;
  }
  return record;
}

/**
 * Turns a record into the variables of CEL: absent and null fields are left
 * out (so that `has(record.x)` tells), numbers are doubles, dates are instants.
 *
 * @example
 * celRecord(opportunity, { amount: 100, expected_close: "2026-03-31" }); // { amount: 100, expected_close: Date }
 */
export function celRecord(entity: Entity, record: RecordData): Record<string, unknown> {
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
