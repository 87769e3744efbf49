import { labelOf } from "../i18n";
import { fieldLabel, type LabelContext } from "../list/columns";
import { inputOf, type RawValues } from "../form/values";
import type { Widget } from "../form/widgets";
import type { EntityDef, FieldDef, JsonSchema } from "../types";

/** A box of an event's data form. */
export interface EventField {
  name: string;
  label: string;
  widget: Extract<
    Widget,
    "text" | "textarea" | "number" | "date" | "datetime" | "checkbox" | "select" | "checkboxes" | "email" | "url"
  >;
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  min?: number;
  max?: number;
  maxLength?: number;
  step?: string;
}

/** Text longer than this is asked for in a text area. */
const shortText = 200;

/** `signed_on` → "Signed on". */
function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function enumValues(schema: JsonSchema): Array<{ value: string; title?: string }> | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => ({ value: String(v) }));
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches?.length && branches.every((b) => b.const !== undefined))
    return branches.map((b) => ({ value: String(b.const), ...(b.title ? { title: b.title } : {}) }));
  return undefined;
}

/**
 * The entity's field an event's property speaks of: the field of the same
 * name, else an option field whose options hold every value the property
 * allows (the lead's `lost_reason` for the `reason` of "disqualify").
 */
function relatedField(entity: EntityDef, name: string, values: string[] | undefined): FieldDef | undefined {
  const same = entity.fields.find((f) => f.name === name);
  if (same) return same;
  if (!values?.length) return undefined;
  return entity.fields.find((f) => f.options && values.every((v) => f.options!.some((o) => o.value === v)));
}

function widgetOf(schema: JsonSchema, options: boolean): EventField["widget"] | undefined {
  if (options) return "select";
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "date") return "date";
      if (schema.format === "date-time") return "datetime";
      if (schema.format === "email") return "email";
      if (schema.format === "uri") return "url";
      return schema.maxLength !== undefined && schema.maxLength <= shortText ? "text" : "textarea";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "checkbox";
    case "array":
      return schema.items && enumValues(schema.items) ? "checkboxes" : undefined;
    default:
      return undefined;
  }
}

/**
 * The form that asks for an event's data, built from the event's JSON
 * Schema: a box per property in the schema's order (a date picker for a
 * date, a list for an enum, a text area for long text), required ones
 * marked. Labels come from the property's `title`, else from the entity's
 * field it speaks of, else from its name; option labels likewise. A
 * property no box can ask for is left out (the server then says what is
 * missing).
 *
 * @example
 * eventFields(lose.data, opportunity, ctx); // [{ name: "reason", widget: "textarea", required: true, … }, { name: "competitor", … }]
 */
export function eventFields(schema: JsonSchema | undefined, entity: EntityDef, ctx: LabelContext): EventField[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).flatMap(([name, property]): EventField[] => {
    const listed = enumValues(property) ?? (property.items ? enumValues(property.items) : undefined);
    const widget = widgetOf(property, enumValues(property) !== undefined);
    if (!widget) return [];
    const field = relatedField(
      entity,
      name,
      listed?.map((v) => v.value),
    );
    const label = property.title ?? (field ? fieldLabel(field, ctx) : humanize(name));
    const options = listed?.map(({ value, title }) => {
      const option = field?.options?.find((o) => o.value === value);
      return { value, label: title ?? (option ? labelOf(option.label, ctx.locale, ctx.fallbacks) : humanize(value)) };
    });
    const minimum = property.minimum ?? property.exclusiveMinimum;
    return [
      {
        name,
        label,
        widget,
        required: required.has(name),
        ...(options ? { options } : {}),
        ...(minimum !== undefined ? { min: minimum } : {}),
        ...(property.maximum !== undefined ? { max: property.maximum } : {}),
        ...(property.maxLength !== undefined ? { maxLength: property.maxLength } : {}),
        ...(widget === "number" ? { step: property.type === "integer" ? "1" : "any" } : {}),
      },
    ];
  });
}

/**
 * An event's data from its form: the boxes filled in, typed as the schema
 * wants them; empty boxes are left out.
 *
 * @example
 * eventData(fields, { reason: ["Budget cut"], competitor: [""] }, "Asia/Shanghai"); // { reason: "Budget cut" }
 */
export function eventData(fields: EventField[], raw: RawValues, zone: string): Record<string, unknown> {
  const { input } = inputOf(fields, raw, zone);
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
}
