/** A calendar day, `YYYY-MM-DD`: a day as people in a time zone live it, not an instant. */
export type Day = string;

const parts = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = parts.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    parts.set(zone, format);
  }
  return format;
}

/** The wall clock of an instant in a time zone. */
function wallClock(instant: Date, zone: string) {
  const values: Record<string, number> = {};
  for (const part of partsFormat(zone).formatToParts(instant))
    if (part.type !== "literal") values[part.type] = Number(part.value);
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * A time zone that `Intl` knows, else UTC.
 *
 * @example
 * knownZone("Asia/Shanghai"); // "Asia/Shanghai"
 * knownZone("Mars/Olympus"); // "UTC"
 */
export function knownZone(zone: string | undefined): string {
  if (!zone) return "UTC";
  try {
    partsFormat(zone);
    return zone;
  } catch {
    return "UTC";
  }
}

/**
 * The day an instant falls on in a time zone.
 *
 * @example
 * zonedDay("2026-11-01T17:30:00Z", "Asia/Shanghai"); // "2026-11-02"
 */
export function zonedDay(instant: Date | string, zone: string): Day {
  const clock = wallClock(new Date(instant), zone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/**
 * The minutes since midnight of an instant in a time zone.
 *
 * @example
 * zonedMinutes("2026-11-02T01:30:00Z", "Asia/Shanghai"); // 570 (9:30)
 */
export function zonedMinutes(instant: Date | string, zone: string): number {
  const clock = wallClock(new Date(instant), zone);
  return clock.hour * 60 + clock.minute;
}

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const clock = wallClock(new Date(instant), zone);
  const wall = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a day begins in a time zone (its first minute, where a change
 * of clocks skips midnight).
 *
 * @example
 * zonedStart("2026-11-02", "Asia/Shanghai").toISOString(); // "2026-11-01T16:00:00.000Z"
 */
export function zonedStart(day: Day, zone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  let instant = midnight - offsetAt(midnight, zone);
  // Around a change of clocks the offset at the guess may differ from the one at the answer.
  const again = midnight - offsetAt(instant, zone);
  if (again !== instant && zonedDay(new Date(again), zone) === day) instant = again;
  return new Date(instant);
}

/**
 * A day some days later (or earlier, with a negative count).
 *
 * @example
 * addDays("2026-02-27", 2); // "2026-03-01"
 */
export function addDays(day: Day, count: number): Day {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + count)).toISOString().slice(0, 10);
}

/**
 * The day of the week, 0 for Sunday to 6 for Saturday.
 *
 * @example
 * weekdayOf("2026-11-02"); // 1 (a Monday)
 */
export function weekdayOf(day: Day): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * A day as a `Date` at noon UTC, for formatting it with `timeZone: "UTC"`.
 *
 * @example
 * new Intl.DateTimeFormat("en", { weekday: "short", timeZone: "UTC" }).format(dayDate("2026-11-02")); // "Mon"
 */
export function dayDate(day: Day): Date {
  return new Date(`${day}T12:00:00Z`);
}

/**
 * Whether a string is a real day, `YYYY-MM-DD`.
 *
 * @example
 * isDay("2026-02-30"); // false
 */
export function isDay(value: string | null | undefined): value is Day {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}
