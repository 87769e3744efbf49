import type { Interval, WidgetDef } from "../types";

/** The periods a dashboard can be looked at over; `custom` takes `from` and `to`. */
export const periodPresets = [
  "this_month",
  "this_quarter",
  "this_year",
  "last_month",
  "last_quarter",
  "last_year",
  "all",
  "custom",
] as const;

export type PeriodPreset = (typeof periodPresets)[number];

/** Days in the app's time zone (`YYYY-MM-DD`), both ends included; an end left out is open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The period a dashboard is looked at over: the preset chosen and the days it covers (none for all time). */
export interface Period {
  preset: PeriodPreset;
  range: DateRange | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

function iso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** A valid calendar date, `YYYY-MM-DD`. */
export function isDate(value: string | null | undefined): value is string {
  if (!value || !isoDate.test(value)) return false;
  const [y, m, d] = parts(value);
  return iso(Date.UTC(y, m - 1, d)) === value;
}

/**
 * A date moved by days or months (a month's end stays in range: Jan 31 + 1 month is Feb 28).
 *
 * @example
 * shiftDate("2026-01-31", { months: 1 }); // "2026-02-28"
 */
export function shiftDate(date: string, by: { days?: number; months?: number }): string {
  const [y, m, d] = parts(date);
  const months = m - 1 + (by.months ?? 0);
  const last = new Date(Date.UTC(y, months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, months, Math.min(d, last) + (by.days ?? 0)));
}

/**
 * The first day of the day, week (Monday), month, quarter or year a date is
 * in, as PostgreSQL's `date_trunc` cuts them.
 *
 * @example
 * intervalStart("2026-11-05", "week"); // "2026-11-02"
 */
export function intervalStart(date: string, interval: Interval): string {
  const [y, m, d] = parts(date);
  if (interval === "day") return date;
  if (interval === "week") return iso(Date.UTC(y, m - 1, d - ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7)));
  if (interval === "month") return iso(Date.UTC(y, m - 1, 1));
  if (interval === "quarter") return iso(Date.UTC(y, m - 1 - ((m - 1) % 3), 1));
  return iso(Date.UTC(y, 0, 1));
}

/**
 * The first day of the next day, week, month, quarter or year.
 *
 * @example
 * nextInterval("2026-10-01", "quarter"); // "2027-01-01"
 */
export function nextInterval(start: string, interval: Interval): string {
  if (interval === "day") return shiftDate(start, { days: 1 });
  if (interval === "week") return shiftDate(start, { days: 7 });
  return shiftDate(start, { months: interval === "month" ? 1 : interval === "quarter" ? 3 : 12 });
}

/**
 * Today's date in a time zone (UTC when none or unknown).
 *
 * @example
 * localToday("Asia/Shanghai", new Date("2026-10-31T17:00:00Z")); // "2026-11-01"
 */
export function localToday(timezone: string | undefined, now: Date): string {
  const values = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: zoneOf(timezone), year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${values.year}-${values.month}-${values.day}`;
}

/** A time zone Intl knows, else UTC. */
function zoneOf(timezone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: timezone ?? "UTC" }).resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}

/**
 * The instant a day starts in a time zone, for filtering datetime fields by
 * the app's days.
 *
 * @example
 * dayStartInstant("2026-11-01", "Asia/Shanghai"); // "2026-10-31T16:00:00.000Z"
 */
export function dayStartInstant(date: string, timezone: string | undefined): string {
  const [y, m, d] = parts(date);
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at an instant: what its wall clock reads, less the instant.
  const offsetAt = (instant: number) => {
    const wall = localToday(timezone, new Date(instant));
    const time = new Intl.DateTimeFormat("en-GB", {
      timeZone: zoneOf(timezone),
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    }).format(new Date(instant));
    const [h, min, s] = time.split(":").map(Number);
    const [wy, wm, wd] = parts(wall);
    return Date.UTC(wy, wm - 1, wd, h, min, s) - instant;
  };
  let instant = guess - offsetAt(guess);
  instant = guess - offsetAt(instant);
  return new Date(instant).toISOString();
}

/**
 * The days a preset covers, seen from today.
 *
 * @example
 * presetRange("this_quarter", "2026-11-22"); // { from: "2026-10-01", to: "2026-12-31" }
 */
export function presetRange(preset: PeriodPreset, today: string): DateRange | null {
  const span = (interval: Interval, back: number) => {
    let start = intervalStart(today, interval);
    for (let i = 0; i < back; i++) start = intervalStart(shiftDate(start, { days: -1 }), interval);
    return { from: start, to: shiftDate(nextInterval(start, interval), { days: -1 }) };
  };
  switch (preset) {
    case "this_month":
      return span("month", 0);
    case "this_quarter":
      return span("quarter", 0);
    case "this_year":
      return span("year", 0);
    case "last_month":
      return span("month", 1);
    case "last_quarter":
      return span("quarter", 1);
    case "last_year":
      return span("year", 1);
    default:
      return null;
  }
}

/**
 * The period a dashboard opens on: a month when a widget counts per day, a
 * quarter when per week, else a year.
 *
 * @example
 * defaultPreset(supervision.widgets); // "this_month"
 */
export function defaultPreset(widgets: WidgetDef[]): PeriodPreset {
  const intervals = new Set(widgets.flatMap((w) => (w.groupBy ?? []).map((g) => g.interval)));
  return intervals.has("day") ? "this_month" : intervals.has("week") ? "this_quarter" : "this_year";
}

/**
 * The period of a dashboard's address: `period=<preset>`, or `from` and
 * `to` for a custom one (either may be left out); else the default.
 *
 * @example
 * periodOf(new URLSearchParams("from=2026-09-01&to=2026-09-30"), "this_year", "2026-11-22");
 * // { preset: "custom", range: { from: "2026-09-01", to: "2026-09-30" } }
 */
export function periodOf(params: URLSearchParams, fallback: PeriodPreset, today: string): Period {
  const asked = params.get("period");
  const from = params.get("from");
  const to = params.get("to");
  const custom = asked === "custom" || (!asked && (isDate(from) || isDate(to)));
  if (custom) {
    const ends = [isDate(from) ? from : undefined, isDate(to) ? to : undefined];
    const [start, end] = ends[0] && ends[1] && ends[0] > ends[1] ? [ends[1], ends[0]] : ends;
    const range = { ...(start ? { from: start } : {}), ...(end ? { to: end } : {}) };
    return { preset: "custom", range: start || end ? range : null };
  }
  const preset = periodPresets.includes(asked as PeriodPreset) ? (asked as PeriodPreset) : fallback;
  return { preset, range: presetRange(preset, today) };
}

/**
 * The list filters that keep a field within days: from the first day's
 * start to the next day after the last, in the app's time zone for a
 * datetime field.
 *
 * @example
 * rangeParams("occurred_at", "datetime", { from: "2026-11-01", to: "2026-11-30" }, "Asia/Shanghai");
 * // [["occurred_at.gte", "2026-10-31T16:00:00.000Z"], ["occurred_at.lt", "2026-11-30T16:00:00.000Z"]]
 */
export function rangeParams(
  field: string,
  type: "date" | "datetime",
  range: DateRange,
  timezone: string | undefined,
): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  if (type === "date") {
    if (range.from) params.push([`${field}.gte`, range.from]);
    if (range.to) params.push([`${field}.lte`, range.to]);
    return params;
  }
  if (range.from) params.push([`${field}.gte`, dayStartInstant(range.from, timezone)]);
  if (range.to) params.push([`${field}.lt`, dayStartInstant(shiftDate(range.to, { days: 1 }), timezone)]);
  return params;
}
