import type { Definition, Entity, Field } from "../definitions/index.ts";
import { isSystemField } from "../definitions/index.ts";
import { didYouMean } from "../definitions/suggest.ts";
import { EngineError } from "../errors.ts";
import { isWritable } from "./input-schema.ts";
import { entityOrThrow } from "./service.ts";

type ReferenceField = Extract<Field, { type: "reference" }>;

/** What one column of an import file holds. */
export type ColumnPlan =
  | { kind: "field"; name: string; field: Field }
  /** Matched by id, else by the `by` field of the referenced entity. */
  | { kind: "reference"; name: string; field: ReferenceField; target: Entity; by: Field }
  /** A user field or `owner`: user ids or usernames (`a;b` when several). */
  | { kind: "user"; name: string; multiple: boolean }
  | { kind: "id"; name: "id" }
  /**
   * A field that imports cannot write (computed, set by processes, a system
   * field), as in an exported file: a row may repeat the record's value, or
   * leave it empty, but not change it. `version` checks that the record has
   * not changed since the file was exported.
   */
  | { kind: "read_only"; name: string; field?: Field; reason: string };

/** How an import reads a file: its columns and the key that matches existing records. */
export interface ImportPlan {
  entity: Entity;
  columns: ColumnPlan[];
  /** The column of `--key`: its field (or `id`) and position. */
  key?: { index: number; name: string; field?: Field };
}

export interface ImportColumnsOptions {
  /** Update the records whose value of this field (or `id`) is in the file; create the others. */
  key?: string;
  /** For reference columns: the field of the referenced entity that cells hold (default: its title field). */
  refs?: Record<string, string>;
}

const matchable = new Set(["text", "long_text", "email", "phone", "url", "number", "money", "enum", "date"]);

function matchField(entity: Entity, name: string, what: string): Field {
  const field = entity.fields.find((f) => f.name === name);
  if (!field) {
    const names = entity.fields.map((f) => f.name);
    throw new EngineError("bad_request", `${what}: "${entity.name}" has no field "${name}"${didYouMean(name, names)}`);
  }
  if (!matchable.has(field.type)) {
    throw new EngineError("bad_request", `${what}: records cannot be matched on "${name}", a ${field.type} field`);
  }
  return field;
}

function columnPlan(entity: Entity, definition: Definition, name: string, options: ImportColumnsOptions) {
  if (name === "id") {
    return options.key === "id"
      ? ({ kind: "id", name } as const)
      : "holds record ids, which are set by the system; import with --key id to update records by id";
  }
  if (name === "owner") return { kind: "user", name, multiple: false } as const;
  if (isSystemField(name)) return { kind: "read_only", name, reason: `"${name}" is set by the system` } as const;
  const field = entity.fields.find((f) => f.name === name);
  if (!field)
    return `is not a field of ${entity.name}${didYouMean(
      name,
      entity.fields.map((f) => f.name),
    )}`;
  if (!isWritable(field)) {
    const reason = `"${name}" is ${field.type === "computed" ? "computed" : "set by processes"} and cannot be imported`;
    return { kind: "read_only", name, field, reason } as const;
  }
  if (field.type === "user") return { kind: "user", name, multiple: field.multiple === true } as const;
  if (field.type !== "reference") return { kind: "field", name, field } as const;
  const target = entityOrThrow(definition, field.entity);
  const by = matchField(target, options.refs?.[name] ?? target.titleField, `--ref ${name}`);
  return { kind: "reference", name, field, target, by } as const;
}

/**
 * Reads an import file's header row: every column must be a field of the
 * entity (or a system field; `id` only with `--key id`), named once; the key
 * and the `--ref` options must name fields that exist. Problems with the
 * header are reported all at once, as line 1 of the file.
 *
 * @example
 * const plan = planImportColumns(definition, "contact", ["name", "customer"], { refs: { customer: "customer_no" } });
 * plan.columns[1]; // { kind: "reference", name: "customer", target: customer, by: customer_no field, … }
 */
export function planImportColumns(
  definition: Definition,
  entityName: string,
  header: string[],
  options: ImportColumnsOptions = {},
): ImportPlan {
  const entity = entityOrThrow(definition, entityName);
  if (options.key && options.key !== "id") matchField(entity, options.key, "--key");
  for (const column of Object.keys(options.refs ?? {})) {
    const field = entity.fields.find((f) => f.name === column);
    if (field?.type !== "reference")
      throw new EngineError("bad_request", `--ref ${column}: "${column}" is not a reference field of ${entity.name}`);
    if (!header.includes(column))
      throw new EngineError("bad_request", `--ref ${column}: the file has no column "${column}"`);
  }
  const problems: Array<{ line: number; field: string; code: string; message: string }> = [];
  const problem = (field: string, code: string, message: string) => problems.push({ line: 1, field, code, message });
  const columns: ColumnPlan[] = [];
  header.forEach((name, index) => {
    if (name === "") return problem(`#${index + 1}`, "unnamed_column", `column ${index + 1} has no name`);
    if (header.indexOf(name) !== index) return problem(name, "duplicate_column", `"${name}" appears twice`);
    const plan = columnPlan(entity, definition, name, options);
    if (typeof plan === "string") problem(name, "unknown_column", `"${name}" ${plan}`);
    else columns.push(plan);
  });
  if (options.key && !header.includes(options.key)) {
    problem(options.key, "missing_key", `the file has no column "${options.key}" to match records on (--key)`);
  }
  if (!options.key) {
    for (const field of entity.fields) {
      const needed = field.required && isWritable(field) && !("default" in field && field.default !== undefined);
      if (needed && !("defaultExpression" in field && field.defaultExpression) && !header.includes(field.name))
        problem(
          field.name,
          "missing_column",
          `the file has no column "${field.name}", which every ${entity.name} needs`,
        );
    }
  }
  if (problems.length > 0) {
    throw new EngineError(
      "import_failed",
      `the header row of the file has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}: ${problems.map((p) => p.message).join("; ")}`,
      { problems },
    );
  }
  const index = options.key ? header.indexOf(options.key) : -1;
  const field = entity.fields.find((f) => f.name === options.key);
  return {
    entity,
    columns,
    ...(options.key ? { key: { index, name: options.key, ...(field ? { field } : {}) } } : {}),
  };
}
