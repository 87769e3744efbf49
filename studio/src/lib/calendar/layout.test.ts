import { describe, expect, it } from "vitest";
import { type CalendarItem, itemsByDay, placeDay, visibleHours } from "./layout";

const zone = "Asia/Shanghai";
const item = (id: string, start: string, end: string | null = null): CalendarItem => ({
  id,
  kind: "schedule",
  start,
  end,
  title: id,
  detail: "",
  href: `/schedule_item/${id}`,
});

describe("items by day", () => {
  it("puts each item on the days it covers in the zone, soonest first", () => {
    const items = [
      item("late", "2026-11-02T10:00:00Z"),
      // 00:30 on 3 November in Shanghai, though still 2 November in UTC.
      item("early", "2026-11-02T16:30:00Z"),
      item("first", "2026-11-02T01:00:00Z"),
      item("trip", "2026-11-03T01:00:00Z", "2026-11-05T10:00:00Z"),
      // Ends at midnight: the next day is not covered.
      item("evening", "2026-11-04T12:00:00Z", "2026-11-04T16:00:00Z"),
    ];
    const days = itemsByDay(items, ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"], zone);
    expect([...days].map(([day, list]) => [day, list.map((i) => i.id)])).toEqual([
      ["2026-11-02", ["first", "late"]],
      ["2026-11-03", ["early", "trip"]],
      ["2026-11-04", ["trip", "evening"]],
      ["2026-11-05", ["trip"]],
    ]);
  });
});

describe("a day's column of the week", () => {
  it("places items by their times, instants half an hour long", () => {
    const placed = placeDay(
      [item("call", "2026-11-02T06:00:00Z"), item("meeting", "2026-11-02T01:00:00Z", "2026-11-02T02:30:00Z")],
      "2026-11-02",
      zone,
    );
    expect(placed.map((p) => [p.item.id, p.top, p.bottom, p.lane, p.lanes])).toEqual([
      ["meeting", 540, 630, 0, 1],
      ["call", 840, 870, 0, 1],
    ]);
  });

  it("shares the width between items that overlap, and only those", () => {
    const placed = placeDay(
      [
        item("a", "2026-11-02T01:00:00Z", "2026-11-02T03:00:00Z"),
        item("b", "2026-11-02T01:30:00Z", "2026-11-02T02:00:00Z"),
        item("c", "2026-11-02T02:30:00Z", "2026-11-02T04:00:00Z"),
        item("d", "2026-11-02T08:00:00Z", "2026-11-02T09:00:00Z"),
      ],
      "2026-11-02",
      zone,
    );
    expect(placed.map((p) => [p.item.id, p.lane, p.lanes])).toEqual([
      ["a", 0, 2],
      ["b", 1, 2],
      ["c", 1, 2],
      ["d", 0, 1],
    ]);
  });

  it("runs an item over from the day before from midnight, and one going on to the next day to midnight", () => {
    const trip = item("trip", "2026-11-02T10:00:00Z", "2026-11-04T02:00:00Z");
    expect(placeDay([trip], "2026-11-03", zone)[0]).toMatchObject({ top: 0, bottom: 1440 });
    expect(placeDay([trip], "2026-11-04", zone)[0]).toMatchObject({ top: 0, bottom: 600 });
    expect(placeDay([trip], "2026-11-02", zone)[0]).toMatchObject({ top: 1080, bottom: 1440 });
  });

  it("shows working hours, widened to every item", () => {
    expect(visibleHours([])).toEqual({ first: 8, last: 18 });
    expect(
      visibleHours([
        { top: 450, bottom: 480 },
        { top: 1200, bottom: 1290 },
      ]),
    ).toEqual({ first: 7, last: 22 });
  });
});
