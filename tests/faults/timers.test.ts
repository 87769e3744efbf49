import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  escalationTimers,
  firedOnce,
  openDueComplaints,
  pendingDue,
  spawnWorker,
  until,
  type WorkerProcess,
} from "./due-timers.ts";

const count = 400;
const workerArgs = ["--poll", "100", "--concurrency", "4"];
const spawned: WorkerProcess[] = [];

function worker(fx: ProcessFixture): WorkerProcess {
  const started = spawnWorker(fx.database.url, workerArgs);
  spawned.push(started);
  return started;
}

afterAll(async () => {
  for (const child of spawned) child.kill("SIGKILL");
  await Promise.all(spawned.map((child) => child.exited));
});

/** Stops a worker as an operator would and checks it ended cleanly. */
async function stop(child: WorkerProcess) {
  child.kill("SIGTERM");
  expect(await child.exited, child.output()).toBe(0);
}

describe("a killed engine process", () => {
  let fx: ProcessFixture;
  beforeAll(async () => (fx = await openDueComplaints("faults_kill", count)), 120_000);
  afterAll(() => fx?.close());

  it("Killing the engine process (SIGKILL) while timers are due and restarting it: every due timer fires exactly once", async () => {
    expect(await escalationTimers(fx)).toEqual({ pending: count });
    const first = worker(fx);
    const firstId = await first.id;
    await until(async () => ((await escalationTimers(fx)).fired ?? 0) >= count / 10, "a tenth of the timers fired");
    first.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    const atKill = await escalationTimers(fx);
    expect(atKill.fired).toBeGreaterThan(0);
    expect(atKill.pending, "the worker was killed before it fired every timer").toBeGreaterThan(0);

    const second = worker(fx);
    const secondId = await second.id;
    await until(async () => (await pendingDue(fx)) === 0, "no due timer left pending");
    await stop(second);

    const result = await firedOnce(fx, count);
    expect(result).toMatchObject({
      timers: ["fired@1"],
      instances: count,
      notOnce: 0,
      complaints: [{ status: "escalated_supervisor", escalation_level: "1", n: count }],
      activities: count,
    });
    expect([...result.byWorker.keys()].sort()).toEqual([firstId, secondId].sort());
  });
});

describe("two engine processes", () => {
  let fx: ProcessFixture;
  // Created now: the timers fall due only once both workers are up, so that neither gets them all for want of the other.
  beforeAll(async () => (fx = await openDueComplaints("faults_share", count, 0)), 120_000);
  afterAll(() => fx?.close());

  it("Two engine processes against one database share the timer work without double firing", async () => {
    expect(await pendingDue(fx)).toBe(0);
    const workers = [worker(fx), worker(fx)];
    const ids = await Promise.all(workers.map((w) => w.id));
    expect(new Set(ids).size).toBe(2);
    await fx.storage.sql`update temper.timers set due_at = now() - interval '1 hour'
      where status = 'pending' and payload->>'event' = 'xstate.after.PT24H.complaint_escalation.open'`;
    await until(async () => (await pendingDue(fx)) === 0, "no due timer left pending");
    await Promise.all(workers.map(stop));

    const result = await firedOnce(fx, count);
    expect(result).toMatchObject({
      timers: ["fired@1"],
      instances: count,
      notOnce: 0,
      complaints: [{ status: "escalated_supervisor", escalation_level: "1", n: count }],
      activities: count,
    });
    expect([...result.byWorker.keys()].sort()).toEqual([...ids].sort());
    const [duplicates] = await fx.storage.sql<[{ n: number }]>`select count(*)::int as n from (
        select instance_id, event, from_state, to_state from temper.process_events
        group by instance_id, event, from_state, to_state having count(*) > 1) d`;
    expect(duplicates.n).toBe(0);
  });
});
