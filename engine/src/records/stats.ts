import type postgres from "postgres";
import { EngineError } from "../errors.ts";
import type { Guard } from "./guard.ts";
import { withStatementTimeout } from "./statement-timeout.ts";
import { fieldTypeOf, type ListQuery } from "./list-query.ts";
import { assertReadable, listConditions } from "./read.ts";
import type { WorkspaceContext } from "./service.ts";
import { processGroupSql, type StatsProcess } from "./stats-process.ts";

export type { StatsProcess } from "./stats-process.ts";

type Fragment = postgres.PendingQuery<postgres.Row[]>;

export type StatsInterval = "day" | "week" | "month" | "quarter" | "year";

/**
 * One grouping of counts: a field, and for dates an interval
 * (`occurred_at:day`), or a process's states (`process:opportunity_pipeline`).
 */
export type StatsGroup = { field: string; interval?: StatsInterval; process?: undefined } | { process: string };

/** How rows summarize a number or date field per group. */
export type StatsAggregate = "sum" | "avg" | "min" | "max";

/**
 * What to count: groups, fields to sum, average, or take the smallest or
 * largest value of per group, the list's filters and search, and optionally
 * only owners placed in a unit's subtree.
 */
export interface StatsRequest {
  groups: StatsGroup[];
  /** Number, money or percent fields to sum per group: each row gets `sum_<field>`. */
  sums?: string[];
  /** Number, money or percent fields to average per group: `avg_<field>`. */
  averages?: string[];
  /** Number, money, percent, date or datetime fields: `min_<field>` per group. */
  minimums?: string[];
  /** Number, money, percent, date or datetime fields: `max_<field>` per group. */
  maximums?: string[];
  query?: Pick<ListQuery, "filters" | "search">;
  /** An org unit's code: only records owned by people placed in it or below it. */
  unit?: string;
}

/**
 * Counts by group: one row per combination of values, `count` the records
 * in it, `sum_<field>` (`avg_`, `min_`, `max_`) per summarized field. A
 * process's group is keyed by the process's name.
 */
export interface Stats {
  groups: string[];
  sums: string[];
  rows: Array<Record<string, unknown> & { count: number }>;
  /** All records counted (within scope and filters). */
  total: number;
  /** Usernames of the users the rows name (owners and user fields). */
  users: Record<string, string>;
  /** The processes grouped by, by name. */
  processes?: Record<string, StatsProcess>;
  /** More groups than `maxGroups` exist: the rows are the first ones. */
  truncated?: boolean;
}

const intervals = new Set<string>(["day", "week", "month", "quarter", "year"]);
const ungroupable = new Set<string>(["multi_enum", "attachment", "long_text"]);
const numeric = new Set<string>(["number", "money", "percent"]);
const ordered = new Set<string>([...numeric, "date", "datetime"]);

/** How far a count may go: at most `maxGroups` rows (5,000 by default), each statement within `timeout`. */
export interface StatsLimits {
  maxGroups?: number;
  /** A PostgreSQL interval (`"10s"` by default); not set inside a caller's transaction. */
  timeout?: string;
}

/**
 * Reads `group` parameters: `owner`, `kind`, `occurred_at:day` (day, week,
 * month, quarter or year), `process:<name>` (a process's states).
 *
 * @example
 * statsGroupsOf(["owner", "occurred_at:day"]); // [{ field: "owner" }, { field: "occurred_at", interval: "day" }]
 * statsGroupsOf(["process:opportunity_pipeline"]); // [{ process: "opportunity_pipeline" }]
 */
export function statsGroupsOf(values: string[]): StatsGroup[] {
  return values.map((value) => {
    const [field = "", second, extra] = value.split(":");
    if (field === "process" && second && extra === undefined && !intervals.has(second)) return { process: second };
    if (extra !== undefined || (second !== undefined && !intervals.has(second)))
      throw new EngineError(
        "bad_request",
        `"${value}" is not a grouping: use <field>, <date field>:day|week|month|quarter|year or process:<name>`,
      );
    return second ? { field, interval: second as StatsInterval } : { field };
  });
}

/** The name a group's values go by in the rows: the field, or the process. */
const keyOf = (group: StatsGroup) => (group.process !== undefined ? group.process : group.field);

function fieldGroupSql(
  sql: postgres.Sql,
  guard: Guard,
  group: { field: string; interval?: StatsInterval },
  timezone: string,
) {
  assertReadable(guard, group.field);
  const type = fieldTypeOf(guard.entity, group.field);
  const column = sql(group.field);
  if (ungroupable.has(type)) throw new EngineError("bad_request", `cannot group by "${group.field}" (${type})`);
  if (type === "datetime") {
    if (!group.interval)
      throw new EngineError(
        "bad_request",
        `group "${group.field}" by an interval: ${group.field}:day, :week, :month, :quarter or :year`,
      );
    return sql`to_char(date_trunc(${group.interval}, ${column} at time zone ${timezone}), 'YYYY-MM-DD')`;
  }
  if (type === "date")
    return group.interval
      ? sql`to_char(date_trunc(${group.interval}, ${column}::timestamp), 'YYYY-MM-DD')`
      : sql`to_char(${column}, 'YYYY-MM-DD')`;
  if (group.interval)
    throw new EngineError("bad_request", `"${group.field}" is not a date: it has no ${group.interval}`);
  return numeric.has(type) ? sql`${column}::float8` : column;
}

function aggregateSql(sql: postgres.Sql, guard: Guard, aggregate: StatsAggregate, field: string) {
  assertReadable(guard, field);
  const type = fieldTypeOf(guard.entity, field);
  const column = sql(field);
  if (aggregate === "sum" || aggregate === "avg") {
    const verb = aggregate === "sum" ? "sum" : "average";
    if (!numeric.has(type))
      throw new EngineError(
        "bad_request",
        `cannot ${verb} "${field}" (${type}): ${verb} number, money or percent fields`,
      );
    return aggregate === "sum" ? sql`coalesce(sum(${column}), 0)::float8` : sql`avg(${column})::float8`;
  }
  if (!ordered.has(type))
    throw new EngineError("bad_request", `cannot take the ${aggregate} of "${field}" (${type}): use numbers or dates`);
  const value = aggregate === "min" ? sql`min(${column})` : sql`max(${column})`;
  if (type === "date") return sql`to_char(${value}, 'YYYY-MM-DD')`;
  return type === "datetime" ? value : sql`${value}::float8`;
}

/** The materialized path of a unit (a query parameter's unit: unknown is a bad request). */
async function unitPathOrThrow(sql: postgres.Sql, workspaceId: string, code: string): Promise<string> {
  const [found] = await sql<[{ path: string }?]>`select path from temper.org_units
    where workspace_id = ${workspaceId} and code = ${code}`;
  if (!found) throw new EngineError("bad_request", `no org unit "${code}"`);
  return found.path;
}

function measuresOf(request: StatsRequest): Array<[StatsAggregate, string]> {
  const measures: Array<[StatsAggregate, string]> = [
    ...(request.sums ?? []).map((f): [StatsAggregate, string] => ["sum", f]),
    ...(request.averages ?? []).map((f): [StatsAggregate, string] => ["avg", f]),
    ...(request.minimums ?? []).map((f): [StatsAggregate, string] => ["min", f]),
    ...(request.maximums ?? []).map((f): [StatsAggregate, string] => ["max", f]),
  ];
  const keys = measures.map(([aggregate, field]) => `${aggregate}_${field}`);
  if (new Set(keys).size !== keys.length) throw new EngineError("bad_request", "sum, average or take each field once");
  if (measures.length > 10) throw new EngineError("bad_request", "summarize at most 10 fields");
  return measures;
}

/**
 * Counts an entity's records by groups (a person, a day, a process's
 * state…) in SQL, and sums, averages or takes the smallest or largest value
 * of fields per group, within the actor's read scope and the list's
 * filters. Grouping, summarizing or filtering by a field the actor may not
 * read is refused as if it did not exist. Dates are cut into days (weeks,
 * months, quarters, years) in the app's time zone; a process's states come
 * in the process's order. The manager's "employee supervision" view:
 * activities per person and day; the pipeline: amounts per stage.
 *
 * @example
 * await recordStats(sql, context, guard, {
 *   groups: [{ field: "owner" }, { field: "occurred_at", interval: "day" }],
 *   query: { filters: [{ field: "occurred_at", op: "gte", value: "2026-11-01" }] },
 * }); // { rows: [{ owner: "…", occurred_at: "2026-11-02", count: 3 }, …], total: 17, … }
 * await recordStats(sql, context, opportunities, { groups: [{ process: "opportunity_pipeline" }], sums: ["amount"] });
 * // { rows: [{ opportunity_pipeline: "prospecting", count: 4, sum_amount: 1250000 }, …], processes: { opportunity_pipeline: { stateField: "stage", states: […] } }, … }
 */
export async function recordStats(
  sql: postgres.Sql,
  context: WorkspaceContext,
  guard: Guard,
  request: StatsRequest,
  limits: StatsLimits = {},
): Promise<Stats> {
  const entity = guard.entity;
  const maxGroups = limits.maxGroups ?? 5000;
  const keys = request.groups.map(keyOf);
  if (new Set(keys).size !== keys.length) throw new EngineError("bad_request", "group by each field once");
  if (keys.length > 3) throw new EngineError("bad_request", "group by at most 3 fields");
  const measures = measuresOf(request);
  const timezone = context.definition.app.timezone ?? "UTC";
  const processes: Record<string, StatsProcess> = {};
  const grouped = request.groups.map((group, i) => {
    const alias = sql(`g${i}`);
    if (group.process === undefined) return { value: fieldGroupSql(sql, guard, group, timezone), order: sql`${alias}` };
    const { value, states, described } = processGroupSql(sql, context, guard, group.process);
    processes[group.process] = described;
    return { value, order: sql`array_position(${states}::text[], ${alias})` };
  });
  const aggregates = measures.map(
    ([aggregate, field], i) => sql`, ${aggregateSql(sql, guard, aggregate, field)} as ${sql(`m${i}`)}`,
  );
  let where = listConditions(sql, guard, request.query ?? {}, [], []);
  if (request.unit !== undefined) {
    // A fragment is a thenable: it is built here, never returned from an async function (that would run it).
    const path = await unitPathOrThrow(sql, context.workspaceId, request.unit);
    where = sql`${where} and owner in (select u.id from temper.users u join temper.org_units ou on ou.id = u.org_unit_id
      where u.workspace_id = ${context.workspaceId} and ou.workspace_id = ${context.workspaceId} and ou.path like ${`${path}%`})`;
  }
  const table = sql`${sql(context.schema)}.${sql(entity.name)}`;
  const list = (parts: Fragment[]) => parts.reduce((a, b) => sql`${a}, ${b}`);
  const selected = grouped.map((g, i) => sql`${g.value} as ${sql(`g${i}`)}`);
  const positions = sql.unsafe(grouped.map((_, i) => String(i + 1)).join(", "));
  const summarized = aggregates.reduce((a, b) => sql`${a}${b}`, sql``);
  const limit = Number.isFinite(maxGroups) ? sql`limit ${maxGroups + 1}` : sql``;
  // Grouped inside, ordered outside: a process's order is a function of the grouped value, by its name.
  const statement =
    grouped.length === 0
      ? sql`select count(*)::int as n, count(*)::int as total ${summarized} from ${table} where ${where}`
      : sql`select * from (select ${list(selected)}, count(*)::int as n, (sum(count(*)) over ())::int as total
          ${summarized} from ${table} where ${where} group by ${positions}) grouped
          order by ${list(grouped.map((g) => g.order))} ${limit}`;
  const rows = await withStatementTimeout(sql, statement, limits.timeout ?? "10s");
  const page = rows.slice(0, maxGroups);
  const result: Stats = {
    groups: request.groups.map((g) =>
      g.process !== undefined ? `process:${g.process}` : g.interval ? `${g.field}:${g.interval}` : g.field,
    ),
    sums: request.sums ?? [],
    rows: page.map((row) => ({
      ...Object.fromEntries(keys.map((key, i) => [key, row[`g${i}`] ?? null])),
      count: row.n as number,
      ...Object.fromEntries(measures.map(([aggregate, field], i) => [`${aggregate}_${field}`, row[`m${i}`] ?? null])),
    })),
    total: (rows[0]?.total as number | undefined) ?? 0,
    users: {},
    ...(Object.keys(processes).length > 0 ? { processes } : {}),
  };
  if (rows.length > maxGroups) result.truncated = true;
  const userKeys = request.groups
    .map((g, i) => (g.process === undefined && fieldTypeOf(entity, g.field) === "user" ? i : -1))
    .filter((i) => i >= 0);
  const ids = page.flatMap((row) => userKeys.map((i) => row[`g${i}`]));
  const named = [...new Set(ids.filter((id): id is string => typeof id === "string"))];
  if (named.length > 0) {
    const people = await sql<Array<{ id: string; username: string }>>`select id, username from temper.users
      where workspace_id = ${context.workspaceId} and id = any(${named}::uuid[])`;
    result.users = Object.fromEntries(people.map((p) => [p.id, p.username]));
  }
  return result;
}
