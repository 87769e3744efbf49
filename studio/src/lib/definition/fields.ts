import type { MessageKey } from "../i18n";
import type { EntityDef, FieldDef, FieldType } from "../types";

/** The fields every record has without declaring them, with their types. */
export const systemFields: Record<string, FieldType> = {
  id: "reference",
  owner: "user",
  created_at: "datetime",
  created_by: "user",
  updated_at: "datetime",
  updated_by: "user",
  version: "number",
};

/** The system fields a user filters and reads lists by (the id and version are for machines). */
export const listedSystemFields = ["owner", "created_at", "created_by", "updated_at", "updated_by"];

/** A field or system field of an entity as the studio handles it: system fields carry a catalogue key for their label. */
export type ResolvedField = FieldDef & { system?: MessageKey };

/**
 * One of an entity's readable fields, or a system field, by name.
 *
 * @example
 * fieldOf(customer, "owner"); // { name: "owner", type: "user", label: {}, system: "field.owner" }
 */
export function fieldOf(entity: EntityDef, name: string): ResolvedField | undefined {
  const declared = entity.fields.find((f) => f.name === name);
  if (declared) return declared;
  const type = systemFields[name];
  return type ? { name, type, label: {}, system: `field.${name}` as MessageKey } : undefined;
}

/**
 * The type of a field's values: a computed field's result type, else its own.
 *
 * @example
 * valueType({ name: "weighted", type: "computed", resultType: "money", label: {} }); // "money"
 */
export function valueType(field: FieldDef): FieldType {
  return field.type === "computed" ? (field.resultType ?? "text") : field.type;
}
