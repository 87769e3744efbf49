import type postgres from "postgres";
import { type Entity, type Field, systemFields } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";

/** One condition of a list: `{ field: "amount", op: "gte", value: 1000 }`. */
export interface ListFilter {
  field: string;
  op: "eq" | "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "not_in" | "contains" | "empty" | "not_empty";
  value?: unknown;
}

export interface SortKey {
  field: string;
  direction: "asc" | "desc";
}

/** What a list asks for. */
export interface ListQuery {
  filters?: ListFilter[];
  sort?: SortKey[];
  /** Up to 200 records; 50 by default. */
  limit?: number;
  /** The opaque cursor of the previous page's last record. */
  cursor?: string;
  /** Text to find in the title field (at least 2 characters). */
  search?: string;
}

type FieldType = Field["type"] | "computed";

/** The type of a field or system field, as far as filtering and sorting care. */
export function fieldTypeOf(entity: Entity, name: string): FieldType {
  const field = entity.fields.find((f) => f.name === name);
  if (field) return field.type === "computed" ? (field.resultType as FieldType) : field.type;
  const system = (systemFields as Record<string, FieldType | undefined>)[name];
  if (system) return system;
  throw new EngineError("bad_request", `"${entity.name}" has no field "${name}"`, {
    problems: [{ field: name, code: "unknown_field", message: `no field "${name}"` }],
  });
}

const unsortable = new Set<FieldType>(["multi_enum", "attachment"]);

function coerce(type: FieldType, value: unknown, field: string): unknown {
  if (value === null) return null;
  if (typeof value === "string" && value.includes("\u0000")) {
    throw new EngineError("bad_request", `the value for "${field}" holds a NUL character`);
  }
  const fail = () => {
    throw new EngineError("bad_request", `${JSON.stringify(value)} is not a valid value for "${field}"`, {
      problems: [{ field, code: "type", message: `not a valid ${type}` }],
    });
  };
  if (type === "number" || type === "money" || type === "percent") {
    const n = typeof value === "number" ? value : Number(value);
    return Number.isFinite(n) ? n : fail();
  }
  if (type === "boolean")
    return value === true || value === "true" ? true : value === false || value === "false" ? false : fail();
  if (type === "date" || type === "datetime") return Number.isNaN(Date.parse(String(value))) ? fail() : String(value);
  if (type === "reference" || type === "user") {
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(value))
      ? String(value)
      : fail();
  }
  return String(value);
}

const comparisons = { eq: "=", ne: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

/**
 * Builds the SQL condition of one filter, every value a parameter.
 *
 * @example
 * filterSql(sql, customer, { field: "industry", op: "in", value: ["energy", "mining"] }); // "industry" = any($1)
 */
export function filterSql(
  sql: postgres.Sql,
  entity: Entity,
  filter: ListFilter,
): postgres.PendingQuery<postgres.Row[]> {
  const type = fieldTypeOf(entity, filter.field);
  const column = sql(filter.field);
  switch (filter.op) {
    case "empty":
      return type === "multi_enum" || (type === "user" && Array.isArray(filter.value))
        ? sql`(${column} is null or cardinality(${column}) = 0)`
        : sql`${column} is null`;
    case "not_empty":
      return sql`${column} is not null`;
    case "in":
    case "not_in": {
      const values = (Array.isArray(filter.value) ? filter.value : String(filter.value ?? "").split(",")).map((v) =>
        coerce(type, v, filter.field),
      );
      if (values.length === 0)
        throw new EngineError("bad_request", `"${filter.op}" on "${filter.field}" needs at least one value`);
      return filter.op === "in"
        ? sql`${column} = any(${values as string[]})`
        : sql`not (${column} = any(${values as string[]}))`;
    }
    case "contains": {
      if (type === "multi_enum") return sql`${coerce("text", filter.value, filter.field) as string} = any(${column})`;
      const many = entity.fields.find((f) => f.name === filter.field);
      if (many?.type === "user" && many.multiple) {
        return sql`${coerce("user", filter.value, filter.field) as string}::uuid = any(${column})`;
      }
      if (!["text", "long_text", "email", "phone", "url", "enum"].includes(type)) {
        throw new EngineError(
          "bad_request",
          `"contains" works on text and multi-value fields, and "${filter.field}" is ${type}`,
        );
      }
      const escaped = String(coerce("text", filter.value ?? "", filter.field)).replace(/[\\%_]/g, (c) => `\\${c}`);
      return sql`${column} ilike ${`%${escaped}%`}`;
    }
    default: {
      const operator = comparisons[filter.op];
      if (!operator) throw new EngineError("bad_request", `unknown filter operator "${String(filter.op)}"`);
      if (type === "multi_enum" || type === "attachment")
        throw new EngineError(
          "bad_request",
          `"${filter.field}" can be filtered with contains, empty and not_empty only`,
        );
      const value = coerce(type, filter.value, filter.field);
      if (value === null) return filter.op === "ne" ? sql`${column} is not null` : sql`${column} is null`;
      return sql`${column} ${sql.unsafe(operator)} ${value as string}`;
    }
  }
}

/** Checks the sort keys and adds the id as the final tiebreaker. */
export function sortKeys(entity: Entity, sort: SortKey[] | undefined): SortKey[] {
  const keys = sort && sort.length > 0 ? sort : [{ field: "updated_at", direction: "desc" as const }];
  for (const key of keys) {
    if (unsortable.has(fieldTypeOf(entity, key.field)))
      throw new EngineError("bad_request", `cannot sort by "${key.field}"`);
  }
  return keys.some((k) => k.field === "id")
    ? keys
    : [...keys, { field: "id", direction: keys.at(-1)?.direction ?? "desc" }];
}

/** Encodes the sort values of a page's last record as an opaque cursor. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** Decodes a cursor, refusing one that does not fit the sort. */
export function decodeCursor(cursor: string, keys: SortKey[]): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(values) && values.length === keys.length) return values;
  } catch {
    // falls through to the error below
  }
  throw new EngineError("bad_request", "the cursor does not belong to this list; start again without it");
}

/**
 * The keyset condition "after the cursor" for sort keys in any directions,
 * with empty values sorted last: for keys k1..kn, the OR over i of
 * (k1..k(i-1) equal and ki beyond).
 */
export function afterCursorSql(
  sql: postgres.Sql,
  keys: SortKey[],
  values: unknown[],
): postgres.PendingQuery<postgres.Row[]> {
  const alternatives = keys.map((key, i) => {
    const equal = keys
      .slice(0, i)
      .map((k, j) =>
        values[j] === null ? sql`${sql(k.field)} is null` : sql`${sql(k.field)} = ${values[j] as string}`,
      );
    const value = values[i];
    const beyond =
      value === null
        ? sql`false`
        : key.direction === "asc"
          ? sql`(${sql(key.field)} > ${value as string} or ${sql(key.field)} is null)`
          : sql`(${sql(key.field)} < ${value as string} or ${sql(key.field)} is null)`;
    return [...equal, beyond].reduce((a, b) => sql`${a} and ${b}`);
  });
  return alternatives.reduce((a, b) => sql`${a} or ${b}`);
}

const reserved = new Set(["sort", "limit", "cursor", "q"]);
const operators = new Set(["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "empty", "not_empty"]);

/**
 * Reads the list query language (the API's query string, the CLI's --where): `?region=east&amount.gte=1000&industry.in=energy,mining&parent.empty=true&sort=-amount,name&limit=50&cursor=…&q=hanwha`.
 *
 * @example
 * listQueryOf(new URL("http://x/?amount.gte=5&sort=-amount").searchParams);
 * // { filters: [{ field: "amount", op: "gte", value: "5" }], sort: [{ field: "amount", direction: "desc" }] }
 */
export function listQueryOf(params: URLSearchParams): ListQuery {
  const filters: ListFilter[] = [];
  for (const [key, value] of params) {
    if (reserved.has(key)) continue;
    const dot = key.lastIndexOf(".");
    const [field, op] = dot > 0 ? [key.slice(0, dot), key.slice(dot + 1)] : [key, "eq"];
    if (!operators.has(op))
      throw new EngineError(
        "bad_request",
        `unknown filter operator "${op}" in "${key}"; use one of ${[...operators].join(", ")}`,
      );
    const filter: ListFilter = { field, op: op as ListFilter["op"] };
    if (op === "empty" || op === "not_empty") {
      if (value === "false") filter.op = op === "empty" ? "not_empty" : "empty";
    } else filter.value = value;
    filters.push(filter);
  }
  const sort: SortKey[] | undefined = params
    .get("sort")
    ?.split(",")
    .filter(Boolean)
    .map((s) => (s.startsWith("-") ? { field: s.slice(1), direction: "desc" } : { field: s, direction: "asc" }));
  const limit = params.get("limit");
  if (limit !== null && !/^\d+$/.test(limit))
    throw new EngineError("bad_request", `"limit" must be a whole number, not "${limit}"`);
  const query: ListQuery = { filters };
  if (sort) query.sort = sort;
  if (limit !== null) query.limit = Number(limit);
  const cursor = params.get("cursor");
  if (cursor) query.cursor = cursor;
  const search = params.get("q");
  if (search !== null) query.search = search;
  return query;
}
