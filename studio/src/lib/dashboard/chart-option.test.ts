import { describe, expect, it } from "vitest";
import { chartHeight, chartOption, clickedSeries, funnelColors, palette } from "./chart-option";
import type { ChartData } from "./series";

const base: Omit<ChartData, "type"> = {
  axis: "Stage",
  legend: null,
  categories: [
    { value: "a", label: "Prospecting", params: [] },
    { value: "b", label: "Won", params: [] },
  ],
  series: [{ name: "Amount", role: "actual", params: [], values: [1250000, 0] }],
  format: { style: "money", currency: "CNY" },
  dateAxis: false,
  stacked: false,
};

const look = { locale: "zh", fontFamily: "PingFang SC, sans-serif" };

/** The parts of an option the tests read. */
interface Drawn {
  xAxis: { type: string; axisLabel: { formatter: (v: number) => string } };
  yAxis: { type: string; inverse?: boolean; data?: string[] };
  textStyle: { fontFamily: string };
  tooltip: { valueFormatter: (v: number) => string };
  dataZoom?: unknown[];
  legend?: unknown;
  series: Array<{
    id?: string;
    data: unknown[];
    itemStyle: { color: string };
    label: { formatter: (p: { dataIndex: number }) => string };
  }>;
}

const drawn = (...args: Parameters<typeof chartOption>) => chartOption(...args) as unknown as Drawn;

describe("the charts' options", () => {
  it("lay named bars across, first at the top, with compact money on the value axis", () => {
    const option = drawn({ ...base, type: "bar" }, look);
    expect(option.yAxis.type).toBe("category");
    expect(option.yAxis.inverse).toBe(true);
    expect(option.yAxis.data).toEqual(["Prospecting", "Won"]);
    expect(option.xAxis.axisLabel.formatter(1250000)).toBe("¥125万");
    expect(option.textStyle.fontFamily).toBe("PingFang SC, sans-serif");
    expect(option.tooltip.valueFormatter(1250000)).toBe("¥1,250,000");
  });

  it("stand bars over time, with a zoom once there are many days", () => {
    const days = Array.from({ length: 40 }, (_, i) => ({ value: String(i), label: String(i), params: [] }));
    const option = drawn(
      {
        ...base,
        type: "bar",
        dateAxis: true,
        categories: days,
        series: [{ ...base.series[0]!, values: days.map(() => 1) }],
      },
      look,
    );
    expect(option.xAxis.type).toBe("category");
    expect(option.dataZoom).toHaveLength(1);
  });

  it("centre a funnel's bars in the given order, and grey the target beside the actual with the share achieved", () => {
    const funnel = drawn({ ...base, type: "funnel" }, look);
    expect(funnel.yAxis.data).toEqual(["Prospecting", "Won"]);
    expect(funnel.yAxis.inverse).toBe(true);
    // Centred: the spacing before each bar is half of what it lacks of the widest.
    expect(funnel.series.map((s) => s.data)).toEqual([
      [0, 625000],
      [
        { value: 1250000, itemStyle: { color: "#1e3a8a", borderRadius: 3 } },
        { value: 0, itemStyle: { color: "#1d4ed8", borderRadius: 3 } },
      ],
    ]);
    expect(clickedSeries(funnel.series[1]!.id)).toBe(0);
    expect(clickedSeries(funnel.series[0]!.id)).toBeNull();
    const plan = drawn(
      {
        ...base,
        type: "target_vs_actual",
        series: [
          { name: "Target", role: "target", params: [], values: [200, 100] },
          { name: "Actual", role: "actual", params: [], values: [150, 120] },
        ],
      },
      { ...look, locale: "en" },
    );
    expect(plan.series[0]!.itemStyle.color).not.toBe(palette[0]);
    expect(plan.series[1]!.itemStyle.color).toBe(palette[1]);
    expect(plan.series[1]!.label.formatter({ dataIndex: 0 })).toBe("75%");
    expect(plan.series[1]!.label.formatter({ dataIndex: 1 })).toBe("120%");
    expect(plan.legend).toBeDefined();
  });

  it("grow bars across with their categories", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ value: String(i), label: String(i), params: [] }));
    expect(chartHeight({ ...base, type: "bar", categories: many })).toBeGreaterThan(
      chartHeight({ ...base, type: "bar" }),
    );
    expect(chartHeight({ ...base, type: "pie" })).toBe(300);
  });

  it("colour a funnel's open stages in blues, darkest first, its happy end green and the others grey", () => {
    const stages = ["a", "b", "won", "lost"].map((value) => ({
      value,
      label: value,
      params: [],
      ...(value === "won" || value === "lost" ? { final: true as const } : {}),
    }));
    const colors = funnelColors({ ...base, type: "funnel", categories: stages });
    expect(colors).toEqual(["#1e3a8a", "#1d4ed8", "#067647", "#98a2b3"]);
  });
});
