import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { repositoryRoot } from "../../engine/src/cli/testing.ts";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";

/** The event XState raises when a complaint stays open for 24 hours. */
export const escalationEvent = "xstate.after.PT24H.complaint_escalation.open";

/**
 * The process fixture (reference CRM, an org with service agents in
 * service_center) with `count` complaints created `hoursAgo` hours ago (25:
 * their 24 h escalation timers are due now, by the real clock).
 *
 * @example
 * const fx = await openDueComplaints("kill", 400);
 */
export async function openDueComplaints(label: string, count: number, hoursAgo = 25): Promise<ProcessFixture> {
  const fx = await openProcessFixture(label);
  fx.clock.set(new Date(Date.now() - hoursAgo * 3600_000));
  const records = fx.runtime.records(fx.context);
  const customer = await records.create(fx.system, "customer", {
    name: "Hanwha Machinery",
    region: "east",
    owner: fx.ids.get("rep.e1"),
  });
  let next = 0;
  const lanes = Array.from({ length: 4 }, async () => {
    for (let i = next++; i < count; i = next++)
      await records.create(fx.system, "complaint", {
        subject: `Spindle broke, case ${i}`,
        customer: customer.id,
        description: "The spindle of the lathe broke after a week of use.",
        severity: "major",
        category: "product_quality",
      });
  });
  await Promise.all(lanes);
  return fx;
}

/** How many escalation timers are in each status. */
export async function escalationTimers(fx: ProcessFixture): Promise<Record<string, number>> {
  const rows = await fx.storage.sql<Array<{ status: string; count: number }>>`select status, count(*)::int as count
    from temper.timers where payload->>'event' = ${escalationEvent} group by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

/** Timers due now by the real clock that no worker has fired yet. */
export async function pendingDue(fx: ProcessFixture): Promise<number> {
  const [row] = await fx.storage.sql<[{ count: number }]>`select count(*)::int as count from temper.timers
    where status = 'pending' and due_at <= now()`;
  return row.count;
}

/**
 * Checks what "every due timer fired exactly once" means in the database:
 * one escalation timer per instance, fired on its first attempt; one timeline
 * entry for it per instance; every complaint escalated to the supervisor once.
 * Returns the workers that fired them, with how many each.
 */
export async function firedOnce(fx: ProcessFixture, count: number) {
  const { sql } = fx.storage;
  const timers = await sql<Array<{ status: string; attempts: number; fired_by: string | null; n: number }>>`
    select status, attempts, fired_by, count(*)::int as n from temper.timers
    where payload->>'event' = ${escalationEvent} group by status, attempts, fired_by`;
  const perInstance = await sql<Array<{ timers: number; entries: number }>>`
    select (select count(*)::int from temper.timers t where t.instance_id = i.id and t.payload->>'event' = ${escalationEvent}) as timers,
      (select count(*)::int from temper.process_events e where e.instance_id = i.id and e.event = ${escalationEvent}) as entries
    from temper.process_instances i where i.process = 'complaint_escalation'`;
  const complaints = await sql<Array<{ status: string; escalation_level: string; n: number }>>`
    select status, escalation_level::text, count(*)::int as n from ws_acme.complaint group by status, escalation_level`;
  const activities = await sql<[{ n: number }]>`select count(*)::int as n from ws_acme.activity
    where subject = 'Complaint escalated to supervisor'`;
  const byWorker = new Map<string, number>();
  for (const t of timers) byWorker.set(String(t.fired_by), (byWorker.get(String(t.fired_by)) ?? 0) + t.n);
  return {
    /** Status and attempts of the escalation timers (expected: all fired at attempt 1). */
    timers: [...new Set(timers.map((t) => `${t.status}@${t.attempts}`))],
    instances: perInstance.length,
    /** Instances whose escalation timer or timeline entry is not exactly one. */
    notOnce: perInstance.filter((p) => p.timers !== 1 || p.entries !== 1).length,
    complaints,
    activities: activities[0].n,
    byWorker,
    total: count,
  };
}

/** A `temper worker` running in a process of its own. */
export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  /** The worker id it printed on start. */
  id: Promise<string>;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | string | null>;
  output(): string;
  /** Sends a signal if it still runs. */
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts `temper worker` against a database, as an operator would, in a
 * process of its own (node with tsx's loader, no wrapper process, so that a
 * signal reaches the worker itself).
 *
 * @example
 * const worker = spawnWorker(fx.database.url, ["--poll", "100"]);
 * await worker.id;
 * worker.kill("SIGKILL");
 */
export function spawnWorker(databaseUrl: string, args: string[] = []): WorkerProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repositoryRoot, "engine/src/cli/main.ts"), "worker", ...args],
    { cwd: repositoryRoot, env: { ...process.env, DATABASE_URL: databaseUrl } },
  );
  let output = "";
  let running = true;
  const exited = new Promise<number | string | null>((resolve) =>
    child.on("exit", (code, signal) => {
      running = false;
      resolve(code ?? signal);
    }),
  );
  const id = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Temper worker (\S+):/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then((end) => reject(new Error(`temper worker ended (${String(end)}) before it started:\n${output}`)));
  });
  id.catch(() => {});
  return {
    child,
    id,
    exited,
    output: () => output,
    kill: (signal) => void (running && child.kill(signal)),
  };
}

/**
 * Polls until `check` returns true or `timeoutMs` passes; throws with `what` on timeout.
 *
 * @example
 * await until(async () => (await pendingDue(fx)) === 0, "every due timer fired");
 */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
