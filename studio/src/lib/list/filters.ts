import { labelOf, type MessageKey } from "../i18n";
import { displayValue, type DisplayContext } from "../definition/display";
import { fieldOf, listedSystemFields, type ResolvedField, valueType } from "../definition/fields";
import type { EntityDef, FieldType, FilterOp } from "../types";
import { fieldLabel } from "./columns";
import { type FilterParam, reservedParams } from "./query";

const textOps: FilterOp[] = ["contains", "eq", "ne", "empty", "not_empty"];
const numberOps: FilterOp[] = ["eq", "ne", "gt", "gte", "lt", "lte", "empty", "not_empty"];
const presence: FilterOp[] = ["empty", "not_empty"];
const numericTypes = new Set<FieldType>(["number", "money", "percent"]);

const opsByType: Record<FieldType, FilterOp[]> = {
  text: textOps,
  long_text: ["contains", "empty", "not_empty"],
  email: textOps,
  phone: textOps,
  url: textOps,
  number: numberOps,
  money: numberOps,
  percent: numberOps,
  date: ["eq", "gte", "lte", "empty", "not_empty"],
  datetime: ["gte", "lt", "empty", "not_empty"],
  boolean: ["eq"],
  enum: ["eq", "ne", "in", "not_in", "empty", "not_empty"],
  multi_enum: ["contains", "empty", "not_empty"],
  user: ["eq", "ne", "empty", "not_empty"],
  reference: presence,
  attachment: presence,
  computed: presence,
};

/**
 * The conditions a field can be filtered by, as the API's list takes them.
 *
 * @example
 * operatorsFor({ name: "amount", type: "money", label: {} }); // ["eq", "ne", "gt", "gte", "lt", "lte", "empty", "not_empty"]
 */
export function operatorsFor(field: ResolvedField): FilterOp[] {
  if (field.type === "user" && field.multiple) return ["contains", "empty", "not_empty"];
  return opsByType[valueType(field)];
}

/** A condition's words: dates read "on or after", other values "at least". */
export function operatorKey(op: string, type: FieldType): MessageKey {
  const dated = type === "date" || type === "datetime";
  return (dated && ["gt", "gte", "lt", "lte"].includes(op) ? `op.date.${op}` : `op.${op}`) as MessageKey;
}

/** How the value of a condition is entered. */
export type ValueInput = "none" | "text" | "number" | "date" | "select" | "multiselect";

/** A field offered in the add-filter form: its conditions, and its choices where it has them. */
export interface FilterField {
  name: string;
  label: string;
  type: FieldType;
  ops: Array<{ op: FilterOp; label: string; input: ValueInput }>;
  choices: Array<{ value: string; label: string }>;
}

function inputFor(op: FilterOp, type: FieldType): ValueInput {
  if (op === "empty" || op === "not_empty") return "none";
  if (op === "in" || op === "not_in") return "multiselect";
  if (type === "enum" || type === "multi_enum" || type === "boolean" || type === "user") return "select";
  if (type === "number" || type === "money" || type === "percent") return "number";
  if (type === "date" || type === "datetime") return "date";
  return "text";
}

/** The people of the workspace for a choice of user, the signed-in user first, as "me". */
export interface PeopleChoices {
  me: string;
  people: Array<{ id: string; name: string }>;
}

/**
 * The fields a user may filter a list by (every readable field and the
 * owner, creator and change times), each with its conditions and choices.
 *
 * @example
 * filterFields(customer, ctx, people).find((f) => f.name === "region")?.choices[0]; // { value: "north", label: "North China" }
 */
export function filterFields(
  entity: EntityDef,
  ctx: Pick<DisplayContext, "locale" | "fallbacks" | "t">,
  people: PeopleChoices,
): FilterField[] {
  const names = [...entity.fields.map((f) => f.name), ...listedSystemFields];
  // One list of people for every field of a user (owner, creator, last changed by): the page's
  // data carries it once, however many such fields there are.
  const personChoices = [
    { value: people.me, label: ctx.t("value.me") },
    ...people.people.filter((p) => p.id !== people.me).map((p) => ({ value: p.id, label: p.name })),
  ];
  return names.map((name) => {
    const field = fieldOf(entity, name)!;
    const type = valueType(field);
    const choices =
      type === "boolean"
        ? [
            { value: "true", label: ctx.t("value.yes") },
            { value: "false", label: ctx.t("value.no") },
          ]
        : type === "user"
          ? personChoices
          : (field.options ?? []).map((o) => ({ value: o.value, label: labelOf(o.label, ctx.locale, ctx.fallbacks) }));
    return {
      name,
      label: fieldLabel(field, ctx),
      type,
      ops: operatorsFor(field).map((op) => ({ op, label: ctx.t(operatorKey(op, type)), input: inputFor(op, type) })),
      choices,
    };
  });
}

/** A filter as a chip shows it: "Sales region is any of East China, North China". */
export interface FilterChip extends FilterParam {
  text: string;
}

/**
 * Describes the filters of a list's address in words; a filter on a field
 * the user cannot see is shown by its name.
 *
 * @example
 * filterChips(customer, [{ key: "region", field: "region", op: "eq", value: "east" }], ctx)[0].text; // "Sales region is East China"
 */
export function filterChips(entity: EntityDef, filters: FilterParam[], ctx: DisplayContext): FilterChip[] {
  return filters.map((filter) => {
    const field = fieldOf(entity, filter.field);
    if (!field) return { ...filter, text: `${filter.field} ${filter.op} ${filter.value}` };
    const type = valueType(field);
    const label = fieldLabel(field, ctx);
    if (filter.op === "empty" || filter.op === "not_empty") {
      const negated = filter.value === "false";
      const op = (filter.op === "empty") !== negated ? "op.empty" : "op.not_empty";
      return { ...filter, text: `${label} ${ctx.t(op)}` };
    }
    // One value of the field, however many the field holds.
    const single = { ...field, type: type === "multi_enum" ? ("enum" as const) : type, multiple: false };
    const values = filter.op === "in" || filter.op === "not_in" ? filter.value.split(",") : [filter.value];
    const shown = values.map((value) => {
      const typed = numericTypes.has(type) ? Number(value) : type === "boolean" ? value === "true" : value;
      return displayValue(single, typed, ctx).text || value;
    });
    return { ...filter, text: `${label} ${ctx.t(operatorKey(filter.op, type))} ${shown.join(", ")}` };
  });
}

/**
 * The list's address once the add-filter form's choice is added: the
 * condition as `field.op=value`, back on the first page. A field or
 * condition the form does not offer is ignored.
 *
 * @example
 * addFilterHref(new URL("http://x/customer?add_field=region&add_op=in&add_value=east&add_value=north"), fields);
 * // "/customer?region.in=east%2Cnorth"
 */
export function addFilterHref(url: URL, fields: FilterField[]): string {
  const params = new URLSearchParams(url.searchParams);
  const field = fields.find((f) => f.name === params.get("add_field"));
  const op = field?.ops.find((o) => o.op === params.get("add_op"));
  const values = params
    .getAll("add_value")
    .map((v) => v.trim())
    .filter(Boolean);
  for (const name of ["add_field", "add_op", "add_value", "cursor", "trail"]) params.delete(name);
  if (field && op && !reservedParams.has(field.name)) {
    if (op.input === "none") params.set(`${field.name}.${op.op}`, "true");
    else if (values.length > 0) params.set(`${field.name}.${op.op}`, values.join(","));
  }
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}
