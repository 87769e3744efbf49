import type postgres from "postgres";
import { EngineError } from "../errors.ts";
import type { Guard } from "./guard.ts";
import { fieldTypeOf, type ListQuery } from "./list-query.ts";
import { assertReadable, listConditions } from "./read.ts";
import type { WorkspaceContext } from "./service.ts";

export type StatsInterval = "day" | "week" | "month";

/** One grouping of counts: a field, and for dates an interval (`occurred_at:day`). */
export interface StatsGroup {
  field: string;
  interval?: StatsInterval;
}

/** What to count: groups, the list's filters and search, and optionally only owners placed in a unit's subtree. */
export interface StatsRequest {
  groups: StatsGroup[];
  query?: Pick<ListQuery, "filters" | "search">;
  /** An org unit's code: only records owned by people placed in it or below it. */
  unit?: string;
}

/** Counts by group: one row per combination of values, `count` the records in it. */
export interface Stats {
  groups: string[];
  rows: Array<Record<string, unknown> & { count: number }>;
  /** All records counted (within scope and filters). */
  total: number;
  /** Usernames of the users the rows name (owners and user fields). */
  users: Record<string, string>;
  /** More groups than `maxGroups` exist: the rows are the first ones. */
  truncated?: boolean;
}

const intervals = new Set<string>(["day", "week", "month"]);
const ungroupable = new Set<string>(["multi_enum", "attachment", "long_text"]);
const maxGroups = 5000;

/**
 * Reads `group` parameters: `owner`, `kind`, `occurred_at:day` (day, week or month).
 *
 * @example
 * statsGroupsOf(["owner", "occurred_at:day"]); // [{ field: "owner" }, { field: "occurred_at", interval: "day" }]
 */
export function statsGroupsOf(values: string[]): StatsGroup[] {
  return values.map((value) => {
    const [field = "", interval, extra] = value.split(":");
    if (extra !== undefined || (interval !== undefined && !intervals.has(interval)))
      throw new EngineError("bad_request", `"${value}" is not a grouping: use <field> or <date field>:day|week|month`);
    return interval ? { field, interval: interval as StatsInterval } : { field };
  });
}

function groupSql(sql: postgres.Sql, guard: Guard, group: StatsGroup, timezone: string) {
  assertReadable(guard, group.field);
  const type = fieldTypeOf(guard.entity, group.field);
  const column = sql(group.field);
  if (ungroupable.has(type)) throw new EngineError("bad_request", `cannot group by "${group.field}" (${type})`);
  if (type === "datetime") {
    if (!group.interval)
      throw new EngineError(
        "bad_request",
        `group "${group.field}" by an interval: ${group.field}:day, :week or :month`,
      );
    return sql`to_char(date_trunc(${group.interval}, ${column} at time zone ${timezone}), 'YYYY-MM-DD')`;
  }
  if (type === "date")
    return group.interval
      ? sql`to_char(date_trunc(${group.interval}, ${column}::timestamp), 'YYYY-MM-DD')`
      : sql`to_char(${column}, 'YYYY-MM-DD')`;
  if (group.interval)
    throw new EngineError("bad_request", `"${group.field}" is not a date: it has no ${group.interval}`);
  return type === "number" || type === "money" || type === "percent" ? sql`${column}::float8` : column;
}

/** The materialized path of a unit (a query parameter's unit: unknown is a bad request). */
async function unitPathOrThrow(sql: postgres.Sql, workspaceId: string, code: string): Promise<string> {
  const [found] = await sql<[{ path: string }?]>`select path from temper.org_units
    where workspace_id = ${workspaceId} and code = ${code}`;
  if (!found) throw new EngineError("bad_request", `no org unit "${code}"`);
  return found.path;
}

/**
 * Counts an entity's records by groups (a person, a day…) in SQL, within
 * the actor's read scope and the list's filters. Grouping or filtering by a
 * field the actor may not read is refused as if it did not exist. Dates are
 * cut into days in the app's time zone. The manager's "employee supervision"
 * view: activities per person and day.
 *
 * @example
 * await recordStats(sql, context, guard, {
 *   groups: [{ field: "owner" }, { field: "occurred_at", interval: "day" }],
 *   query: { filters: [{ field: "occurred_at", op: "gte", value: "2026-11-01" }] },
 * }); // { rows: [{ owner: "…", occurred_at: "2026-11-02", count: 3 }, …], total: 17, … }
 */
export async function recordStats(
  sql: postgres.Sql,
  context: WorkspaceContext,
  guard: Guard,
  request: StatsRequest,
): Promise<Stats> {
  const entity = guard.entity;
  const fields = request.groups.map((g) => g.field);
  if (new Set(fields).size !== fields.length) throw new EngineError("bad_request", "group by each field once");
  if (fields.length > 3) throw new EngineError("bad_request", "group by at most 3 fields");
  const timezone = context.definition.app.timezone ?? "UTC";
  const expressions = request.groups.map((g) => groupSql(sql, guard, g, timezone));
  let where = listConditions(sql, guard, request.query ?? {}, [], []);
  if (request.unit !== undefined) {
    // A fragment is a thenable: it is built here, never returned from an async function (that would run it).
    const path = await unitPathOrThrow(sql, context.workspaceId, request.unit);
    where = sql`${where} and owner in (select u.id from temper.users u join temper.org_units ou on ou.id = u.org_unit_id
      where u.workspace_id = ${context.workspaceId} and ou.workspace_id = ${context.workspaceId} and ou.path like ${`${path}%`})`;
  }
  const table = sql`${sql(context.schema)}.${sql(entity.name)}`;
  const selected = expressions.map((e, i) => sql`${e} as ${sql(`g${i}`)}`);
  const positions = sql.unsafe(expressions.map((_, i) => String(i + 1)).join(", "));
  const statement =
    expressions.length === 0
      ? sql`select count(*)::int as n, count(*)::int as total from ${table} where ${where}`
      : sql`select ${selected.reduce((a, b) => sql`${a}, ${b}`)}, count(*)::int as n, (sum(count(*)) over ())::int as total
          from ${table} where ${where} group by ${positions} order by ${positions} limit ${maxGroups + 1}`;
  const [, rows] = await sql.begin((tx) => [tx`set local statement_timeout = '10s'`, tx`${statement}`]);
  const page = rows.slice(0, maxGroups);
  const result: Stats = {
    groups: request.groups.map((g) => (g.interval ? `${g.field}:${g.interval}` : g.field)),
    rows: page.map((row) => ({
      ...Object.fromEntries(fields.map((f, i) => [f, row[`g${i}`] ?? null])),
      count: row.n as number,
    })),
    total: (rows[0]?.total as number | undefined) ?? 0,
    users: {},
  };
  if (rows.length > maxGroups) result.truncated = true;
  const userFields = fields.filter((f) => fieldTypeOf(entity, f) === "user");
  const ids = page.flatMap((row) => userFields.map((f) => row[`g${fields.indexOf(f)}`]));
  const named = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (named.length > 0) {
    const people = await sql<Array<{ id: string; username: string }>>`select id, username from temper.users
      where workspace_id = ${context.workspaceId} and id = any(${named}::uuid[])`;
    result.users = Object.fromEntries(people.map((p) => [p.id, p.username]));
  }
  return result;
}
