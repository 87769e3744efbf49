import { describe, expect, it } from "vitest";
import { chartData, metricValue } from "./series";
import { opportunity, pipeline, seriesContext, stats, widget } from "./testing";

const entity = opportunity();

describe("shaping stats into series", () => {
  it("draws a funnel in the pipeline's order, every state the filters allow, the empty ones as zero", () => {
    const funnel = widget({
      type: "funnel",
      measure: { aggregate: "sum", field: "amount" },
      groupBy: [{ process: "opportunity_pipeline" }],
      filters: [{ field: "stage", op: "ne", value: "lost" }],
    });
    // The API's rows in any order: the pipeline's order is the process's.
    const answer = stats(
      [
        { opportunity_pipeline: "won", count: 2, sum_amount: 300 },
        { opportunity_pipeline: "prospecting", count: 5, sum_amount: 1000 },
        { opportunity_pipeline: "proposal", count: 3, sum_amount: 600 },
      ],
      { processes: { opportunity_pipeline: pipeline() } },
    );
    const data = chartData(funnel, entity, answer, seriesContext("zh"));
    expect(data.categories.map((c) => [c.value, c.label])).toEqual([
      ["prospecting", "初步接洽"],
      ["qualification", "需求确认"],
      ["proposal", "方案报价"],
      ["won", "赢单"],
    ]);
    expect(data.series).toHaveLength(1);
    expect(data.series[0]!.values).toEqual([1000, 0, 600, 300]);
    expect(data.series[0]!.name).toBe("金额合计");
    expect(data.format).toEqual({ style: "money", currency: "CNY", scale: 2 });
    expect(data.categories[2]!.params).toEqual([["stage", "proposal"]]);
  });

  it("puts people largest first, with their names, and nothing for no owner last", () => {
    const won = widget({ type: "bar", measure: { aggregate: "sum", field: "amount" }, groupBy: [{ field: "owner" }] });
    const answer = stats(
      [
        { owner: "u-1", count: 1, sum_amount: 100 },
        { owner: "u-9", count: 1, sum_amount: 900 },
        { owner: null, count: 1, sum_amount: 5000 },
        { owner: "u-2", count: 2, sum_amount: 400 },
      ],
      { users: { "u-9": "zhao.lei" } },
    );
    const data = chartData(won, entity, answer, seriesContext());
    expect(data.categories.map((c) => c.label)).toEqual(["zhao.lei", "Kim Min-jun", "Li Wei", "(None)"]);
    expect(data.series[0]!.values).toEqual([900, 400, 100, 5000]);
    expect(data.categories.at(-1)!.params).toEqual([["owner.empty", "true"]]);
    expect(data.dateAxis).toBe(false);
  });

  it("runs dates over the whole period, empty months as zero, each selecting its days", () => {
    const forecast = widget({
      type: "bar",
      measure: { aggregate: "sum", field: "weighted_amount" },
      groupBy: [{ field: "expected_close", interval: "month" }],
    });
    const answer = stats([
      { expected_close: "2026-12-01", count: 1, sum_weighted_amount: 50 },
      { expected_close: "2026-10-01", count: 2, sum_weighted_amount: 70 },
    ]);
    const period = { from: "2026-09-15", to: "2027-01-10" };
    const data = chartData(forecast, entity, answer, seriesContext("ko", { period }));
    expect(data.categories.map((c) => c.value)).toEqual([
      "2026-09-01",
      "2026-10-01",
      "2026-11-01",
      "2026-12-01",
      "2027-01-01",
    ]);
    expect(data.categories[0]!.label).toBe("2026년 9월");
    expect(data.series[0]!.values).toEqual([0, 70, 0, 50, 0]);
    expect(data.categories[2]!.params).toEqual([
      ["expected_close.gte", "2026-11-01"],
      ["expected_close.lte", "2026-11-30"],
    ]);
    expect(data.dateAxis).toBe(true);
  });

  it("lays a person and day count along the days, a series per person stacked, days in the app's time zone", () => {
    const daily = widget({
      type: "bar",
      entity: "activity",
      measure: { aggregate: "count" },
      groupBy: [{ field: "owner" }, { field: "occurred_at", interval: "day" }],
    });
    const activity = {
      ...entity,
      name: "activity",
      fields: [{ name: "occurred_at", type: "datetime" as const, label: { en: "When" } }],
    };
    const answer = stats([
      { owner: "u-1", occurred_at: "2026-11-02", count: 3 },
      { owner: "u-2", occurred_at: "2026-11-02", count: 1 },
      { owner: "u-2", occurred_at: "2026-11-04", count: 5 },
    ]);
    const data = chartData(daily, activity, answer, seriesContext());
    expect(data.categories.map((c) => c.value)).toEqual(["2026-11-02", "2026-11-03", "2026-11-04"]);
    expect(data.series.map((s) => [s.name, s.values])).toEqual([
      ["Kim Min-jun", [1, 0, 5]],
      ["Li Wei", [3, 0, 0]],
    ]);
    expect(data.stacked).toBe(true);
    expect(data.legend).toBe("Owner");
    expect(data.series[1]!.params).toEqual([["owner", "u-1"]]);
    expect(data.categories[0]!.params).toEqual([
      ["occurred_at.gte", "2026-11-01T16:00:00.000Z"],
      ["occurred_at.lt", "2026-11-02T16:00:00.000Z"],
    ]);
  });

  it("sets the target beside the actual, in that order, enums in their declared order", () => {
    const plan = widget({
      type: "target_vs_actual",
      measure: { aggregate: "sum", field: "amount", label: { en: "Actual" } },
      target: { aggregate: "sum", field: "weighted_amount", label: { en: "Target" } },
      groupBy: [{ field: "stage" }],
    });
    const answer = stats([
      { stage: "won", count: 1, sum_amount: 80, sum_weighted_amount: 100 },
      { stage: "prospecting", count: 1, sum_amount: 10, sum_weighted_amount: 40 },
    ]);
    const data = chartData(plan, entity, answer, seriesContext());
    expect(data.series.map((s) => [s.name, s.role, s.values])).toEqual([
      ["Target", "target", [40, 0, 0, 100, 0]],
      ["Actual", "actual", [10, 0, 0, 80, 0]],
    ]);
    expect(data.categories.map((c) => c.value)).toEqual(["prospecting", "qualification", "proposal", "won", "lost"]);
    expect(data.stacked).toBe(false);
  });

  it("leaves empty slices out of a pie, and averages with nothing in them as no value", () => {
    const pie = widget({ type: "pie", measure: { aggregate: "count" }, groupBy: [{ field: "stage" }] });
    const data = chartData(pie, entity, stats([{ stage: "won", count: 4 }]), seriesContext());
    expect(data.categories.map((c) => c.value)).toEqual(["won"]);
    expect(data.series[0]!.values).toEqual([4]);
    const average = widget({
      type: "bar",
      measure: { aggregate: "avg", field: "probability" },
      groupBy: [{ field: "stage" }],
    });
    const averaged = chartData(
      average,
      entity,
      stats([{ stage: "won", count: 4, avg_probability: 100 }]),
      seriesContext(),
    );
    expect(averaged.series[0]!.values).toEqual([null, null, null, 100, null]);
    expect(averaged.series[0]!.name).toBe("Average Probability");
  });

  it("takes a figure from the one row", () => {
    const open = widget({ type: "metric", measure: { aggregate: "sum", field: "amount" } });
    expect(metricValue(open, stats([{ count: 26, sum_amount: 68043086 }]))).toBe(68043086);
    expect(metricValue(open, stats([]))).toBe(0);
    expect(
      metricValue({ ...open, measure: { aggregate: "max", field: "amount" } }, stats([{ count: 0, max_amount: null }])),
    ).toBeNull();
  });
});
