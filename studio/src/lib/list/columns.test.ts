import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { customer } from "../testing";
import { currentSort, listColumns, nextSort, parseSort, pickView, sortParam } from "./columns";

const labels = (locale: string) => ({ locale, fallbacks: ["en", "zh", "ko"], t: translator(locale) });

describe("list columns", () => {
  it("come from the view, labelled in the user's locale, without fields the user may not read", () => {
    const entity = customer();
    const columns = listColumns(entity, pickView(entity, null), labels("zh"));
    expect(columns.map((c) => [c.name, c.label])).toEqual([
      ["name", "公司名称"],
      ["region", "销售大区"],
      ["parent", "Parent company"],
      ["annual_revenue", "Annual revenue"],
      ["owner", "负责人"],
      ["updated_at", "最后修改时间"],
    ]);
  });

  it("sort by values people read, and align numbers right", () => {
    const entity = customer();
    const byName = Object.fromEntries(
      listColumns(entity, pickView(entity, "mine"), labels("en")).map((c) => [c.name, c]),
    );
    expect(byName.name).toMatchObject({ sortable: true, numeric: false });
    expect(byName.annual_revenue).toMatchObject({ sortable: true, numeric: true });
    expect(byName.parent!.sortable).toBe(false);
    expect(byName.owner!.sortable).toBe(false);
  });

  it("pick the named view, else the first", () => {
    const entity = customer();
    expect(pickView(entity, "all").name).toBe("all");
    expect(pickView(entity, "nope").name).toBe("mine");
  });
});

describe("sorting", () => {
  it("reads and writes the API's sort", () => {
    expect(parseSort("-annual_revenue,name")).toEqual([
      { field: "annual_revenue", direction: "desc" },
      { field: "name", direction: "asc" },
    ]);
    expect(parseSort(null)).toBeUndefined();
    expect(sortParam([{ field: "a", direction: "desc" }, { field: "b" }])).toBe("-a,b");
  });

  it("takes the clicked order over the view's", () => {
    const view = pickView(customer(), "mine");
    expect(currentSort(new URLSearchParams(), view)).toEqual([{ field: "name", direction: "asc" }]);
    expect(currentSort(new URLSearchParams("sort=-region"), view)).toEqual([{ field: "region", direction: "desc" }]);
  });

  it("cycles a header through ascending, descending and the view's own order", () => {
    expect(nextSort([{ field: "name", direction: "asc" }], "region")).toBe("region");
    expect(nextSort([{ field: "region", direction: "asc" }], "region")).toBe("-region");
    expect(nextSort([{ field: "region", direction: "desc" }], "region")).toBeNull();
    expect(nextSort([], "region")).toBe("region");
  });
});
