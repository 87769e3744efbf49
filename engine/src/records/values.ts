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
