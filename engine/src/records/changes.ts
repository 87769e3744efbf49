import type { Entity, Field } from "../definitions/index.ts";
import type { RecordData } from "./values.ts";

/**
 * The fields whose values differ between two states of a record, compared as
 * JSON (an absent value counts as null): what an update changes, what field
 * history records.
 *
 * @example
 * changedFields(customer, { region: "east" }, { region: "west", city: null }).map((f) => f.name); // ["region"]
 */
export function changedFields(entity: Entity, before: RecordData, after: RecordData): Field[] {
  return entity.fields.filter((f) => JSON.stringify(before[f.name] ?? null) !== JSON.stringify(after[f.name] ?? null));
}
