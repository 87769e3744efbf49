import type { CelType, ExpressionScope } from "../expressions/index.ts";
import type { ComputedField, Entity, Field } from "./generated/format.ts";
import type { ExpressionPlace } from "./catalog/types.ts";

/** The fields every record has without declaring them, with their types. */
export const systemFields = {
  id: "reference",
  owner: "user",
  created_at: "datetime",
  created_by: "user",
  updated_at: "datetime",
  updated_by: "user",
  version: "number",
} as const satisfies Record<string, Field["type"]>;

/** Whether a name is one of the system fields. */
export function isSystemField(name: string): name is keyof typeof systemFields {
  return Object.hasOwn(systemFields, name);
}

const timestamp = "google.protobuf.Timestamp";

const celTypes: Record<Exclude<Field["type"], "computed">, CelType> = {
  text: "string",
  long_text: "string",
  email: "string",
  phone: "string",
  url: "string",
  enum: "string",
  reference: "string",
  user: "string",
  number: "double",
  money: "double",
  percent: "double",
  boolean: "bool",
  date: timestamp,
  datetime: timestamp,
  multi_enum: "list<string>",
  attachment: "dyn",
};

/**
 * The CEL type of a field's values.
 *
 * @example
 * celTypeOfField({ name: "amount", type: "money", label: { en: "Amount" } }); // "double"
 */
export function celTypeOfField(field: Field): CelType {
  if (field.type === "computed") return celTypes[(field as ComputedField).resultType];
  if (field.type === "user" && field.multiple) return "list<string>";
  if (field.type === "attachment" && field.multiple) return "list<dyn>";
  return celTypes[field.type];
}

/** The CEL schema of an entity's records: its fields and the system fields. */
export function recordCelSchema(entity: Entity, options: { computed: boolean }): Record<string, CelType> {
  const schema: Record<string, CelType> = {};
  for (const [name, type] of Object.entries(systemFields)) schema[name] = name === "version" ? "int" : celTypes[type];
  for (const field of entity.fields) {
    if (field.type === "computed" && !options.computed) continue;
    schema[field.name] = celTypeOfField(field);
  }
  return schema;
}

const userSchema: CelType = {
  id: "string",
  username: "string",
  roles: "list<string>",
  org_unit: "string",
  manager: "string",
};

/**
 * The variables in scope where an expression is written:
 * computed fields see the record's other (non-computed) fields; defaults see
 * the user and the time; guards and actions see the record, the event, the
 * user and the time; conditions and visibility rules see the record and the user.
 *
 * @example
 * expressionScope(customer, "guard"); // { record: {...}, event: {...}, user: {...}, now: "google.protobuf.Timestamp" }
 */
export function expressionScope(entity: Entity, place: ExpressionPlace): ExpressionScope {
  const record = recordCelSchema(entity, { computed: place !== "computed" });
  switch (place) {
    case "computed":
      return { record };
    case "default":
      return { user: userSchema, now: timestamp };
    case "guard":
    case "action":
      return { record, event: { type: "string", data: "map<string, dyn>" }, user: userSchema, now: timestamp };
    case "approval":
      return { record, user: userSchema, now: timestamp };
    case "condition":
    case "visibility":
      return { record, user: userSchema };
  }
}

/** The CEL type each field type needs an expression to yield. */
export function expectedCelType(type: Field["type"] | ComputedField["resultType"]): string {
  const cel = celTypes[type as Exclude<Field["type"], "computed">];
  return typeof cel === "string" ? cel : "dyn";
}
