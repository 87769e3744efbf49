import { describe, expect, it } from "vitest";
import { addDays, isDay, weekdayOf, zonedDay, zonedMinutes, zonedStart } from "./days";
import { calendarSpan, firstDayOfWeek, monthShift, monthWeeks, weekDays } from "./grid";

describe("days in a time zone", () => {
  it("place an instant on the day and minute of the zone's wall clock", () => {
    expect(zonedDay("2026-11-01T17:30:00Z", "Asia/Shanghai")).toBe("2026-11-02");
    expect(zonedDay("2026-11-01T17:30:00Z", "America/New_York")).toBe("2026-11-01");
    expect(zonedMinutes("2026-11-02T01:30:00Z", "Asia/Shanghai")).toBe(9 * 60 + 30);
  });

  it("start at the zone's midnight, across a change of clocks too", () => {
    expect(zonedStart("2026-11-02", "Asia/Shanghai").toISOString()).toBe("2026-11-01T16:00:00.000Z");
    expect(zonedStart("2026-11-02", "UTC").toISOString()).toBe("2026-11-02T00:00:00.000Z");
    // New York leaves summer time at 2:00 on 1 November 2026: midnight is still on summer time (UTC-4).
    expect(zonedStart("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(zonedStart("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("count days, weekdays and real dates", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(weekdayOf("2026-11-02")).toBe(1);
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("next week")).toBe(false);
  });
});

describe("the calendar's grid", () => {
  it("starts the week on the locale's first day", () => {
    expect(firstDayOfWeek("zh")).toBe(1);
    expect(firstDayOfWeek("en")).toBe(0);
    expect(firstDayOfWeek("ko")).toBe(0);
    expect(firstDayOfWeek("en-GB")).toBe(1);
  });

  it("lays a month out in whole weeks", () => {
    const monday = monthWeeks("2026-11-18", 1);
    expect(monday).toHaveLength(6);
    expect(monday[0]).toEqual([
      "2026-10-26",
      "2026-10-27",
      "2026-10-28",
      "2026-10-29",
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
    ]);
    expect(monday.at(-1)!.at(-1)).toBe("2026-12-06");
    const sunday = monthWeeks("2026-11-18", 0);
    expect(sunday).toHaveLength(5);
    expect(sunday[0]![0]).toBe("2026-11-01");
    expect(sunday.at(-1)!.at(-1)).toBe("2026-12-05");
    // February 2026 begins on a Sunday and has 28 days: four weeks exactly.
    expect(monthWeeks("2026-02-10", 0)).toHaveLength(4);
  });

  it("gives a week its seven days", () => {
    expect(weekDays("2026-11-04", 1)).toEqual([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
      "2026-11-08",
    ]);
    expect(weekDays("2026-11-01", 1)[0]).toBe("2026-10-26");
    expect(weekDays("2026-11-01", 0)[0]).toBe("2026-11-01");
  });

  it("spans the instants from the first day's midnight to the last day's end in the zone", () => {
    const week = calendarSpan("week", "2026-11-04", 1, "Asia/Shanghai");
    expect(week.from.toISOString()).toBe("2026-11-01T16:00:00.000Z");
    expect(week.to.toISOString()).toBe("2026-11-08T16:00:00.000Z");
    expect([week.previous, week.next]).toEqual(["2026-10-28", "2026-11-11"]);
    const month = calendarSpan("month", "2026-11-18", 0, "Asia/Seoul");
    expect(month.from.toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(month.to.toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect([month.previous, month.next]).toEqual(["2026-10-01", "2026-12-01"]);
  });

  it("moves by months without overflowing short ones", () => {
    expect(monthShift("2026-01-31", 1)).toBe("2026-02-01");
    expect(monthShift("2026-01-15", -1)).toBe("2025-12-01");
    expect(monthShift("2026-12-15", 1)).toBe("2027-01-01");
  });
});
