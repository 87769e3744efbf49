import { describe, expect, it } from "vitest";
import { groupParam, measureKey, periodField, statsPath, tablePath, widgetGroups } from "./requests";
import { opportunity, scope, widget } from "./testing";

const query = (path: string) => [...new URL(path, "http://studio").searchParams];

describe("turning a widget into stats requests", () => {
  const entity = opportunity();

  it("asks for a funnel's process states and its sum, with its own filters", () => {
    const funnel = widget({
      type: "funnel",
      measure: { aggregate: "sum", field: "amount" },
      groupBy: [{ field: "owner" }, { process: "opportunity_pipeline" }],
      filters: [{ field: "stage", op: "ne", value: "lost" }],
    });
    const path = statsPath(funnel, entity, scope());
    expect(path.startsWith("/records/opportunity/stats?")).toBe(true);
    expect(query(path)).toEqual([
      ["group", "process:opportunity_pipeline"],
      ["sum", "amount"],
      ["stage.ne", "lost"],
    ]);
  });

  it("sums the weighted amount per expected close month over the period, within an org unit", () => {
    const forecast = widget({
      type: "bar",
      measure: { aggregate: "sum", field: "weighted_amount" },
      groupBy: [{ field: "expected_close", interval: "month" }],
      filters: [{ field: "stage", op: "not_in", value: ["won", "lost"] }],
    });
    const period = { from: "2026-01-01", to: "2026-12-31" };
    expect(query(statsPath(forecast, entity, scope({ period, unit: "east_sales", unitPeople: ["u-1"] })))).toEqual([
      ["group", "expected_close:month"],
      ["sum", "weighted_amount"],
      ["stage.not_in", "won,lost"],
      ["expected_close.gte", "2026-01-01"],
      ["expected_close.lte", "2026-12-31"],
      ["unit", "east_sales"],
    ]);
  });

  it("asks for the target and the actual of a plan at once, and counts need no parameter", () => {
    const plan = widget({
      type: "target_vs_actual",
      entity: "sales_plan",
      measure: { aggregate: "sum", field: "actual" },
      target: { aggregate: "sum", field: "target" },
      groupBy: [{ field: "employee" }],
      filters: [{ field: "employee", op: "is_current_user" }],
    });
    expect(query(statsPath(plan, entity, scope({ owner: "u-2" })))).toEqual([
      ["group", "employee"],
      ["sum", "actual"],
      ["sum", "target"],
      ["employee.eq", "me-1"],
      ["owner", "u-2"],
    ]);
    const count = widget({ type: "metric", measure: { aggregate: "count" }, groupBy: [{ field: "stage" }] });
    expect(query(statsPath(count, entity, scope()))).toEqual([]);
    const average = widget({ type: "metric", measure: { aggregate: "avg", field: "probability" } });
    expect(query(statsPath(average, entity, scope()))).toEqual([["avg", "probability"]]);
  });

  it("puts the period on the widget's date axis, else on when records were created, in the app's days", () => {
    const byDay = widget({ type: "bar", groupBy: [{ field: "owner" }, { field: "expected_close", interval: "day" }] });
    expect(periodField(byDay, entity)).toEqual({ name: "expected_close", type: "date" });
    const funnel = widget({ type: "funnel", groupBy: [{ process: "opportunity_pipeline" }] });
    expect(periodField(funnel, entity)).toEqual({ name: "created_at", type: "datetime" });
    const november = scope({ period: { from: "2026-11-01", to: "2026-11-30" } });
    expect(query(statsPath({ ...funnel, measure: { aggregate: "count" } }, entity, november))).toEqual([
      ["group", "process:opportunity_pipeline"],
      ["created_at.gte", "2026-10-31T16:00:00.000Z"],
      ["created_at.lt", "2026-11-30T16:00:00.000Z"],
    ]);
  });

  it("names groups and measures as the stats route does", () => {
    expect(groupParam({ field: "occurred_at", interval: "day" })).toBe("occurred_at:day");
    expect(groupParam({ process: "complaint_escalation" })).toBe("process:complaint_escalation");
    expect(measureKey({ aggregate: "count" })).toBe("count");
    expect(measureKey({ aggregate: "max", field: "amount" })).toBe("max_amount");
    expect(widgetGroups({ type: "pie", groupBy: [{ field: "source" }, { field: "owner" }] })).toEqual([
      { field: "source" },
    ]);
    expect(widgetGroups({ type: "metric", groupBy: [{ field: "source" }] })).toEqual([]);
  });

  it("lists a table's records with its sort and limit, the unit as its people", () => {
    const table = widget({
      type: "table",
      columns: ["name", "amount"],
      filters: [{ field: "stage", op: "eq", value: "won" }],
      sort: [
        { field: "amount", direction: "desc" },
        { field: "name", direction: "asc" },
      ],
      limit: 20,
    });
    expect(query(tablePath(table, entity, scope({ unit: "east_sales", unitPeople: ["u-1", "u-2"] })))).toEqual([
      ["stage.eq", "won"],
      ["owner.in", "u-1,u-2"],
      ["sort", "-amount,name"],
      ["limit", "20"],
    ]);
    const nobody = query(tablePath(table, entity, scope({ unit: "empty_team", unitPeople: [] })));
    expect(nobody).toContainEqual(["owner.in", "00000000-0000-0000-0000-000000000000"]);
  });
});
