import type { Cell } from "../definition/display";
import type { EntityDef, WidgetDef, WidgetType } from "../types";
import { formatMeasure } from "./format";
import { selectionHref } from "./links";
import type { ApiParams } from "./requests";
import type { ChartData } from "./series";

/** A table as a dashboard shows it: the fallback of a chart, or a table widget's records. */
export interface PlainTable {
  caption: string;
  columns: Array<{ label: string; numeric: boolean }>;
  rows: Array<{ key: string; cells: Cell[] }>;
}

/** A chart ready to draw: its data, and the list each point opens (by series, then category). */
export interface ChartView {
  data: ChartData;
  hrefs: Array<Array<string | null>>;
  table: PlainTable;
}

/** A widget as the page shows it. */
export interface WidgetView {
  name: string;
  label: string;
  type: WidgetType;
  size: "small" | "half" | "full";
  /** Which date the dashboard's period applies to, when one is chosen. */
  periodNote: string | null;
  /** Why it cannot be shown (a field the user may not read…). */
  problem: string | null;
  /** The list of everything the widget counts. */
  listHref: string | null;
  metric?: { text: string; href: string | null };
  chart?: ChartView;
  table?: PlainTable;
  truncated?: boolean;
}

/**
 * The lists a chart's points open: the widget's selection narrowed to the
 * point's category and series; none where no list view can show it.
 *
 * @example
 * pointHrefs(data, opportunity, [["stage.not_in", "won,lost"]], userId)[0][3]; // "/opportunity?view=open_pipeline&stage=proposal"
 */
export function pointHrefs(data: ChartData, entity: EntityDef, base: ApiParams, userId: string) {
  return data.series.map((series) =>
    data.categories.map((category) =>
      series.params === null || category.params === null
        ? null
        : selectionHref(entity, [...base, ...category.params, ...series.params], userId),
    ),
  );
}

/**
 * A chart's values as a table, for screen readers and pages without
 * scripts: a row per category, a column per series, each value linking to
 * its list.
 *
 * @example
 * chartTable("Amount per stage", data, hrefs, "en").rows[0].cells.map((c) => c.text); // ["Prospecting", "CN¥4,150,000"]
 */
export function chartTable(
  caption: string,
  data: ChartData,
  hrefs: Array<Array<string | null>>,
  locale: string,
  timezone?: string,
): PlainTable {
  return {
    caption,
    columns: [
      { label: data.axis, numeric: false },
      ...data.series.map((s) => ({ label: s.name, numeric: data.format.style !== "date" })),
    ],
    rows: data.categories.map((category, i) => ({
      key: String(category.value),
      cells: [
        { text: category.label },
        ...data.series.map((series, j) => {
          const text = formatMeasure(series.values[i], data.format, locale, timezone);
          const href = hrefs[j]?.[i];
          return href && text ? { text, href } : { text };
        }),
      ],
    })),
  };
}

/**
 * How much room a widget takes: a figure a quarter of a row, a table the
 * whole row, a chart half of it, or all of it when it runs along many days
 * or stacks a second group over time.
 *
 * @example
 * widgetSize(activitiesPerDay, data); // "full"
 */
export function widgetSize(widget: Pick<WidgetDef, "type">, data?: ChartData): WidgetView["size"] {
  if (widget.type === "metric") return "small";
  if (widget.type === "table" || !data) return "full";
  const many = data.categories.length > (data.dateAxis ? 14 : 12);
  return many || (data.dateAxis && data.legend !== null) ? "full" : "half";
}

/** A widget placed on the dashboard's grid of 12 columns. */
export type PlacedWidget = WidgetView & { span: number; newRow: boolean };

/**
 * Places widgets on a grid of 12 columns, in the definition's order: a run
 * of figures shares a row of its own (three to a row, four when there are
 * more), charts go two to a row, and a chart with no neighbour, or a table,
 * takes the whole row.
 *
 * @example
 * placeWidgets([figure, figure, funnel, funnel, table]).map((w) => w.span); // [4, 4, 6, 6, 12]
 */
export function placeWidgets(widgets: WidgetView[]): PlacedWidget[] {
  const placed: PlacedWidget[] = [];
  let used = 0;
  for (let i = 0; i < widgets.length;) {
    const widget = widgets[i]!;
    if (widget.size === "small") {
      let run = 1;
      while (widgets[i + run]?.size === "small") run++;
      const span = run >= 4 ? 3 : 4;
      widgets.slice(i, i + run).forEach((figure, k) => placed.push({ ...figure, span, newRow: k === 0 }));
      used = 12;
      i += run;
      continue;
    }
    if (used + (widget.size === "full" ? 12 : 6) > 12) used = 0;
    const alone = used === 0 && widgets[i + 1]?.size !== "half";
    const span = widget.size === "full" || alone ? 12 : 6;
    placed.push({ ...widget, span, newRow: used === 0 });
    used += span;
    i++;
  }
  return placed;
}
