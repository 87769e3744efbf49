import { addDays, type Day, weekdayOf, zonedStart } from "./days";

/** The calendar's two views. */
export type CalendarView = "month" | "week";

/** Where no `Intl` week data is to be had: the regions that start the week on Sunday or Saturday. */
const sundayRegions = new Set(["US", "CA", "MX", "BR", "JP", "KR", "TW", "HK", "IL", "IN", "PH", "ZA", "AU", "SA"]);

/**
 * The first day of the week in a locale, 0 for Sunday to 6 for Saturday: the
 * locale's week data (`Intl.Locale`'s week info), else a guess from its region.
 *
 * @example
 * firstDayOfWeek("zh"); // 1 (Monday)
 * firstDayOfWeek("ko"); // 0 (Sunday)
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const tag = new Intl.Locale(locale);
    const info = tag as unknown as { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay;
    if (firstDay !== undefined) return firstDay % 7;
    const region = tag.maximize().region ?? "";
    return sundayRegions.has(region) ? 0 : 1;
  } catch {
    return 1;
  }
}

/**
 * The first day of the week a day is in.
 *
 * @example
 * weekStart("2026-11-04", 1); // "2026-11-02"
 * weekStart("2026-11-04", 0); // "2026-11-01"
 */
export function weekStart(day: Day, firstDay: number): Day {
  return addDays(day, -((weekdayOf(day) - firstDay + 7) % 7));
}

/**
 * The seven days of the week a day is in.
 *
 * @example
 * weekDays("2026-11-04", 1); // ["2026-11-02", …, "2026-11-08"]
 */
export function weekDays(day: Day, firstDay: number): Day[] {
  const start = weekStart(day, firstDay);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/**
 * The weeks a month's grid shows: whole weeks from the one its first day is
 * in to the one its last day is in (four to six).
 *
 * @example
 * monthWeeks("2026-11-18", 1)[0]; // ["2026-10-26", …, "2026-11-01"]
 */
export function monthWeeks(day: Day, firstDay: number): Day[][] {
  const first = `${day.slice(0, 7)}-01`;
  const last = addDays(monthShift(first, 1), -1);
  const weeks: Day[][] = [];
  for (let start = weekStart(first, firstDay); start <= last; start = addDays(start, 7))
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  return weeks;
}

/**
 * The first day of the month some months away.
 *
 * @example
 * monthShift("2026-01-31", 1); // "2026-02-01"
 */
export function monthShift(day: Day, months: number): Day {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** What a view of the calendar shows: its days and the instants they span in the app's time zone. */
export interface CalendarSpan {
  view: CalendarView;
  /** The month's weeks, or the one week. */
  weeks: Day[][];
  /** The day the view is about (in its month, or its week). */
  anchor: Day;
  /** Where the previous and next buttons go. */
  previous: Day;
  next: Day;
  from: Date;
  to: Date;
}

/**
 * A view of the calendar around a day, in a time zone, weeks starting on a
 * given day: its weeks, the instants from the first day's start to the end
 * of the last day, and the days the previous and next buttons go to.
 *
 * @example
 * const span = calendarSpan("week", "2026-11-04", 1, "Asia/Shanghai");
 * span.from.toISOString(); // "2026-11-01T16:00:00.000Z" (Monday 2 November, 00:00 in Shanghai)
 */
export function calendarSpan(view: CalendarView, day: Day, firstDay: number, zone: string): CalendarSpan {
  const weeks = view === "month" ? monthWeeks(day, firstDay) : [weekDays(day, firstDay)];
  const first = weeks[0]![0]!;
  const last = weeks.at(-1)!.at(-1)!;
  return {
    view,
    weeks,
    anchor: day,
    previous: view === "month" ? monthShift(day, -1) : addDays(day, -7),
    next: view === "month" ? monthShift(day, 1) : addDays(day, 7),
    from: zonedStart(first, zone),
    to: zonedStart(addDays(last, 1), zone),
  };
}
