import type { Cell } from "../definition/display";
import { fieldOf, type ResolvedField, valueType } from "../definition/fields";
import { labelOf, type Translate } from "../i18n";
import { fieldLabel } from "../list/columns";
import type { EntityDef, GroupByDef, MeasureDef, Stats, WidgetDef, WidgetType } from "../types";
import { bucketLabel, formatMeasure, measureFormat, type ValueFormat } from "./format";
import { type DateRange, intervalStart, nextInterval, rangeParams, shiftDate } from "./period";
import { type ApiParams, groupParam, measureKey, periodField, widgetGroups } from "./requests";

/** What shaping the stats needs besides them: the language, the app's time zone and currency, names and titles. */
export interface SeriesContext {
  locale: string;
  fallbacks: string[];
  t: Translate;
  timezone?: string | undefined;
  currency?: string | undefined;
  /** People's names by user id. */
  people: Map<string, string>;
  /** Referenced records' titles by id; `null` for one the user may not read. */
  titles: Map<string, Cell | null>;
  /** The dashboard's period: date axes run over all of it. */
  period: DateRange | null;
}

/** One place on a chart's axis: a group's value, what it reads as, and the list conditions that select it (none when no list can). */
export interface ChartCategory {
  value: string | null;
  label: string;
  params: ApiParams | null;
  /** A final state of a process: where a funnel ends. */
  final?: true;
}

/** One series: a measure (or the target), or one value of a second group. */
export interface ChartSeries {
  name: string;
  role: "actual" | "target" | "group";
  params: ApiParams | null;
  values: Array<number | null>;
}

/** A widget's stats shaped for a chart and its table: categories in order, series of values, how values read. */
export interface ChartData {
  type: WidgetType;
  /** What the categories are: the first axis's name. */
  axis: string;
  /** What the series are, when they are a second group's values. */
  legend: string | null;
  categories: ChartCategory[];
  series: ChartSeries[];
  format: ValueFormat;
  /** The categories are days, weeks, months…: drawn left to right. */
  dateAxis: boolean;
  /** A second group's series stack up to the category's total. */
  stacked: boolean;
}

interface Axis {
  key: string;
  group: GroupByDef;
  field: ResolvedField | undefined;
  type: string;
  states?: Array<{ name: string; label: Record<string, string>; final?: boolean }>;
  /** The field a list filters by to select a value: the state field of a process. */
  listField: string | null;
}

const maxDates = 400;

function axisOf(group: GroupByDef, entity: EntityDef, stats: Stats): Axis {
  if (group.process) {
    const described = stats.processes?.[group.process];
    const stateField = described?.stateField ?? null;
    return {
      key: group.process,
      group,
      field: stateField ? fieldOf(entity, stateField) : undefined,
      type: "state",
      states: described?.states ?? [],
      listField: stateField,
    };
  }
  const field = fieldOf(entity, group.field!);
  return { key: group.field!, group, field, type: field ? valueType(field) : "text", listField: group.field! };
}

const stringOf = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** The values a widget's own filters leave possible for a field: `stage.not_in` won and lost leave the open stages. */
function allowed(widget: WidgetDef, field: string | null, values: string[]): string[] {
  let left = values;
  for (const filter of widget.filters ?? []) {
    if (filter.field !== field) continue;
    const listed = (Array.isArray(filter.value) ? filter.value : [filter.value]).map(String);
    if (filter.op === "eq" || filter.op === "in") left = left.filter((v) => listed.includes(v));
    if (filter.op === "ne" || filter.op === "not_in") left = left.filter((v) => !listed.includes(v));
  }
  return left;
}

/** The values along an axis, in the axis's order: a process's or an enum's own, time, or the largest first. */
function axisValues(
  axis: Axis,
  widget: WidgetDef,
  present: Array<string | null>,
  totals: Map<string | null, number>,
  ctx: SeriesContext,
  entity: EntityDef,
): Array<string | null> {
  const seen = [...new Set(present)];
  const known = (ordered: string[]) => {
    const rest = seen.filter((v): v is string => v !== null && !ordered.includes(v));
    return [...ordered, ...rest, ...(seen.includes(null) ? [null] : [])];
  };
  if (axis.type === "state")
    return known(
      allowed(
        widget,
        axis.listField,
        (axis.states ?? []).map((s) => s.name),
      ),
    );
  if (axis.type === "enum")
    return known(
      allowed(
        widget,
        axis.listField,
        (axis.field?.options ?? []).map((o) => o.value),
      ),
    );
  if (axis.type === "boolean") return known(["true", "false"].filter((v) => seen.includes(v)));
  if (axis.type === "date" || axis.type === "datetime") {
    const dates = seen.filter((v): v is string => v !== null).sort();
    const interval = axis.group.interval;
    if (!interval) return known(dates);
    const onPeriod = ctx.period && periodField(widget, entity).name === axis.key;
    const from = onPeriod && ctx.period?.from ? intervalStart(ctx.period.from, interval) : dates[0];
    const to = onPeriod && ctx.period?.to ? intervalStart(ctx.period.to, interval) : dates.at(-1);
    const run: string[] = [];
    for (let d = from; d && to && d <= to && run.length <= maxDates; d = nextInterval(d, interval)) run.push(d);
    return known(run.length > maxDates ? dates : run);
  }
  if (axis.type === "number" || axis.type === "money" || axis.type === "percent")
    return known(seen.filter((v): v is string => v !== null).sort((a, b) => Number(a) - Number(b)));
  const total = (v: string | null) => totals.get(v) ?? 0;
  return known(seen.filter((v): v is string => v !== null).sort((a, b) => total(b) - total(a) || a.localeCompare(b)));
}

function valueLabel(axis: Axis, value: string | null, stats: Stats, ctx: SeriesContext): string {
  if (value === null) return ctx.t("dashboard.none");
  switch (axis.type) {
    case "state": {
      const state = axis.states?.find((s) => s.name === value);
      return state ? labelOf(state.label, ctx.locale, ctx.fallbacks) : value;
    }
    case "enum": {
      const option = axis.field?.options?.find((o) => o.value === value);
      return option ? labelOf(option.label, ctx.locale, ctx.fallbacks) : value;
    }
    case "boolean":
      return ctx.t(value === "true" ? "value.yes" : "value.no");
    case "user":
      return ctx.people.get(value) ?? stats.users[value] ?? `#${value.slice(0, 8)}`;
    case "reference": {
      const title = ctx.titles.get(value);
      return title === null ? ctx.t("value.restricted") : (title?.text ?? `#${value.slice(0, 8)}`);
    }
    case "date":
    case "datetime":
      return bucketLabel(value, axis.group.interval, ctx.locale, ctx.t);
    case "number":
    case "money":
    case "percent":
      return formatMeasure(value, { style: axis.type === "number" ? "number" : axis.type }, ctx.locale);
    default:
      return value;
  }
}

/** The list conditions that select a group's value; none for a process's state no field mirrors. */
function valueParams(axis: Axis, value: string | null, ctx: SeriesContext): ApiParams | null {
  const field = axis.listField;
  if (!field) return null;
  if (value === null) return [[`${field}.empty`, "true"]];
  const interval = axis.group.interval;
  if ((axis.type === "date" || axis.type === "datetime") && interval) {
    const to = shiftDate(nextInterval(value, interval), { days: -1 });
    return rangeParams(field, axis.type, { from: value, to }, ctx.timezone);
  }
  return [[field, value]];
}

/**
 * What a measure is called: its label in the definition, else "Count" or
 * "Sum of Amount".
 *
 * @example
 * measureName({ aggregate: "sum", field: "amount" }, opportunity, ctx); // "Sum of Amount"
 */
export function measureName(measure: MeasureDef, entity: EntityDef, ctx: SeriesContext): string {
  const own = labelOf(measure.label, ctx.locale, ctx.fallbacks);
  if (own) return own;
  const field = measure.field ? fieldOf(entity, measure.field) : undefined;
  if (measure.aggregate === "count" || !field) return ctx.t("dashboard.count");
  return ctx.t(`dashboard.aggregate.${measure.aggregate}`, { field: fieldLabel(field, ctx) });
}

const numberOf = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/**
 * Shapes a widget's stats into what a chart draws: the categories in the
 * axis's order (a process's states or an enum's options as declared, with
 * the ones the widget's filters leave out left out and the empty ones as
 * zero; dates over the whole period; people and other values largest
 * first), one series per measure (the target first) or per value of a
 * second group, and the list conditions of each piece.
 *
 * @example
 * chartData(funnelCount, opportunity, stats, ctx).categories.map((c) => c.value);
 * // ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation", "won", "lost"]
 */
export function chartData(widget: WidgetDef, entity: EntityDef, stats: Stats, ctx: SeriesContext): ChartData {
  const axes = widgetGroups(widget).map((group) => axisOf(group, entity, stats));
  const dated = (a: Axis | undefined) => a !== undefined && (a.type === "date" || a.type === "datetime");
  const [main, across] = axes.length === 2 && dated(axes[1]) && !dated(axes[0]) ? [axes[1]!, axes[0]] : axes;
  const measures =
    widget.type === "target_vs_actual" && widget.target ? [widget.target, widget.measure!] : [widget.measure!];
  const first = measures[0]!;
  const format = measureFormat(widget.measure ?? first, entity, ctx.currency);
  const additive = (m: MeasureDef) => m.aggregate === "count" || m.aggregate === "sum";
  const keyOf = (row: Record<string, unknown>, axis: Axis | undefined) => (axis ? stringOf(row[axis.key]) : null);
  const rows = new Map<string, Record<string, unknown>>();
  const totals = { main: new Map<string | null, number>(), across: new Map<string | null, number>() };
  for (const row of stats.rows) {
    const [a, b] = [keyOf(row, main), keyOf(row, across)];
    rows.set(`${a}\u0000${b}`, row);
    const amount = numberOf(row[measureKey(widget.measure ?? first)]) ?? 0;
    totals.main.set(a, (totals.main.get(a) ?? 0) + amount);
    totals.across.set(b, (totals.across.get(b) ?? 0) + amount);
  }
  const mainValues = main
    ? axisValues(
        main,
        widget,
        stats.rows.map((r) => keyOf(r, main)),
        totals.main,
        ctx,
        entity,
      )
    : [null];
  const categories = mainValues.map((value): ChartCategory => ({
    value,
    label: main ? valueLabel(main, value, stats, ctx) : measureName(first, entity, ctx),
    params: main ? valueParams(main, value, ctx) : [],
    ...(main?.states?.find((s) => s.name === value)?.final ? { final: true } : {}),
  }));
  const valuesOf = (measure: MeasureDef, other: string | null) =>
    mainValues.map((value) => {
      const row = rows.get(`${value}\u0000${other}`);
      return numberOf(row?.[measureKey(measure)]) ?? (additive(measure) ? 0 : null);
    });
  const series: ChartSeries[] = across
    ? axisValues(
        across,
        widget,
        stats.rows.map((r) => keyOf(r, across)),
        totals.across,
        ctx,
        entity,
      ).map((value) => ({
        name: valueLabel(across, value, stats, ctx),
        role: "group",
        params: valueParams(across, value, ctx),
        values: valuesOf(first, value),
      }))
    : measures.map((measure) => ({
        name: measureName(measure, entity, ctx),
        role: measure === widget.target && widget.type === "target_vs_actual" ? "target" : "actual",
        params: [],
        values: valuesOf(measure, null),
      }));
  const axisName = (axis: Axis | undefined) =>
    axis?.field ? fieldLabel(axis.field, ctx) : axis ? groupParam(axis.group) : "";
  return {
    type: widget.type,
    axis: axisName(main),
    legend: across ? axisName(across) : null,
    categories: widget.type === "pie" ? categories.filter((_, i) => (series[0]?.values[i] ?? 0) !== 0) : categories,
    series:
      widget.type === "pie" ? series.map((s) => ({ ...s, values: s.values.filter((v) => (v ?? 0) !== 0) })) : series,
    format,
    dateAxis: dated(main),
    stacked: across !== undefined && additive(first),
  };
}

/**
 * A figure's value: the one row's measure as the API gives it (a number,
 * or a date for the first or last of dates); no rows, nothing counted.
 *
 * @example
 * metricValue(openPipeline, { rows: [{ count: 26, sum_amount: 68043086 }], … }); // 68043086
 */
export function metricValue(widget: WidgetDef, stats: Stats): unknown {
  const measure = widget.measure ?? { aggregate: "count" as const };
  const row = stats.rows[0];
  if (!row) return measure.aggregate === "count" || measure.aggregate === "sum" ? 0 : null;
  return row[measureKey(measure)] ?? null;
}
