import type { Operand, Predicate } from "../expressions/index.ts";

function valueOf(operand: Operand, record: Record<string, unknown>): unknown {
  return operand.kind === "column" ? (record[operand.name] ?? null) : operand.value;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Evaluates a predicate on a record in memory, with SQL's meaning: a
 * comparison with an empty value is not true. Used for records not yet
 * stored (a create) and to explain decisions.
 *
 * @example
 * matchesRecord({ kind: "compare", op: "=", left: { kind: "column", name: "owner" }, right: { kind: "value", value: "u1" } }, { owner: "u1" }); // true
 */
export function matchesRecord(predicate: Predicate, record: Record<string, unknown>): boolean {
  switch (predicate.kind) {
    case "true":
      return true;
    case "false":
      return false;
    case "and":
      return predicate.items.every((p) => matchesRecord(p, record));
    case "or":
      return predicate.items.some((p) => matchesRecord(p, record));
    case "not":
      return !matchesRecord(predicate.item, record);
    case "is_null":
      return valueOf(predicate.operand, record) === null;
    case "in": {
      const left = valueOf(predicate.left, record);
      const list = valueOf(predicate.list, record);
      return left !== null && Array.isArray(list) && list.some((item) => compare(item, left) === 0);
    }
    case "compare": {
      const left = valueOf(predicate.left, record);
      const right = valueOf(predicate.right, record);
      if (left === null || right === null) return false;
      const order = compare(left, right);
      return {
        "=": order === 0,
        "<>": order !== 0,
        "<": order < 0,
        "<=": order <= 0,
        ">": order > 0,
        ">=": order >= 0,
      }[predicate.op];
    }
  }
}
