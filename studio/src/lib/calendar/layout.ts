import { type Day, zonedDay, zonedMinutes } from "./days";

/** Something on the calendar: a schedule item, or a process's timer on a record. */
export interface CalendarItem {
  id: string;
  kind: "schedule" | "timer";
  /** An instant (ISO 8601). */
  start: string;
  /** When it ends, if it lasts. */
  end: string | null;
  title: string;
  /** A second line: the item's type, the record a timer is on. */
  detail: string;
  href: string;
}

/** The last day an item covers: the day of its end, unless it ends at that day's midnight. */
function lastDay(item: CalendarItem, zone: string): Day {
  const start = zonedDay(item.start, zone);
  if (!item.end || Date.parse(item.end) <= Date.parse(item.start)) return start;
  return zonedDay(new Date(Date.parse(item.end) - 1), zone);
}

/**
 * The items on each of some days in a time zone, soonest first: an item is
 * on every day from its start to its end.
 *
 * @example
 * itemsByDay(items, ["2026-11-02", "2026-11-03"], "Asia/Shanghai").get("2026-11-02"); // [meeting, reminder]
 */
export function itemsByDay<T extends CalendarItem>(items: T[], days: Day[], zone: string): Map<Day, T[]> {
  const byDay = new Map(days.map((day): [Day, T[]] => [day, []]));
  const sorted = [...items].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  for (const item of sorted) {
    const first = zonedDay(item.start, zone);
    const last = lastDay(item, zone);
    for (const day of days) if (day >= first && day <= last) byDay.get(day)!.push(item);
  }
  return byDay;
}

/** An item placed in a day's column of the week: minutes from midnight, and its lane among those it overlaps. */
export interface PlacedItem<T extends CalendarItem = CalendarItem> {
  item: T;
  top: number;
  bottom: number;
  lane: number;
  lanes: number;
}

/** How long an item without an end, or a timer, takes on the week's grid, in minutes. */
export const pointMinutes = 30;

/**
 * Places a day's items in its column of the week: from their start (or
 * midnight, for one that began the day before) to their end (or midnight,
 * or half an hour for an instant); items that overlap share the width in
 * lanes.
 *
 * @example
 * placeDay(items, "2026-11-02", "Asia/Shanghai"); // [{ item, top: 540, bottom: 600, lane: 0, lanes: 2 }, …]
 */
export function placeDay<T extends CalendarItem>(items: T[], day: Day, zone: string): PlacedItem<T>[] {
  const placed = items
    .map((item): PlacedItem<T> => {
      const top = zonedDay(item.start, zone) < day ? 0 : zonedMinutes(item.start, zone);
      let bottom = top + pointMinutes;
      if (item.end && Date.parse(item.end) > Date.parse(item.start))
        bottom = lastDay(item, zone) > day ? 24 * 60 : Math.max(zonedMinutes(item.end, zone), top + 15);
      return { item, top, bottom: Math.min(bottom, 24 * 60), lane: 0, lanes: 1 };
    })
    .sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  // Items that overlap, directly or through others, form a cluster; each takes the first free lane.
  let cluster: PlacedItem<T>[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) p.lanes = lanes;
    cluster = [];
  };
  for (const p of placed) {
    if (p.top >= clusterEnd) close();
    const taken = new Set(cluster.filter((o) => o.bottom > p.top).map((o) => o.lane));
    while (taken.has(p.lane)) p.lane++;
    cluster.push(p);
    clusterEnd = Math.max(clusterEnd, p.bottom);
  }
  close();
  return placed;
}

/**
 * The hours the week's grid shows: working hours (8 to 18), widened to
 * every item's.
 *
 * @example
 * visibleHours([{ top: 420, bottom: 480 }]); // { first: 7, last: 18 }
 */
export function visibleHours(placed: Array<Pick<PlacedItem, "top" | "bottom">>): { first: number; last: number } {
  let first = 8;
  let last = 18;
  for (const p of placed) {
    first = Math.min(first, Math.floor(p.top / 60));
    last = Math.max(last, Math.ceil(p.bottom / 60));
  }
  return { first, last };
}
