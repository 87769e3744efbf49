import { describe, expect, it } from "vitest";
import { inputOf, instantOf, localDateTime, rawFromRecord, rawOf } from "./values";
import type { FieldInput } from "./values";

const fields: FieldInput[] = [
  { name: "name", widget: "text" },
  { name: "notes", widget: "textarea" },
  { name: "amount", widget: "money" },
  { name: "probability", widget: "percent" },
  { name: "active", widget: "checkbox" },
  { name: "lines", widget: "checkboxes" },
  { name: "team", widget: "users" },
  { name: "owner", widget: "user" },
  { name: "region", widget: "select" },
  { name: "met_at", widget: "datetime" },
  { name: "customer", widget: "reference" },
  { name: "total", widget: "display" },
];

describe("time zones", () => {
  it("shows instants as the app's wall-clock time and reads them back", () => {
    expect(localDateTime("2026-11-02T01:30:00Z", "Asia/Shanghai")).toBe("2026-11-02T09:30");
    expect(instantOf("2026-11-02T09:30", "Asia/Shanghai")).toBe("2026-11-02T01:30:00.000Z");
    expect(instantOf("2026-03-08T03:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(instantOf("2026-07-01T12:00", "America/New_York")).toBe("2026-07-01T16:00:00.000Z");
    expect(instantOf("tomorrow", "UTC")).toBeUndefined();
  });
});

describe("inputOf", () => {
  it("turns what the browser sends into the API's JSON", () => {
    const data = new FormData();
    for (const [name, value] of [
      ["name", "  Hanwha Machinery "],
      ["notes", "Line one\nLine two\n"],
      ["amount", "1,200.50"],
      ["probability", ""],
      ["active", "false"],
      ["active", "true"],
      ["lines", ""],
      ["lines", "robotics"],
      ["lines", "spare_parts"],
      ["team", ""],
      ["owner", "u-1"],
      ["region", ""],
      ["met_at", "2026-11-02T09:30"],
      ["total", "12"],
    ])
      data.append(name!, value!);
    const { input, unresolved } = inputOf(fields, rawOf(data), "Asia/Shanghai");
    expect(input).toEqual({
      name: "Hanwha Machinery",
      notes: "Line one\nLine two\n",
      amount: 1200.5,
      probability: null,
      active: true,
      lines: ["robotics", "spare_parts"],
      team: null,
      owner: "u-1",
      region: null,
      met_at: "2026-11-02T01:30:00.000Z",
    });
    expect(unresolved).toEqual({});
  });

  it("keeps what is not a number as text, for the schema to refuse, and an unticked box as false", () => {
    const { input } = inputOf(fields, { amount: ["12 yuan"], active: ["false"] }, "UTC");
    expect(input).toEqual({ amount: "12 yuan", active: false });
  });

  it("takes a picked reference's id, and sets a typed one apart to be looked up", () => {
    const picked = { customer: ["c-1"], "customer:title": ["Hanwha"], "customer:label": ["Hanwha"] };
    expect(inputOf(fields, picked, "UTC")).toEqual({ input: { customer: "c-1" }, unresolved: {} });
    const typed = { customer: ["c-1"], "customer:title": ["Kumho "], "customer:label": ["Hanwha"] };
    expect(inputOf(fields, typed, "UTC")).toEqual({ input: {}, unresolved: { customer: "Kumho" } });
    const cleared = { customer: ["c-1"], "customer:title": [""], "customer:label": ["Hanwha"] };
    expect(inputOf(fields, cleared, "UTC").input).toEqual({ customer: null });
    expect(inputOf(fields, { customer: ["c-2"] }, "UTC").input).toEqual({ customer: "c-2" });
  });
});

describe("rawFromRecord", () => {
  it("fills a form from a record so that reading it back gives the record", () => {
    const record = {
      name: "Hanwha",
      notes: null,
      amount: 1200.5,
      probability: 40,
      active: true,
      lines: ["robotics"],
      team: null,
      owner: "u-1",
      region: "east",
      met_at: "2026-11-02T01:30:00.000Z",
      customer: "c-1",
    };
    const raw = rawFromRecord(fields, record, "Asia/Shanghai", new Map([["c-1", "Hanwha Machinery"]]));
    expect(raw).toMatchObject({
      met_at: ["2026-11-02T09:30"],
      active: ["false", "true"],
      lines: ["", "robotics"],
      "customer:title": ["Hanwha Machinery"],
    });
    expect(inputOf(fields, raw, "Asia/Shanghai")).toEqual({ input: record, unresolved: {} });
  });
});
