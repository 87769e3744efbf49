import type { Actor, WorkspaceContext } from "../../engine/src/records/service.ts";
import { createRuntime } from "../../engine/src/runtime/index.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";

// Due timers fired by the engine's workers: the process benchmarks' third figure.

const escalation = "xstate.after.PT24H.complaint_escalation.open";

/** Timers fired by the workers: throughput, and the delay from due time to the committed transition. */
export interface TimersResult {
  timers: number;
  /** Timers due per second: all at once (a backlog), or spread evenly. */
  arrival: "backlog" | number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** The nearest-rank percentile of values (sorted here). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/**
 * `count` complaints cloned by SQL from one the runtime created (record,
 * instance in `open`, its pending 24 h escalation timer), with their timers
 * due from `from`, `perSecond` of them per second (all at `from` when
 * omitted). Returns the timers' ids.
 */
async function cloneComplaints(
  sql: Storage["sql"],
  schema: string,
  template: string,
  count: number,
  from: Date,
  perSecond?: number,
) {
  const columns = await sql<Array<{ name: string }>>`select column_name as name from information_schema.columns
    where table_schema = ${schema} and table_name = 'complaint' order by ordinal_position`;
  const list = columns.map((c) => `"${c.name}"`).join(", ");
  const values = columns
    .map((c) => (c.name === "id" ? "gen_random_uuid()" : c.name === "subject" ? `subject || ' ' || g` : `"${c.name}"`))
    .join(", ");
  const ids = await sql.unsafe<Array<{ id: string }>>(
    `insert into "${schema}".complaint (${list}) select ${values} from "${schema}".complaint, generate_series(1, $2) g
      where id = $1 returning id`,
    [template, count],
  );
  const instances = await sql<Array<{ id: string }>>`insert into temper.process_instances
      (workspace_id, process, entity, record_id, version_id, state, snapshot, status, version, state_since, started_at, updated_at)
    select i.workspace_id, i.process, i.entity, c.id, i.version_id, i.state, i.snapshot, i.status, i.version, i.state_since,
      i.started_at, i.updated_at
    from temper.process_instances i, unnest(${ids.map((r) => r.id)}::uuid[]) c(id)
    where i.record_id = ${template} and i.process = 'complaint_escalation' returning id`;
  const step = perSecond ? 1000 / perSecond : 0;
  const timers = await sql<Array<{ id: string }>>`insert into temper.timers
      (workspace_id, instance_id, kind, key, payload, due_at, created_at)
    select t.workspace_id, n.id, t.kind, t.key, t.payload,
      ${from}::timestamptz + make_interval(secs => (n.ord - 1) * ${step}::float8 / 1000), now()
    from temper.timers t, unnest(${instances.map((r) => r.id)}::uuid[]) with ordinality n(id, ord)
    join temper.process_instances i on i.record_id = ${template} and i.process = 'complaint_escalation'
    where t.instance_id = i.id and t.status = 'pending' and t.payload->>'event' = ${escalation} returning id`;
  await sql`analyze temper.timers`;
  await sql`analyze temper.process_instances`;
  return timers.map((t) => t.id);
}

/** Runs the workers (the engine's defaults: poll every second, 4 at a time) until every given timer fired. */
async function fireAll(storage: Storage, ids: string[], arrival: TimersResult["arrival"]): Promise<TimersResult> {
  const runtime = createRuntime({ storage, workerId: "bench" });
  // Plugins' jobs (the daily customer scoring) would compete with the timers for the same two cores.
  const workers = runtime.startWorkers({ jobs: false });
  const started = new Date();
  try {
    for (;;) {
      const [left] = await storage.sql<[{ n: number }]>`select count(*)::int as n from temper.timers
        where id = any(${ids}::uuid[]) and status = 'pending'`;
      if (left.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await workers.stop();
  }
  const rows = await storage.sql<Array<{ status: string; delay: number; fired_at: Date; due_at: Date }>>`
    select status, extract(epoch from fired_at - due_at) * 1000 as delay, fired_at, due_at
    from temper.timers where id = any(${ids}::uuid[])`;
  const failed = rows.filter((r) => r.status !== "fired").length;
  if (failed > 0) throw new Error(`${failed} of ${ids.length} timers did not fire`);
  const delays = rows.map((r) => Number(r.delay));
  const first = Math.max(started.getTime(), Math.min(...rows.map((r) => r.due_at.getTime())));
  const last = Math.max(...rows.map((r) => r.fired_at.getTime()));
  return {
    timers: ids.length,
    arrival,
    perSecond: Math.round(ids.length / ((last - first) / 1000)),
    p50Ms: Math.round(percentile(delays, 0.5)),
    p99Ms: Math.round(percentile(delays, 0.99)),
  };
}

/**
 * 10,000 complaints' escalation timers fired by `runtime.startWorkers({ jobs: false })`:
 * first all due at once (a backlog: how fast the workers drain it), then
 * falling due evenly at half that pace for a minute (the delay from due time
 * to the transition under a load the workers keep up with).
 */
export async function benchTimers(
  storage: Storage,
  prepared: { context: WorkspaceContext; system: Actor },
  count: number,
) {
  const schema = prepared.context.schema;
  // Created now: its own timer falls due tomorrow; only the clones' are due.
  const runtime = createRuntime({ storage });
  const [customer] = await storage.sql<[{ id: string }]>`select id from ${storage.sql(schema)}.customer limit 1`;
  const template = await runtime.records(prepared.context).create(prepared.system, "complaint", {
    subject: "Spindle broke",
    customer: customer.id,
    description: "The spindle of the lathe broke after a week of use.",
    severity: "major",
    category: "product_quality",
  });
  const backlog = await fireAll(
    storage,
    await cloneComplaints(storage.sql, schema, String(template.id), count, new Date(Date.now() - 1000)),
    "backlog",
  );
  // Half the backlog's pace, for a minute at most.
  const rate = Math.max(1, Math.floor(backlog.perSecond / 2));
  const spread = await fireAll(
    storage,
    await cloneComplaints(
      storage.sql,
      schema,
      String(template.id),
      Math.min(count, rate * 60),
      new Date(Date.now() + 2000),
      rate,
    ),
    rate,
  );
  return [backlog, spread];
}
