import { labelOf, type Translate } from "../i18n";
import { fieldOf, type ResolvedField, valueType } from "../definition/fields";
import type { EntityDef, FieldType, ListView, SortKey } from "../types";

/** A column of a list as the table shows it. */
export interface Column {
  name: string;
  label: string;
  type: FieldType;
  /** Whether clicking its header sorts by it: not for ids of people and records, nor many-valued fields. */
  sortable: boolean;
  /** Numbers are aligned right. */
  numeric: boolean;
}

/** What a label needs: the locale, the app's locales to fall back on, and the studio's strings. */
export interface LabelContext {
  locale: string;
  fallbacks: string[];
  t: Translate;
}

const unsortable = new Set<FieldType>(["multi_enum", "attachment", "reference", "user", "long_text"]);
const numeric = new Set<FieldType>(["number", "money", "percent"]);

/**
 * A field's label in the user's locale; system fields take the studio's own.
 *
 * @example
 * fieldLabel(fieldOf(customer, "owner")!, ctx); // "Owner"
 */
export function fieldLabel(field: ResolvedField, ctx: LabelContext): string {
  return field.system ? ctx.t(field.system) : labelOf(field.label, ctx.locale, ctx.fallbacks) || field.name;
}

/**
 * The list view a request names, or the entity's first list.
 *
 * @example
 * pickView(customer, "my_customers").name; // "my_customers"
 */
export function pickView(entity: EntityDef, name: string | null): ListView {
  return entity.views.lists.find((l) => l.name === name) ?? entity.views.lists[0]!;
}

/**
 * The columns of a list view, labelled in the user's locale; a column the
 * user may not read (absent from the entity they see) is left out.
 *
 * @example
 * listColumns(customer, view, ctx).map((c) => c.label); // ["Company name", "Sales region", …]
 */
export function listColumns(entity: EntityDef, view: ListView, ctx: LabelContext): Column[] {
  return view.columns.flatMap((name) => {
    const field = fieldOf(entity, name);
    if (!field) return [];
    const type = valueType(field);
    return [
      {
        name,
        label: fieldLabel(field, ctx),
        type,
        sortable: !unsortable.has(type) && !field.multiple,
        numeric: numeric.has(type),
      },
    ];
  });
}

/** Reads `-amount,name` into sort keys. */
export function parseSort(value: string | null): SortKey[] | undefined {
  if (value === null) return undefined;
  return value
    .split(",")
    .filter(Boolean)
    .map((s) => (s.startsWith("-") ? { field: s.slice(1), direction: "desc" } : { field: s, direction: "asc" }));
}

/** Writes sort keys as `-amount,name`. */
export function sortParam(keys: SortKey[]): string {
  return keys.map((k) => `${k.direction === "desc" ? "-" : ""}${k.field}`).join(",");
}

/**
 * The sort a list is in: the one the user clicked (`sort` in the address), else the view's.
 *
 * @example
 * currentSort(new URLSearchParams("sort=-name"), view); // [{ field: "name", direction: "desc" }]
 */
export function currentSort(params: URLSearchParams, view: ListView): SortKey[] {
  return parseSort(params.get("sort")) ?? view.sort ?? [];
}

/**
 * The `sort` a click on a column header asks for: ascending first, then
 * descending, then back to the view's own order (`null`: no `sort` at all).
 *
 * @example
 * nextSort([{ field: "name", direction: "asc" }], "name"); // "-name"
 */
export function nextSort(current: SortKey[], column: string): string | null {
  const [first] = current;
  if (first?.field !== column) return column;
  return (first.direction ?? "asc") === "asc" ? `-${column}` : null;
}
