import { Temporal } from "temporal-polyfill";

/**
 * The instant a duration after another: calendar-aware in UTC, so that `P1M`
 * from 31 January is the last day of February and `P1D` is one calendar day.
 *
 * @example
 * addDuration(new Date("2026-01-01T09:00:00Z"), "PT24H"); // 2026-01-02T09:00:00Z
 */
export function addDuration(from: Date, duration: string): Date {
  const start = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO("UTC");
  return new Date(start.add(Temporal.Duration.from(duration)).epochMilliseconds);
}

/**
 * A duration in milliseconds, months and years counted from now (for XState's
 * delays, which only order timers; due times come from {@link addDuration}).
 *
 * @example
 * durationMs("PT1H"); // 3600000
 */
export function durationMs(duration: string, from = new Date()): number {
  return addDuration(from, duration).getTime() - from.getTime();
}
