import type { Entity, Field, Form, List, ViewsOfAnEntity } from "./generated/format.ts";

/** Field types that make a poor list column: long, many-valued or files. */
const wide = new Set<Field["type"]>(["long_text", "multi_enum", "attachment"]);

/** How many of an entity's own fields a generated list shows besides its title. */
const generatedColumns = 5;

/**
 * The list an entity gets when its views declare none: the title, the first
 * few short fields, the owner and the last change, newest first.
 *
 * @example
 * defaultList(customer).columns; // ["name", "customer_no", "parent", "industry", "size", "segment", "owner", "updated_at"]
 */
export function defaultList(entity: Entity): List {
  const others = entity.fields
    .filter((f) => f.name !== entity.titleField && !wide.has(f.type))
    .slice(0, generatedColumns)
    .map((f) => f.name);
  return {
    name: "all",
    label: entity.pluralLabel,
    columns: [entity.titleField, ...others, "owner", "updated_at"],
    sort: [{ field: "updated_at", direction: "desc" }],
  };
}

/**
 * The form an entity gets when its views declare none: every field in
 * declaration order, in one two-column section, long text at full width.
 *
 * @example
 * defaultForm(customer).sections[0].fields[0]; // "name"
 */
export function defaultForm(entity: Entity): Form {
  const [first, ...rest] = entity.fields.map((f) =>
    f.type === "long_text" ? { field: f.name, width: "full" as const } : f.name,
  );
  return {
    name: "main",
    label: entity.label,
    sections: [{ name: "main", label: entity.label, columns: 2, fields: [first!, ...rest] }],
  };
}

/**
 * An entity's views with generated defaults where its views file (if any)
 * declares no list or no form. Boards are never generated: a board needs a
 * process to take its columns from.
 *
 * @example
 * viewsWithDefaults(ticket, undefined); // { entity: "ticket", lists: [defaultList(ticket)], forms: [defaultForm(ticket)], boards: [] }
 */
export function viewsWithDefaults(
  entity: Entity,
  views: ViewsOfAnEntity | undefined,
): Required<Omit<ViewsOfAnEntity, "$schema">> {
  return {
    entity: entity.name,
    lists: views?.lists?.length ? views.lists : [defaultList(entity)],
    forms: views?.forms?.length ? views.forms : [defaultForm(entity)],
    boards: views?.boards ?? [],
  };
}
