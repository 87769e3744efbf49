// Test-only: loaded by `temper serve`/`start` only under TEMPER_TEST_CONTROLS=1 (the end-to-end harness),
// never otherwise. Without the flag no route answers under /api/v1/test.
import { Hono } from "hono";
import { EngineError } from "../../errors.ts";
import { addDuration } from "../../process/duration.ts";
import { type Clock, systemClock } from "../../runtime/clock.ts";
import type { Runtime } from "../../runtime/index.ts";
import { onError } from "../problem.ts";
import { readJsonObject } from "../json-body.ts";

/** A clock that runs with the system's, ahead of it by what it was advanced. */
export interface TestClock extends Clock {
  /** Moves the clock forward by an ISO-8601 duration; the new time. */
  advance(duration: string): Date;
}

/**
 * The clock of a server under test: the system's time plus an offset that
 * only grows, so that records, timers and the outbox keep moving as usual
 * between two advances.
 *
 * @example
 * const clock = testClock();
 * clock.advance("PT25H"); // clock.now() is now 25 hours ahead of the system's
 */
export function testClock(base: Clock = systemClock): TestClock {
  let offsetMs = 0;
  const now = () => new Date(base.now().getTime() + offsetMs);
  return {
    now,
    advance(duration) {
      const from = now();
      let to: Date;
      try {
        to = addDuration(from, duration);
      } catch {
        throw new EngineError("bad_request", `"${duration}" is not an ISO-8601 duration such as PT25H or P3D`);
      }
      if (to.getTime() < from.getTime()) throw new EngineError("bad_request", "the clock only moves forward");
      offsetMs += to.getTime() - from.getTime();
      return now();
    },
  };
}

/** What is still to do at the clock's time: due timers, and side effects due or claimed by a worker (tried, no error yet). */
async function pendingWork(runtime: Runtime, now: Date): Promise<number> {
  const { sql } = runtime.deps.storage;
  const [row] = await sql<Array<{ n: number }>>`select
      (select count(*) from temper.timers where status = 'pending' and due_at <= ${now})::int
    + (select count(*) from temper.outbox where status = 'pending'
        and (next_attempt_at <= ${now} or (attempts > 0 and last_error is null)))::int as n`;
  return row!.n;
}

/** What an advance did. */
export interface SettledWork {
  timers: { fired: number; failed: number };
  outbox: { delivered: number; retried: number; failed: number };
  /** Work still due when the time allowed ran out (0 once all is done). */
  pending: number;
}

/**
 * Runs the timers due at the clock's time and delivers the outbox, round
 * after round, until nothing due is left (work a timer schedules for later
 * stays for later) or `withinMs` has passed. The process's own workers may
 * take part of the work meanwhile: it is waited for.
 *
 * @example
 * clock.advance("PT25H");
 * await settleDueWork(runtime); // { timers: { fired: 3, failed: 0 }, outbox: { delivered: 7, … }, pending: 0 }
 */
export async function settleDueWork(runtime: Runtime, withinMs = 60_000): Promise<SettledWork> {
  const done: SettledWork = {
    timers: { fired: 0, failed: 0 },
    outbox: { delivered: 0, retried: 0, failed: 0 },
    pending: 0,
  };
  const deadline = Date.now() + withinMs;
  for (;;) {
    const timers = await runtime.timers.runDue({ limit: 200 });
    const outbox = await runtime.outbox.deliverDue({ limit: 200 });
    done.timers.fired += timers.fired;
    done.timers.failed += timers.failed;
    done.outbox.delivered += outbox.delivered;
    done.outbox.retried += outbox.retried;
    done.outbox.failed += outbox.failed;
    done.pending = await pendingWork(runtime, runtime.clock.now());
    if (done.pending === 0 || Date.now() > deadline) return done;
    if (timers.fired + timers.failed + outbox.delivered + outbox.retried + outbox.failed === 0)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `/api/v1/test/clock`, for end-to-end tests only: `GET` answers the
 * runtime's time; `POST { "advance": "PT25H" }` moves it forward, then runs
 * the timers that came due and delivers the outbox before answering.
 *
 * @example
 * const app = withTestClock(createApi({ storage, runtime }), clock, runtime);
 * await app.request("/api/v1/test/clock", { method: "POST", body: '{"advance":"PT25H"}' });
 * // 200 { now: "…", timers: { fired: 1, failed: 0 }, outbox: { delivered: 2, … }, pending: 0 }
 */
export function testClockRoutes(clock: TestClock, runtime: Runtime) {
  return new Hono()
    .get("/", (c) => c.json({ now: clock.now().toISOString() }))
    .post("/", async (c) => {
      const { advance } = await readJsonObject(c);
      if (typeof advance !== "string")
        throw new EngineError("bad_request", 'send { "advance": "<ISO-8601 duration>" }, e.g. { "advance": "PT25H" }');
      clock.advance(advance);
      const settled = await settleDueWork(runtime);
      return c.json({ now: clock.now().toISOString(), ...settled });
    })
    .onError(onError);
}

/**
 * The API with the test clock's route in front of it (no sign-in needed:
 * only a server started for tests has it).
 *
 * @example
 * const clock = testClock();
 * const runtime = await engineRuntime(storage, { clock });
 * const api = withTestClock(createApi({ storage, runtime }), clock, runtime);
 */
export function withTestClock(
  api: { fetch: (request: Request) => Response | Promise<Response> },
  clock: TestClock,
  runtime: Runtime,
) {
  return new Hono().route("/api/v1/test/clock", testClockRoutes(clock, runtime)).all("*", (c) => api.fetch(c.req.raw));
}
