import { fieldOf, valueType } from "../definition/fields";
import { sortParam } from "../list/columns";
import { viewFilterParams } from "../list/query";
import type { EntityDef, GroupByDef, MeasureDef, WidgetDef } from "../types";
import { type DateRange, rangeParams } from "./period";

/** What the dashboard's filters narrow every widget to, besides the user's own scope (which the API applies). */
export interface DashboardScope {
  userId: string;
  timezone?: string | undefined;
  period: DateRange | null;
  /** An org unit's code: records owned by people placed in its subtree. */
  unit: string | null;
  /** The ids of the people placed in that subtree: lists filter by owner, not by unit. */
  unitPeople: string[] | null;
  /** A user's id: their records only. */
  owner: string | null;
}

export type ApiParams = Array<[string, string]>;

/**
 * The field a dashboard's period applies to in a widget: the date it is
 * drawn along, else when the record was created.
 *
 * @example
 * periodField(forecastWidget, opportunity); // { name: "expected_close", type: "date" }
 * periodField(funnelWidget, opportunity); // { name: "created_at", type: "datetime" }
 */
export function periodField(widget: WidgetDef, entity: EntityDef): { name: string; type: "date" | "datetime" } {
  for (const group of widget.groupBy ?? []) {
    const field = group.field ? fieldOf(entity, group.field) : undefined;
    const type = field ? valueType(field) : undefined;
    if (field && (type === "date" || type === "datetime")) return { name: field.name, type };
  }
  return { name: "created_at", type: "datetime" };
}

/**
 * The groups a widget asks the API for: a funnel or pie cuts along one axis
 * (the process's states for a funnel), a figure along none.
 *
 * @example
 * widgetGroups({ type: "pie", groupBy: [{ field: "source" }, { field: "owner" }] }); // [{ field: "source" }]
 */
export function widgetGroups(widget: Pick<WidgetDef, "type" | "groupBy">): GroupByDef[] {
  const groups = widget.groupBy ?? [];
  if (widget.type === "metric" || widget.type === "table") return [];
  if (widget.type === "funnel") return [groups.find((g) => g.process) ?? groups[0]!].filter(Boolean);
  if (widget.type === "pie") return groups.slice(0, 1);
  return groups;
}

/**
 * A group as the stats route takes it.
 *
 * @example
 * groupParam({ field: "occurred_at", interval: "day" }); // "occurred_at:day"
 * groupParam({ process: "opportunity_pipeline" }); // "process:opportunity_pipeline"
 */
export function groupParam(group: GroupByDef): string {
  if (group.process) return `process:${group.process}`;
  return group.interval ? `${group.field}:${group.interval}` : group.field!;
}

/**
 * Where a measure's values are in a row of the stats: `count`, `sum_amount`.
 *
 * @example
 * measureKey({ aggregate: "sum", field: "weighted_amount" }); // "sum_weighted_amount"
 */
export function measureKey(measure: MeasureDef): string {
  return measure.aggregate === "count" || !measure.field ? "count" : `${measure.aggregate}_${measure.field}`;
}

/** A widget's measures: the actual (or only) one, then the target. */
export function widgetMeasures(widget: WidgetDef): MeasureDef[] {
  return [widget.measure, widget.target].filter((m): m is MeasureDef => m !== undefined);
}

/**
 * A widget's own filters as the API takes them (`is_current_user` is the
 * user's id, lists comma-separated).
 *
 * @example
 * widgetFilterParams(wonByOwner, opportunity, userId); // [["stage.eq", "won"]]
 */
export function widgetFilterParams(widget: WidgetDef, entity: EntityDef, userId: string): ApiParams {
  return viewFilterParams(
    entity,
    { name: widget.name, label: widget.label, columns: [], filters: widget.filters ?? [] },
    userId,
  );
}

/** No one's id: an org unit nobody is placed in owns nothing. */
const nobody = "00000000-0000-0000-0000-000000000000";

/**
 * The dashboard's filters as a widget's API parameters: the period on the
 * widget's date (or creation), the owner, and the org unit (`unit` for
 * stats; its people as owners for lists, which take no unit).
 *
 * @example
 * scopeParams(forecast, opportunity, scope, "stats"); // [["expected_close.gte", "2026-01-01"], ["expected_close.lte", "2026-12-31"], ["unit", "east_sales"]]
 */
export function scopeParams(widget: WidgetDef, entity: EntityDef, scope: DashboardScope, target: "stats" | "list") {
  const params: ApiParams = [];
  if (scope.period) {
    const field = periodField(widget, entity);
    params.push(...rangeParams(field.name, field.type, scope.period, scope.timezone));
  }
  if (scope.owner) params.push(["owner", scope.owner]);
  else if (scope.unit && target === "stats") params.push(["unit", scope.unit]);
  else if (scope.unit && scope.unitPeople)
    params.push(["owner.in", scope.unitPeople.length > 0 ? scope.unitPeople.join(",") : nobody]);
  return params;
}

/**
 * The stats request of a chart or figure: its groups, its measures' sums
 * (averages, smallest, largest), its own filters and the dashboard's.
 *
 * @example
 * statsPath(forecast, opportunity, scope);
 * // "/records/opportunity/stats?group=expected_close%3Amonth&sum=weighted_amount&stage.not_in=won%2Clost&expected_close.gte=…"
 */
export function statsPath(widget: WidgetDef, entity: EntityDef, scope: DashboardScope): string {
  const params = new URLSearchParams();
  for (const group of widgetGroups(widget)) params.append("group", groupParam(group));
  const asked = new Set<string>();
  for (const measure of widgetMeasures(widget)) {
    const key = measureKey(measure);
    if (key === "count" || asked.has(key)) continue;
    asked.add(key);
    params.append(measure.aggregate, measure.field!);
  }
  for (const [key, value] of widgetFilterParams(widget, entity, scope.userId)) params.append(key, value);
  for (const [key, value] of scopeParams(widget, entity, scope, "stats")) params.append(key, value);
  return `/records/${entity.name}/stats?${params}`;
}

/**
 * The list request of a table widget: its filters and the dashboard's, its
 * sort, its limit (10 by default).
 *
 * @example
 * tablePath(overduePayments, payment, scope); // "/records/payment?status.eq=overdue&…&sort=due_date&limit=50"
 */
export function tablePath(widget: WidgetDef, entity: EntityDef, scope: DashboardScope): string {
  const params = new URLSearchParams([
    ...widgetFilterParams(widget, entity, scope.userId),
    ...scopeParams(widget, entity, scope, "list"),
  ]);
  if (widget.sort?.length) params.set("sort", sortParam(widget.sort));
  params.set("limit", String(widget.limit ?? 10));
  return `/records/${entity.name}?${params}`;
}
