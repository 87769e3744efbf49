/**
 * A condition on records, independent of any SQL driver: the permissions
 * layer decides, the records layer renders it into its query. Every value is
 * a parameter; columns are names checked against the entity.
 */
export type Operand = { kind: "column"; name: string } | { kind: "value"; value: unknown };

export type Comparison = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Predicate =
  | { kind: "true" }
  | { kind: "false" }
  | { kind: "and"; items: Predicate[] }
  | { kind: "or"; items: Predicate[] }
  | { kind: "not"; item: Predicate }
  | { kind: "compare"; op: Comparison; left: Operand; right: Operand }
  /** `left` is one of the values of `list` (a column, or a list value). */
  | { kind: "in"; left: Operand; list: Operand }
  | { kind: "is_null"; operand: Operand };

export const always: Predicate = { kind: "true" };
export const never: Predicate = { kind: "false" };

/**
 * Joins predicates with AND, simplifying constants away.
 *
 * @example
 * and([always, ownerIs("u1")]); // ownerIs("u1")
 */
export function and(items: Predicate[]): Predicate {
  if (items.some((p) => p.kind === "false")) return never;
  const rest = items.filter((p) => p.kind !== "true");
  return rest.length === 0 ? always : rest.length === 1 ? rest[0]! : { kind: "and", items: rest };
}

/**
 * Joins predicates with OR, simplifying constants away.
 *
 * @example
 * or([never, ownerIs("u1")]); // ownerIs("u1")
 */
export function or(items: Predicate[]): Predicate {
  if (items.some((p) => p.kind === "true")) return always;
  const rest = items.filter((p) => p.kind !== "false");
  return rest.length === 0 ? never : rest.length === 1 ? rest[0]! : { kind: "or", items: rest };
}

/** `column = value`. */
export function columnIs(column: string, value: unknown): Predicate {
  return { kind: "compare", op: "=", left: { kind: "column", name: column }, right: { kind: "value", value } };
}

/** `column` is one of `values`. */
export function columnIn(column: string, values: unknown[]): Predicate {
  return values.length === 0
    ? never
    : { kind: "in", left: { kind: "column", name: column }, list: { kind: "value", value: values } };
}
