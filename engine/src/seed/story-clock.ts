import { performance } from "node:perf_hooks";
import { type ManualClock, manualClock } from "../runtime/index.ts";
import type { Storage } from "../storage/platform/database.ts";

/** One move of the story's clock: from this moment of the database's own time on, the story is at `story`. */
export interface ClockMark {
  /** The database server's time when the clock moved, in milliseconds (with fractions). */
  real: number;
  /** The story's time from then on, in milliseconds. */
  story: number;
}

/** The clock of a story told in the past: a manual clock that notes each move against the database's time. */
export interface StoryClock extends ManualClock {
  /** Every move, in order. */
  readonly marks: ClockMark[];
}

/**
 * A manual clock for a story that starts at `start`, which remembers, for
 * every move, the database server's time. The runtime takes its time from
 * the clock, but a record's `created_at`, `updated_at` and field history
 * are stamped by the database (`now()`); the marks let `backdate` put those
 * stamps where the story happened. The server's time is read once and then
 * followed with the local monotonic clock, erring early (so that every
 * transaction that starts after a move is stamped after its mark).
 *
 * @example
 * const clock = await storyClock(storage, new Date("2026-01-05T01:00:00Z"));
 * clock.set(new Date("2026-01-06T02:30:00Z")); // marks the move
 */
export async function storyClock(storage: Storage, start: Date): Promise<StoryClock> {
  const [row] = await storage.sql<[{ at: Date }]>`select clock_timestamp() as at`;
  // The server read its time before the answer arrived: taking the arrival as its instant errs early.
  const offset = row!.at.getTime() - (performance.timeOrigin + performance.now());
  const serverNow = () => performance.timeOrigin + performance.now() + offset;
  const inner = manualClock(start);
  const marks: ClockMark[] = [];
  const mark = () => {
    const real = serverNow();
    const last = marks[marks.length - 1];
    if (last && real <= last.real) last.story = inner.now().getTime();
    else marks.push({ real, story: inner.now().getTime() });
  };
  mark();
  return {
    marks,
    now: () => inner.now(),
    advance(duration) {
      inner.advance(duration);
      mark();
    },
    set(instant) {
      if (instant.getTime() === inner.now().getTime()) return;
      inner.set(instant);
      mark();
    },
  };
}
