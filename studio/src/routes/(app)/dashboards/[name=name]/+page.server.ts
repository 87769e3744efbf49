import { error } from "@sveltejs/kit";
import { labelOf, translator } from "$lib/i18n";
import { displayValue, type DisplayContext } from "$lib/definition/display";
import { fieldOf } from "$lib/definition/fields";
import { filterChoices } from "$lib/dashboard/filter-choices";
import { formatMeasure, measureFormat } from "$lib/dashboard/format";
import { selectionHref } from "$lib/dashboard/links";
import { defaultPreset, localToday, periodOf, type Period } from "$lib/dashboard/period";
import {
  type DashboardScope,
  periodField,
  scopeParams,
  statsPath,
  tablePath,
  widgetFilterParams,
  widgetGroups,
} from "$lib/dashboard/requests";
import { chartData, metricValue, type SeriesContext } from "$lib/dashboard/series";
import {
  chartTable,
  placeWidgets,
  type PlainTable,
  pointHrefs,
  type WidgetView,
  widgetSize,
} from "$lib/dashboard/view";
import { fieldLabel } from "$lib/list/columns";
import { ApiError, readApi } from "$lib/server/api";
import { referenceTitles } from "$lib/server/titles";
import { peopleNames, visibleDefinition } from "$lib/server/workspace";
import type { EntityDef, Me, OrgUnit, RecordData, RecordPage, Stats, VisibleDefinition, WidgetDef } from "$lib/types";
import type { PageServerLoad } from "./$types";

type Event = Parameters<PageServerLoad>[0];

/** Reads from the API for one widget: a refusal (a field the user may not read…) is the widget's problem, not the page's. */
async function attempt<T>(work: () => Promise<T>): Promise<{ value: T } | { problem: string }> {
  try {
    return { value: await work() };
  } catch (cause) {
    if (cause instanceof ApiError && [400, 403, 404].includes(cause.status)) return { problem: cause.message };
    throw cause;
  }
}

interface Shared {
  event: Event;
  definition: VisibleDefinition;
  scope: DashboardScope;
  ctx: SeriesContext & DisplayContext;
  period: Period;
}

async function statsWidget(widget: WidgetDef, entity: EntityDef, base: WidgetView, shared: Shared) {
  const { event, definition, scope, ctx } = shared;
  const read = await attempt(() => readApi<Stats>(event, statsPath(widget, entity, scope)));
  if ("problem" in read) return { ...base, problem: read.problem };
  const stats = read.value;
  const selection = [
    ...widgetFilterParams(widget, entity, scope.userId),
    ...scopeParams(widget, entity, scope, "list"),
  ];
  const listHref = selectionHref(entity, selection, scope.userId);
  if (widget.type === "metric") {
    const format = measureFormat(widget.measure ?? { aggregate: "count" }, entity, ctx.currency);
    const text = formatMeasure(metricValue(widget, stats), format, ctx.locale, ctx.timezone) || "—";
    return { ...base, listHref, metric: { text, href: listHref } };
  }
  const references = widgetGroups(widget)
    .map((g) => (g.field ? fieldOf(entity, g.field) : undefined))
    .filter((f) => f?.type === "reference" || f?.resultType === "reference")
    .map((f) => f!.name);
  const rows = stats.rows.map((row) => ({ ...row, id: "" }) as RecordData);
  const titles =
    references.length > 0 ? await referenceTitles(event, definition, entity, references, rows) : ctx.titles;
  const data = chartData(widget, entity, stats, { ...ctx, titles });
  const hrefs = pointHrefs(data, entity, selection, scope.userId);
  return {
    ...base,
    size: widgetSize(widget, data),
    listHref,
    chart: { data, hrefs, table: chartTable(base.label, data, hrefs, ctx.locale, ctx.timezone) },
    ...(stats.truncated ? { truncated: true } : {}),
  };
}

async function tableWidget(widget: WidgetDef, entity: EntityDef, base: WidgetView, shared: Shared) {
  const { event, definition, scope, ctx } = shared;
  const read = await attempt(() => readApi<RecordPage>(event, tablePath(widget, entity, scope)));
  if ("problem" in read) return { ...base, problem: read.problem };
  const columns = (widget.columns ?? []).flatMap((name) => {
    const field = fieldOf(entity, name);
    return field ? [field] : [];
  });
  const records = read.value.records;
  const titles = await referenceTitles(event, definition, entity, widget.columns ?? [], records);
  const display = { ...ctx, titles };
  const linkAt = Math.max(
    0,
    columns.findIndex((c) => c.name === entity.titleField),
  );
  const numeric = new Set(["number", "money", "percent"]);
  const table: PlainTable = {
    caption: base.label,
    columns: columns.map((c) => ({
      label: fieldLabel(c, ctx),
      numeric: numeric.has(c.type === "computed" ? (c.resultType ?? "") : c.type),
    })),
    rows: records.map((record) => ({
      key: record.id,
      cells: columns.map((c, i) => {
        const cell = displayValue(c, record[c.name], display);
        return i === linkAt
          ? { text: cell.text || ctx.t("value.untitled"), href: `/${entity.name}/${record.id}` }
          : cell;
      }),
    })),
  };
  const selection = [
    ...widgetFilterParams(widget, entity, scope.userId),
    ...scopeParams(widget, entity, scope, "list"),
  ];
  return { ...base, listHref: selectionHref(entity, selection, scope.userId), table };
}

function widgetView(widget: WidgetDef, shared: Shared): Promise<WidgetView> {
  const { definition, ctx, period } = shared;
  const entity = definition.entities.find((e) => e.name === widget.entity);
  const label = labelOf(widget.label, ctx.locale, ctx.fallbacks);
  const base: WidgetView = {
    name: widget.name,
    label,
    type: widget.type,
    size: widgetSize(widget),
    periodNote: null,
    problem: null,
    listHref: null,
  };
  if (!entity) return Promise.resolve({ ...base, problem: ctx.t("error.forbidden") });
  if (period.range) {
    const field = fieldOf(entity, periodField(widget, entity).name);
    if (field) base.periodNote = ctx.t("dashboard.periodOn", { field: fieldLabel(field, ctx) });
  }
  return widget.type === "table"
    ? tableWidget(widget, entity, base, shared)
    : statsWidget(widget, entity, base, shared);
}

export const load: PageServerLoad = async (event) => {
  const [definition, layout, me, units, { names, people }] = await Promise.all([
    visibleDefinition(event),
    event.parent(),
    readApi<Me>(event, "/me"),
    readApi<{ units: OrgUnit[] }>(event, "/org/units"),
    peopleNames(event),
  ]);
  const dashboard = definition.dashboards.find((d) => d.name === event.params.name);
  if (!dashboard) error(404, `no dashboard "${event.params.name}"`);
  const { app } = definition;
  const locale = layout.locale;
  const t = translator(locale);
  const today = localToday(app.timezone, new Date());
  const period = periodOf(event.url.searchParams, defaultPreset(dashboard.widgets), today);
  const choices = filterChoices(me, units.units, people, event.url.searchParams, locale);
  const scope: DashboardScope = {
    userId: me.id,
    timezone: app.timezone,
    period: period.range,
    unit: choices.unit,
    unitPeople: choices.unitPeople,
    owner: choices.owner,
  };
  const ctx = {
    locale,
    fallbacks: app.locales,
    t,
    timezone: app.timezone,
    currency: app.currency,
    people: names,
    titles: new Map(),
    period: period.range,
  };
  const widgets = await Promise.all(
    dashboard.widgets.map((widget) => widgetView(widget, { event, definition, scope, ctx, period })),
  );
  return {
    dashboard: {
      name: dashboard.name,
      label: labelOf(dashboard.label, locale, app.locales),
      description: labelOf(dashboard.description, locale, app.locales),
    },
    timezone: app.timezone,
    filters: {
      period: period.preset,
      range: period.range,
      from: event.url.searchParams.get("from") ?? period.range?.from ?? "",
      to: event.url.searchParams.get("to") ?? period.range?.to ?? "",
      units: choices.units,
      unit: choices.unit,
      owners: choices.owners,
      owner: choices.owner,
      changed: [...event.url.searchParams.keys()].length > 0,
    },
    widgets: placeWidgets(widgets),
  };
};
