import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { formatCompact, formatMeasure } from "./format";
import type { ChartData } from "./series";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;

/** The series' colours: the studio's blue first, then hues that stay apart for the colour-blind. */
export const palette = [
  "#1d4ed8",
  "#0e9384",
  "#f79009",
  "#7a5af8",
  "#d92d20",
  "#2e90fa",
  "#66c61c",
  "#ee46bc",
  "#854d0e",
  "#475467",
  "#06aed4",
  "#b692f6",
];

const targetColor = "#b8c0cc";

/** A funnel's open states in blues, darkest first; its ends: the first (the good one) green, the others grey. */
const funnelBlues = ["#1e3a8a", "#1d4ed8", "#2563eb", "#3b82f6", "#60a5fa", "#93c5fd", "#bfdbfe"];
const finalColors = ["#067647", "#98a2b3", "#667085"];

/**
 * The colour of each stage of a funnel.
 *
 * @example
 * funnelColors(funnel); // ["#1e3a8a", "#1d4ed8", …, "#067647", "#98a2b3"]
 */
export function funnelColors(data: ChartData): string[] {
  let open = 0;
  let ends = 0;
  return data.categories.map((c) =>
    c.final
      ? finalColors[Math.min(ends++, finalColors.length - 1)]!
      : funnelBlues[Math.min(open++, funnelBlues.length - 1)]!,
  );
}
const text = "#1b2430";
const muted = "#4f5b6b";
const line = "#d9dee5";

/** Where a chart reads its words: the page's fonts (for Chinese and Korean glyphs) and locale. */
export interface ChartLook {
  locale: string;
  fontFamily: string;
  timezone?: string | undefined;
}

/**
 * How tall a chart draws: bars across grow with their categories, a funnel
 * with its states.
 *
 * @example
 * chartHeight(wonByOwner); // 12 people: 380
 */
export function chartHeight(data: ChartData): number {
  const n = data.categories.length;
  if (data.type === "funnel") return Math.max(200, n * 38 + 24);
  if (data.type === "pie") return 300;
  if (horizontal(data)) {
    const bars = data.stacked ? 1 : data.series.length;
    return Math.max(220, n * Math.max(26, bars * 18 + 10) + (data.series.length > 1 ? 90 : 60));
  }
  return data.series.length > 1 ? 340 : 300;
}

/** Bars lie across when their categories are names, not times: long labels read on the left. */
export function horizontal(data: ChartData): boolean {
  return (data.type === "bar" || data.type === "target_vs_actual") && !data.dateAxis;
}

/** "72%" of the target, over an actual's bar. */
function achieved(data: ChartData, index: number, locale: string): string {
  const target = data.series.find((s) => s.role === "target")?.values[index];
  const actual = data.series.find((s) => s.role === "actual")?.values[index];
  if (!target || actual === null || actual === undefined) return "";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(actual / target);
}

function cartesian(data: ChartData, look: ChartLook): ChartOption {
  const across = horizontal(data);
  const isLine = data.type === "line";
  const many = data.categories.length;
  const categoryAxis = {
    type: "category" as const,
    data: data.categories.map((c) => c.label),
    axisTick: { show: false },
    axisLine: { lineStyle: { color: line } },
    axisLabel: { color: muted, hideOverlap: true, ...(across ? { width: 140, overflow: "truncate" as const } : {}) },
    ...(across ? { inverse: true } : { boundaryGap: !isLine }),
  };
  const valueAxis = {
    type: "value" as const,
    ...(data.format.style === "count" ? { minInterval: 1 } : {}),
    splitLine: { lineStyle: { color: "#eef1f5" } },
    axisLabel: {
      color: muted,
      hideOverlap: true,
      formatter: (v: number) => formatCompact(v, data.format, look.locale),
    },
  };
  const legend = data.series.length > 1;
  const zoom = !across && many > 31;
  const series = data.series.map((s, j): BarSeriesOption | LineSeriesOption => {
    const color = s.role === "target" ? targetColor : palette[j % palette.length];
    if (isLine)
      return {
        type: "line",
        id: seriesId(j),
        name: s.name,
        data: s.values,
        symbol: "circle",
        symbolSize: 6,
        itemStyle: { color },
        lineStyle: { width: 2 },
        ...(data.series.length === 1 ? { areaStyle: { opacity: 0.08 } } : {}),
        emphasis: { focus: "series" },
        cursor: "pointer",
      };
    return {
      type: "bar",
      id: seriesId(j),
      name: s.name,
      data: s.values,
      itemStyle: { color, borderRadius: data.stacked ? 0 : across ? [0, 3, 3, 0] : [3, 3, 0, 0] },
      barMaxWidth: 28,
      ...(data.stacked ? { stack: "total" } : {}),
      ...(s.role === "actual" && data.type === "target_vs_actual"
        ? {
            label: {
              show: true,
              position: across ? "right" : "top",
              color: text,
              fontSize: 11,
              formatter: (p: { dataIndex: number }) => achieved(data, p.dataIndex, look.locale),
            },
          }
        : {}),
      emphasis: { focus: "series" },
      cursor: "pointer",
    };
  });
  return {
    grid: { left: 8, right: across ? 48 : 16, top: legend ? 40 : 16, bottom: zoom ? 48 : 8 },
    xAxis: across ? valueAxis : categoryAxis,
    yAxis: across ? categoryAxis : valueAxis,
    series,
    tooltip: {
      trigger: "axis",
      axisPointer: { type: isLine ? "line" : "shadow" },
      valueFormatter: (v) => formatMeasure(v, data.format, look.locale, look.timezone),
    },
    ...(legend ? { legend: { type: "scroll", top: 0, textStyle: { color: text } } } : {}),
    ...(zoom ? { dataZoom: [{ type: "slider", height: 18, bottom: 8, showDetail: false }] } : {}),
  };
}

/** A donut of a measure's shares, its legend beside it. */
function pie(data: ChartData, look: ChartLook): ChartOption {
  const series = data.series[0];
  const items = data.categories.map((c, i) => ({ name: c.label, value: series?.values[i] ?? 0 }));
  const formatted = (v: unknown) => formatMeasure(v, data.format, look.locale, look.timezone);
  const tooltip: TooltipComponentOption = {
    trigger: "item",
    formatter: (p: unknown) => {
      const { name, value, percent } = p as { name: string; value: number; percent?: number };
      return `${name}: ${formatted(value)}${percent !== undefined ? ` (${percent}%)` : ""}`;
    },
  };
  return {
    tooltip,
    legend: { type: "scroll", orient: "vertical", right: 0, top: "middle", textStyle: { color: text } },
    series: [
      {
        type: "pie",
        id: seriesId(0),
        name: series?.name ?? "",
        radius: ["42%", "70%"],
        center: ["36%", "50%"],
        data: items,
        label: { show: false },
        itemStyle: { borderColor: "#fff", borderWidth: 2 },
        cursor: "pointer",
      },
    ],
  };
}

/**
 * A funnel as bars centred on one another, one per state in the process's
 * order: each as wide as its value, which reads truer than slanted slices.
 */
function funnel(data: ChartData, look: ChartLook): ChartOption {
  const values = (data.series[0]?.values ?? []).map((v) => v ?? 0);
  const max = Math.max(1, ...values);
  const colors = funnelColors(data);
  const formatted = (v: unknown) => formatMeasure(v, data.format, look.locale, look.timezone);
  // Amounts beside the bars in short (CN¥41.8M), in full in the tooltip.
  const short = (v: number) =>
    data.format.style === "money" ? formatCompact(v, data.format, look.locale) : formatted(v);
  return {
    // Room on the right for the widest bar's figure.
    grid: { left: 8, right: 80, top: 8, bottom: 8 },
    xAxis: { type: "value", max, show: false },
    yAxis: {
      type: "category",
      inverse: true,
      data: data.categories.map((c) => c.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: text, width: 120, overflow: "truncate" },
    },
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const { name, value } = p as { name: string; value: number };
        return `${name}: ${formatted(value)}`;
      },
    },
    series: [
      // The room left of each bar, so that the bars stand centred.
      {
        type: "bar",
        id: "offset",
        stack: "funnel",
        silent: true,
        itemStyle: { color: "transparent" },
        tooltip: { show: false },
        data: values.map((v) => (max - v) / 2),
      },
      {
        type: "bar",
        id: seriesId(0),
        name: data.series[0]?.name ?? "",
        stack: "funnel",
        barCategoryGap: "18%",
        data: values.map((value, i) => ({ value, itemStyle: { color: colors[i], borderRadius: 3 } })),
        label: {
          show: true,
          position: "right",
          color: text,
          formatter: (p: { value: unknown }) => short(Number(p.value)),
        },
        cursor: "pointer",
      },
    ],
  };
}

/** The id of a chart's series `index`: what a click on it names. */
export function seriesId(index: number): string {
  return `s${index}`;
}

/**
 * The series a click landed on, from its id; none for the funnel's spacing.
 *
 * @example
 * clickedSeries("s1"); // 1
 */
export function clickedSeries(id: string | undefined): number | null {
  const match = /^s(\d+)$/.exec(id ?? "");
  return match ? Number(match[1]) : null;
}

/**
 * The ECharts option of a chart: bars (across for names, up for times,
 * stacked for a second group, the target in grey beside the actual with
 * the share achieved), lines over time, a donut, or a funnel in the
 * process's order; numbers and money in the user's locale.
 *
 * @example
 * chartOption(funnel, { locale: "zh", fontFamily: "PingFang SC, sans-serif" }).series[0].sort; // "none"
 */
export function chartOption(data: ChartData, look: ChartLook): ChartOption {
  const base: ChartOption = {
    animationDuration: 300,
    textStyle: { fontFamily: look.fontFamily, color: text },
    color: palette,
  };
  const drawn =
    data.type === "pie" ? pie(data, look) : data.type === "funnel" ? funnel(data, look) : cartesian(data, look);
  return { ...base, ...drawn };
}
