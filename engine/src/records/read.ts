import type postgres from "postgres";
import { type Entity, isSystemField } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Guard } from "./guard.ts";
import {
  afterCursorSql,
  decodeCursor,
  encodeCursor,
  fieldTypeOf,
  filterSql,
  type ListQuery,
  sortKeys,
} from "./list-query.ts";
import { predicateSql } from "./predicate-sql.ts";
import { withStatementTimeout } from "./statement-timeout.ts";
import { recordFromRow, type RecordData } from "./values.ts";

export interface RecordPage {
  records: RecordData[];
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Refuses a field the actor may not read exactly like one that does not exist: its existence is not revealed. */
export function assertReadable(guard: Guard, field: string): void {
  if (!guard.readable(field)) {
    throw new EngineError("bad_request", `"${guard.entity.name}" has no field "${field}"`, {
      problems: [{ field, code: "unknown_field", message: `no field "${field}"` }],
    });
  }
}

/**
 * The WHERE clause of a list: the actor's read scope, the filters, the text
 * search on the title, and the keyset position after the cursor.
 */
export function listConditions(
  sql: postgres.Sql,
  guard: Guard,
  query: ListQuery,
  keys: ReturnType<typeof sortKeys>,
  exact: string[],
) {
  const entity = guard.entity;
  const conditions = [predicateSql(sql, entity, guard.predicate("read"))];
  for (const filter of query.filters ?? []) {
    assertReadable(guard, filter.field);
    conditions.push(filterSql(sql, entity, filter));
  }
  if (query.search !== undefined) {
    const term = query.search.trim();
    if (term.length < 2) throw new EngineError("bad_request", "search needs at least 2 characters");
    assertReadable(guard, entity.titleField);
    conditions.push(filterSql(sql, entity, { field: entity.titleField, op: "contains", value: term }));
  }
  if (query.cursor) {
    // Instants have microseconds, which a JS Date drops: the cursor keeps them as text, and so must the parameter.
    const values = decodeCursor(query.cursor, keys).map((v, i) =>
      v !== null && exact.includes(keys[i]!.field) ? sql`${String(v)}::text::timestamptz` : v,
    );
    conditions.push(sql`(${afterCursorSql(sql, keys, values)})`);
  }
  return conditions.reduce((a, b) => sql`${a} and ${b}`);
}

/**
 * Lists the records an actor may read: scope, filters, sort and search in
 * SQL, keyset pages, unreadable fields left out.
 *
 * @example
 * await listRecords(sql, table, guard, { filters: [{ field: "region", op: "eq", value: "east" }], limit: 50 });
 */
export async function listRecords(
  sql: postgres.Sql,
  table: postgres.PendingQuery<postgres.Row[]>,
  guard: Guard,
  query: ListQuery,
): Promise<RecordPage> {
  const entity = guard.entity;
  if (!guard.may("read")) {
    throw new EngineError("forbidden", `your roles may not read ${entity.pluralLabel.en ?? entity.name}`);
  }
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const keys = sortKeys(entity, query.sort);
  for (const key of keys) assertReadable(guard, key.field);
  const exact = keys.filter((k) => fieldTypeOf(entity, k.field) === "datetime").map((k) => k.field);
  const where = listConditions(sql, guard, query, keys, exact);
  // Empty values sort last; a column that cannot be empty sorts plainly, so that its indexes serve the order.
  const notNull = (name: string) =>
    isSystemField(name) || entity.fields.some((f) => f.name === name && f.required && f.type !== "computed");
  const order = keys
    .map(
      (k) =>
        sql`${sql(k.field)} ${sql.unsafe(k.direction === "asc" ? "asc" : notNull(k.field) ? "desc" : "desc nulls last")}`,
    )
    .reduce((a, b) => sql`${a}, ${b}`);
  const extra = exact.reduce((a, f) => sql`${a}, ${sql(f)}::text as ${sql(`cursor:${f}`)}`, sql``);
  // The two statements are pipelined: one round trip, not two.
  const found = await withStatementTimeout(
    sql,
    sql`select * ${extra} from ${table} where ${where} order by ${order} limit ${limit + 1}`,
    "10s",
  ).catch((error: { code?: string; message: string }) => {
    // A value PostgreSQL cannot take (an impossible date, a number out of range) is the request's fault.
    if (error.code?.startsWith("22")) {
      throw new EngineError(
        "bad_request",
        "a filter or cursor value cannot be used for its field (a day that does not exist, a number out of range, a cursor of another list)",
      );
    }
    throw error;
  });
  const rows = found;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor(keys.map((k) => last[`cursor:${k.field}`] ?? last[k.field] ?? null))
      : undefined;
  const records = page.map((row) => {
    for (const field of exact) delete row[`cursor:${field}`];
    return guard.strip(recordFromRow(entity, row));
  });
  return { records, ...(nextCursor ? { nextCursor } : {}) };
}

/** Reads one record within the actor's scope for an operation (undefined when outside it or absent), optionally locking it. */
export async function selectScoped(
  tx: postgres.Sql | postgres.TransactionSql,
  table: postgres.PendingQuery<postgres.Row[]>,
  guard: Guard,
  id: string,
  options: { lock?: boolean; operation?: "read" | "update" | "delete" } = {},
): Promise<RecordData | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const sql = tx as postgres.Sql;
  const scope = predicateSql(sql, guard.entity, guard.predicate(options.operation ?? "read"));
  const [row] = options.lock
    ? await sql`select * from ${table} where id = ${id} and ${scope} for update`
    : await sql`select * from ${table} where id = ${id} and ${scope}`;
  return row ? recordFromRow(guard.entity, row) : undefined;
}

export type { Entity };
