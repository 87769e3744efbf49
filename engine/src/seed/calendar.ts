/** The demo company's time zone, Asia/Shanghai: UTC+8 all year. */
const offsetMs = 8 * 3600_000;
const hourMs = 3600_000;
const dayMs = 24 * hourMs;

/** Office hours in Shanghai, as hours of the day. */
const officeHours = { start: 9, end: 18 };

/**
 * The local (Shanghai) calendar date of an instant, `YYYY-MM-DD`.
 *
 * @example
 * localDate(new Date("2026-03-02T17:30:00Z")); // "2026-03-03"
 */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + offsetMs).toISOString().slice(0, 10);
}

/**
 * The instant of a local time: midnight of `date` (`YYYY-MM-DD`) plus `hours`.
 *
 * @example
 * atLocal("2026-03-02", 9.5); // 2026-03-02T01:30:00Z (09:30 in Shanghai)
 */
export function atLocal(date: string, hours = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - offsetMs + hours * hourMs);
}

/** The local hour of the day of an instant, with fractions (9.5 is 09:30). */
function localHour(instant: Date): number {
  return ((((instant.getTime() + offsetMs) % dayMs) + dayMs) % dayMs) / hourMs;
}

/**
 * Whether a local date falls on a Saturday or a Sunday.
 *
 * @example
 * isWeekend("2026-03-07"); // true: a Saturday
 */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The local date `days` after `date`.
 *
 * @example
 * addDays("2026-02-27", 2); // "2026-03-01"
 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * The working days from `from` to `to` (local dates, both included).
 *
 * @example
 * workingDays("2026-03-06", "2026-03-09"); // ["2026-03-06", "2026-03-09"]
 */
export function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) if (!isWeekend(date)) days.push(date);
  return days;
}

/**
 * The instant moved into office hours: itself when it is in them, else the
 * start of the next working morning, plus `spreadMinutes` (so that not every
 * deferred piece of work happens at 09:00 sharp).
 *
 * @example
 * inOfficeHours(new Date("2026-03-07T03:00:00Z"), 25); // Saturday 11:00 → Monday 09:25 Shanghai
 */
export function inOfficeHours(instant: Date, spreadMinutes = 0): Date {
  let date = localDate(instant);
  const hour = localHour(instant);
  if (!isWeekend(date) && hour >= officeHours.start && hour < officeHours.end) return instant;
  if (hour >= officeHours.end) date = addDays(date, 1);
  while (isWeekend(date)) date = addDays(date, 1);
  return new Date(atLocal(date, officeHours.start).getTime() + spreadMinutes * 60_000);
}

/**
 * An instant `hours` after another.
 *
 * @example
 * hoursAfter(new Date("2026-03-02T01:00:00Z"), 1.5); // 2026-03-02T02:30:00Z
 */
export function hoursAfter(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * hourMs);
}

/**
 * An instant `days` (with fractions) after another.
 *
 * @example
 * daysAfter(new Date("2026-03-02T01:00:00Z"), -1); // 2026-03-01T01:00:00Z
 */
export function daysAfter(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * dayMs);
}

/**
 * The first day of the local month of a date, `YYYY-MM-01`.
 *
 * @example
 * monthStart("2026-03-17"); // "2026-03-01"
 */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The last day of the local month of a date.
 *
 * @example
 * monthEnd("2026-02-10"); // "2026-02-28"
 */
export function monthEnd(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The first day of the quarter of a date.
 *
 * @example
 * quarterStart("2026-05-20"); // "2026-04-01"
 */
export function quarterStart(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return `${year}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
}

/**
 * The last day of the quarter of a date.
 *
 * @example
 * quarterEnd("2026-05-20"); // "2026-06-30"
 */
export function quarterEnd(date: string): string {
  return monthEnd(addMonths(quarterStart(date), 2));
}

/**
 * The first day of the month `months` after the month of `date`.
 *
 * @example
 * addMonths("2026-11-15", 2); // "2027-01-01"
 */
export function addMonths(date: string, months: number): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}
