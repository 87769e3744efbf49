import { describe, expect, it } from "vitest";
import { fieldOf } from "../definition/fields";
import { context, customer } from "../testing";
import { addFilterHref, filterChips, filterFields, operatorsFor } from "./filters";
import { filterParams } from "./query";

const people = {
  me: "u-1",
  people: [
    { id: "u-1", name: "Li Wei" },
    { id: "u-2", name: "Min-jun Manager" },
  ],
};

describe("filters", () => {
  it("offer the conditions the API takes for each type", () => {
    const entity = customer();
    expect(operatorsFor(fieldOf(entity, "annual_revenue")!)).toEqual([
      "eq",
      "ne",
      "gt",
      "gte",
      "lt",
      "lte",
      "empty",
      "not_empty",
    ]);
    expect(operatorsFor(fieldOf(entity, "tags")!)).toEqual(["contains", "empty", "not_empty"]);
    expect(operatorsFor(fieldOf(entity, "team")!)).toEqual(["contains", "empty", "not_empty"]);
    expect(operatorsFor(fieldOf(entity, "parent")!)).toEqual(["empty", "not_empty"]);
    expect(operatorsFor(fieldOf(entity, "created_at")!)).toEqual(["gte", "lt", "empty", "not_empty"]);
  });

  it("list every readable field and the owner, with choices where a field has them", () => {
    const fields = filterFields(customer(), context("zh"), people);
    expect(fields.map((f) => f.name)).toEqual([
      "name",
      "region",
      "parent",
      "annual_revenue",
      "tags",
      "team",
      "active",
      "since",
      "notes",
      "owner",
      "created_at",
      "created_by",
      "updated_at",
      "updated_by",
    ]);
    const region = fields.find((f) => f.name === "region")!;
    expect(region.label).toBe("销售大区");
    expect(region.choices).toEqual([
      { value: "east", label: "华东" },
      { value: "north", label: "华北" },
    ]);
    expect(region.ops.find((o) => o.op === "in")).toEqual({ op: "in", label: "属于", input: "multiselect" });
    expect(fields.find((f) => f.name === "owner")!.choices).toEqual([
      { value: "u-1", label: "我" },
      { value: "u-2", label: "Min-jun Manager" },
    ]);
    const since = fields.find((f) => f.name === "since")!;
    expect(since.ops.find((o) => o.op === "gte")).toEqual({ op: "gte", label: "不早于", input: "date" });
  });

  it("describe the filters of an address in words", () => {
    const params = new URLSearchParams(
      "region.in=east,north&annual_revenue.gte=1000000&owner=u-2&notes.empty=true&active=false&ghost=1",
    );
    const chips = filterChips(customer(), filterParams(params), context("en"));
    expect(chips.map((c) => c.text)).toEqual([
      "Sales region is any of East China, North China",
      "Annual revenue at least CN¥1,000,000.00",
      "Owner is Min-jun Manager",
      "Notes is empty",
      "Active is No",
      "ghost eq 1",
    ]);
  });

  it("add the chosen condition to the address, back on the first page", () => {
    const fields = filterFields(customer(), context("en"), people);
    const url = (search: string) => new URL(`http://studio/customer?${search}`);
    expect(
      addFilterHref(url("view=all&cursor=c&add_field=region&add_op=in&add_value=east&add_value=north"), fields),
    ).toBe("/customer?view=all&region.in=east%2Cnorth");
    expect(addFilterHref(url("add_field=notes&add_op=empty&add_value="), fields)).toBe("/customer?notes.empty=true");
    expect(addFilterHref(url("add_field=name&add_op=contains&add_value=+"), fields)).toBe("/customer");
    expect(addFilterHref(url("add_field=secret&add_op=eq&add_value=1"), fields)).toBe("/customer");
    expect(addFilterHref(url("add_field=region&add_op=gt&add_value=east"), fields)).toBe("/customer");
  });
});
