import { describe, expect, it } from "vitest";
import type { ChartData } from "./series";
import { opportunity } from "./testing";
import { chartTable, placeWidgets, pointHrefs, widgetSize } from "./view";

const data: ChartData = {
  type: "bar",
  axis: "Stage",
  legend: null,
  categories: [
    { value: "proposal", label: "Proposal", params: [["stage", "proposal"]] },
    { value: "lost", label: "Lost", params: [["stage", "lost"]] },
    { value: "x", label: "In an unmirrored state", params: null },
  ],
  series: [{ name: "Amount", role: "actual", params: [], values: [1250000, 10, 0] }],
  format: { style: "money", currency: "CNY" },
  dateAxis: false,
  stacked: false,
};

describe("a chart's points and table", () => {
  it("link each point to the list that shows it, where a list view can", () => {
    const hrefs = pointHrefs(data, opportunity(), [["owner", "u-1"]], "me-1");
    expect(hrefs).toEqual([["/opportunity?view=open_pipeline&owner=u-1&stage=proposal", null, null]]);
  });

  it("read as a table: a row per category, the values formatted, linked where they can be", () => {
    const hrefs = [["/a", null, null]];
    const table = chartTable("Amount per stage", data, hrefs, "en");
    expect(table.columns).toEqual([
      { label: "Stage", numeric: false },
      { label: "Amount", numeric: true },
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      [{ text: "Proposal" }, { text: "CN¥1,250,000", href: "/a" }],
      [{ text: "Lost" }, { text: "CN¥10" }],
      [{ text: "In an unmirrored state" }, { text: "CN¥0" }],
    ]);
  });

  it("take room by kind and length", () => {
    expect(widgetSize({ type: "metric" })).toBe("small");
    expect(widgetSize({ type: "table" })).toBe("full");
    expect(widgetSize({ type: "bar" }, data)).toBe("half");
    expect(widgetSize({ type: "bar" }, { ...data, dateAxis: true, legend: "Owner" })).toBe("full");
  });
});

describe("the dashboard's grid", () => {
  const w = (name: string, size: "small" | "half" | "full") =>
    ({
      name,
      label: name,
      type: size === "small" ? "metric" : "bar",
      size,
      periodNote: null,
      problem: null,
      listHref: null,
    }) as const;

  it("gives figures a row of their own, charts two to a row, a chart without a neighbour the whole row", () => {
    const placed = placeWidgets([
      w("a", "small"),
      w("b", "small"),
      w("c", "half"),
      w("d", "half"),
      w("e", "half"),
      w("f", "full"),
    ]);
    expect(placed.map((p) => [p.name, p.span, p.newRow])).toEqual([
      ["a", 4, true],
      ["b", 4, false],
      ["c", 6, true],
      ["d", 6, false],
      ["e", 12, true],
      ["f", 12, true],
    ]);
    expect(
      placeWidgets([w("a", "small"), w("b", "small"), w("c", "small"), w("d", "small"), w("e", "small")]).map(
        (p) => p.span,
      ),
    ).toEqual([3, 3, 3, 3, 3]);
    expect(placeWidgets([w("a", "small"), w("b", "half"), w("c", "half")]).map((p) => [p.span, p.newRow])).toEqual([
      [4, true],
      [6, true],
      [6, false],
    ]);
  });
});
