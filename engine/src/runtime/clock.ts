import { addDuration } from "../process/duration.ts";

/** Where the runtime reads the time: the system's, or one a test or a simulation moves. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told: `advance("PT25H")`. */
export interface ManualClock extends Clock {
  advance(duration: string): void;
  set(instant: Date): void;
}

/**
 * A clock for tests and simulations.
 *
 * @example
 * const clock = manualClock(new Date("2026-03-02T09:00:00Z"));
 * clock.advance("PT25H");
 * clock.now(); // 2026-03-03T10:00:00Z
 */
export function manualClock(start: Date = new Date()): ManualClock {
  let current = start;
  return {
    now: () => current,
    advance(duration) {
      current = addDuration(current, duration);
    },
    set(instant) {
      current = instant;
    },
  };
}
