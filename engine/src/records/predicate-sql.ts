import type postgres from "postgres";
import type { Entity } from "../definitions/index.ts";
import type { Operand, Predicate } from "../expressions/index.ts";
import { fieldTypeOf } from "./list-query.ts";

/** The PostgreSQL array type of a field's values, so that `= any($1)` compares like with like (and uses indexes). */
export function arrayCast(entity: Entity, column: string): string {
  switch (fieldTypeOf(entity, column)) {
    case "reference":
    case "user":
      return "uuid[]";
    case "number":
    case "money":
    case "percent":
      return "numeric[]";
    case "boolean":
      return "boolean[]";
    case "date":
      return "date[]";
    case "datetime":
      return "timestamptz[]";
    default:
      return "text[]";
  }
}

/**
 * Renders a predicate of the permissions layer as a SQL condition on an
 * entity's table, every value a parameter.
 *
 * @example
 * predicateSql(sql, customer, { kind: "in", left: { kind: "column", name: "owner" }, list: { kind: "value", value: ids } });
 * // "owner" = any($1::uuid[])
 */
export function predicateSql(
  sql: postgres.Sql,
  entity: Entity,
  predicate: Predicate,
): postgres.PendingQuery<postgres.Row[]> {
  const operand = (o: Operand) => (o.kind === "column" ? sql(o.name) : sql`${o.value as string}`);
  switch (predicate.kind) {
    case "true":
      return sql`true`;
    case "false":
      return sql`false`;
    case "and":
    case "or": {
      const joiner = sql.unsafe(predicate.kind);
      return sql`(${predicate.items.map((p) => predicateSql(sql, entity, p)).reduce((a, b) => sql`${a} ${joiner} ${b}`)})`;
    }
    case "not":
      return sql`not coalesce(${predicateSql(sql, entity, predicate.item)}, false)`;
    case "is_null":
      return sql`${operand(predicate.operand)} is null`;
    case "compare":
      return sql`${operand(predicate.left)} ${sql.unsafe(predicate.op)} ${operand(predicate.right)}`;
    case "in": {
      const { left, list } = predicate;
      if (list.kind === "column") return sql`${operand(left)} = any(${sql(list.name)})`;
      const cast = left.kind === "column" ? arrayCast(entity, left.name) : "text[]";
      return sql`${operand(left)} = any(${list.value as unknown[] as string[]}::${sql.unsafe(cast)})`;
    }
  }
}
