import { describe, expect, it } from "vitest";
import {
  dayStartInstant,
  defaultPreset,
  intervalStart,
  localToday,
  nextInterval,
  periodOf,
  presetRange,
  rangeParams,
  shiftDate,
} from "./period";

describe("periods", () => {
  it("cut days into weeks from Monday, months, quarters and years as PostgreSQL does", () => {
    expect(intervalStart("2026-11-08", "week")).toBe("2026-11-02");
    expect(intervalStart("2026-11-02", "week")).toBe("2026-11-02");
    expect(intervalStart("2026-11-22", "month")).toBe("2026-11-01");
    expect(intervalStart("2026-11-22", "quarter")).toBe("2026-10-01");
    expect(intervalStart("2026-02-14", "year")).toBe("2026-01-01");
    expect(nextInterval("2026-12-28", "week")).toBe("2027-01-04");
    expect(nextInterval("2026-10-01", "quarter")).toBe("2027-01-01");
    expect(shiftDate("2026-01-31", { months: 1 })).toBe("2026-02-28");
  });

  it("cover this and last month, quarter and year from today, across the year's turn", () => {
    expect(presetRange("this_month", "2026-11-22")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("this_quarter", "2026-11-22")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(presetRange("last_month", "2027-01-05")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetRange("last_quarter", "2027-02-10")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    expect(presetRange("last_year", "2026-11-22")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(presetRange("all", "2026-11-22")).toBeNull();
  });

  it("take today and the days' starts in the app's time zone", () => {
    expect(localToday("Asia/Shanghai", new Date("2026-10-31T17:00:00Z"))).toBe("2026-11-01");
    expect(localToday("America/New_York", new Date("2026-11-01T03:00:00Z"))).toBe("2026-10-31");
    expect(localToday("Mars/Base", new Date("2026-11-01T03:00:00Z"))).toBe("2026-11-01");
    expect(dayStartInstant("2026-11-01", "Asia/Shanghai")).toBe("2026-10-31T16:00:00.000Z");
    expect(dayStartInstant("2026-11-01", "Asia/Seoul")).toBe("2026-10-31T15:00:00.000Z");
    expect(dayStartInstant("2026-11-01", "Mars/Base")).toBe("2026-11-01T00:00:00.000Z");
    // New York changes from summer time on this very day: midnight is still at UTC-4.
    expect(dayStartInstant("2026-11-01", "America/New_York")).toBe("2026-11-01T04:00:00.000Z");
    expect(dayStartInstant("2026-11-02", "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
  });

  it("read the address: a preset, or custom days (in order), else the default", () => {
    const today = "2026-11-22";
    expect(periodOf(new URLSearchParams("period=last_month"), "this_year", today)).toEqual({
      preset: "last_month",
      range: { from: "2026-10-01", to: "2026-10-31" },
    });
    expect(periodOf(new URLSearchParams("from=2026-09-30&to=2026-09-01"), "this_year", today)).toEqual({
      preset: "custom",
      range: { from: "2026-09-01", to: "2026-09-30" },
    });
    expect(periodOf(new URLSearchParams("period=custom&from=2026-09-01&to=nonsense"), "this_year", today)).toEqual({
      preset: "custom",
      range: { from: "2026-09-01" },
    });
    expect(periodOf(new URLSearchParams("period=someday"), "this_month", today).preset).toBe("this_month");
    expect(periodOf(new URLSearchParams("period=all"), "this_month", today)).toEqual({ preset: "all", range: null });
  });

  it("open on a month for daily counts, a quarter for weekly ones, else a year", () => {
    expect(
      defaultPreset([
        {
          name: "a",
          label: {},
          type: "bar",
          entity: "activity",
          groupBy: [{ field: "owner" }, { field: "occurred_at", interval: "day" }],
        },
      ]),
    ).toBe("this_month");
    expect(
      defaultPreset([
        {
          name: "a",
          label: {},
          type: "line",
          entity: "activity",
          groupBy: [{ field: "occurred_at", interval: "week" }],
        },
      ]),
    ).toBe("this_quarter");
    expect(defaultPreset([{ name: "a", label: {}, type: "metric", entity: "opportunity" }])).toBe("this_year");
  });

  it("filter dates by day and datetimes by the app's day starts", () => {
    const november = { from: "2026-11-01", to: "2026-11-30" };
    expect(rangeParams("due_date", "date", november, "Asia/Shanghai")).toEqual([
      ["due_date.gte", "2026-11-01"],
      ["due_date.lte", "2026-11-30"],
    ]);
    expect(rangeParams("occurred_at", "datetime", november, "Asia/Shanghai")).toEqual([
      ["occurred_at.gte", "2026-10-31T16:00:00.000Z"],
      ["occurred_at.lt", "2026-11-30T16:00:00.000Z"],
    ]);
    expect(rangeParams("occurred_at", "datetime", { to: "2026-11-30" }, "UTC")).toEqual([
      ["occurred_at.lt", "2026-12-01T00:00:00.000Z"],
    ]);
  });
});
