import { Temporal } from "temporal-polyfill";

function parsed(text: string): Temporal.Duration | undefined {
  try {
    const duration = Temporal.Duration.from(text);
    // A look-back window is a positive whole number of units.
    return duration.sign === 1 && !/[.,]/.test(text) ? duration : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a text is a positive ISO-8601 duration of whole units (`P365D`, `P1Y6M`, `PT12H`).
 *
 * @example
 * isDuration("P365D"); // true
 * isDuration("365 days"); // false
 */
export function isDuration(text: string): boolean {
  return parsed(text) !== undefined;
}

/**
 * The instant a duration before another, by the calendar in UTC (`P1M`
 * before 31 March is the last day of February).
 *
 * @example
 * durationBefore(new Date("2026-03-02T09:00:00Z"), "P365D"); // 2025-03-02T09:00:00Z
 */
export function durationBefore(instant: Date, text: string): Date {
  const duration = parsed(text);
  if (!duration) throw new Error(`"${text}" is not an ISO-8601 duration`);
  const start = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO("UTC");
  return new Date(start.subtract(duration).epochMilliseconds);
}
