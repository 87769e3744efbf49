import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transition } from "xstate";
import { readDefinitionFolder } from "../../engine/src/definitions/index.ts";
import { createUnit } from "../../engine/src/org/units.ts";
import { compileProcess } from "../../engine/src/process/machine.ts";
import { isRefusal, planEvent } from "../../engine/src/process/plan.ts";
import type { Actor, WorkspaceContext } from "../../engine/src/records/service.ts";
import { createRuntime, type Runtime } from "../../engine/src/runtime/index.ts";
import { openStorage, type Storage } from "../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../engine/src/storage/publish.ts";
import { currentVersion } from "../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../engine/src/storage/workspaces.ts";
import { addUser } from "../../engine/src/users/service.ts";
import { round } from "./stats.ts";
import { benchTimers, type TimersResult } from "./timers.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const workspaceId = "bench_processes";
const schema = `ws_${workspaceId}`;
const concurrencies = [1, 8, 32];
/** Opportunities per client: a client fires on its own, in turn. */
const perClient = 4;

/** Events per second through the runtime beside the bare transaction by hand, at one concurrency. */
export interface EventsResult {
  clients: number;
  events: number;
  engine: number;
  byHand: number;
  /** engine / byHand. */
  ratio: number;
}

/** What the process benchmarks measured. */
export interface ProcessesResult {
  events: EventsResult[];
  plan: { transitions: number; engine: number; xstate: number; ratio: number };
  timers: TimersResult[];
}

type Sql = Storage["sql"];

/** The reference CRM with a sales team of 32 reps and a service center, each rep with their own opportunities. */
async function prepare(storage: Storage) {
  await createWorkspace(storage, workspaceId);
  const { texts } = await readDefinitionFolder(join(root, "definitions/examples/crm"));
  await publishDefinition(storage, { workspaceId, texts, publishedBy: "cli:bench" });
  const units = [
    { code: "company", kind: "company", parent: null },
    { code: "sales", kind: "department", parent: "company" },
    { code: "service", kind: "department", parent: "company" },
    { code: "service_center", kind: "team", parent: "service" },
  ] as const;
  for (const unit of units) await createUnit(storage, workspaceId, { ...unit, name: unit.code });
  const password = "bench password";
  const people = [
    { username: "director", roles: ["sales_director"], unit: "sales" },
    { username: "svc.director", roles: ["executive"], unit: "service" },
    { username: "supervisor", roles: ["service_supervisor"], unit: "service_center", manager: "svc.director" },
    { username: "agent1", roles: ["service_agent"], unit: "service_center", manager: "supervisor" },
    { username: "agent2", roles: ["service_agent"], unit: "service_center", manager: "supervisor" },
    ...concurrencies.slice(-1).flatMap((n) =>
      Array.from({ length: n }, (_, i) => ({
        username: `rep${i}`,
        roles: ["sales_rep"],
        unit: "sales",
        manager: "director",
      })),
    ),
  ];
  for (const person of people) await addUser(storage, { workspaceId, password, ...person });
  const definition = (await currentVersion(storage, workspaceId))!.definition;
  const context: WorkspaceContext = { workspaceId, schema, definition };
  const users = await storage.sql<Actor[]>`select id, username, roles, org_unit_id as "orgUnitId",
    manager_id as "managerId", username = 'system' as system from temper.users where workspace_id = ${workspaceId}`;
  const actor = (username: string): Actor => ({ ...users.find((u) => u.username === username)! });
  return { context, actor, system: actor("system") };
}

/** Runs `events` pieces of work shared among the clients, each client one after another; returns them per second. */
async function throughput(clients: Client[], events: number, work: (client: Client, i: number) => Promise<unknown>) {
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < events / clients.length; i++) await work(client, i);
    }),
  );
  return events / ((performance.now() - start) / 1000);
}

/**
 * Each client (a rep) fires `qualify` and `move_back` in turn on their own
 * opportunities through `runtime.events.fire`, as the API does for a
 * request (the actor's scope resolved anew each time).
 */
function fireLoop(runtime: Runtime, context: WorkspaceContext, clients: Client[], events: number) {
  return throughput(clients, events, async (client, i) => {
    const target = client.opportunities[i % perClient]!;
    const type = target.state === "prospecting" ? "qualify" : "move_back";
    const result = await runtime.events.fire({ ...client.actor }, context, "opportunity", target.id, { type });
    target.state = result.state;
  });
}

/**
 * The same shape written by hand: lock the instance row, update it (its
 * snapshot written back), insert one timeline row and one outbox row, in one
 * transaction.
 */
async function handLoop(sql: Sql, clients: Client[], events: number) {
  const perSecond = await throughput(clients, events, (client, i) =>
    sql.begin(async (tx) => {
      const [instance] = await tx<Array<{ id: string; state: string; snapshot: object; version: number }>>`select *
        from temper.process_instances where id = ${client.opportunities[i % perClient]!.instanceId} for update`;
      const { id, state, version } = instance!;
      const now = new Date();
      await tx`update temper.process_instances set state = ${state}, snapshot = ${tx.json(instance!.snapshot as never)},
        version = version + 1, updated_at = ${now} where id = ${id}`;
      await tx`insert into temper.process_events (workspace_id, instance_id, kind, event, data, from_state, to_state, actor_id, at)
        values (${workspaceId}, ${id}, 'event', 'bench', ${tx.json({})}, ${state}, ${state}, ${client.actor.id}, ${now})`;
      await tx`insert into temper.outbox (workspace_id, instance_id, key, step, payload, next_attempt_at, created_at)
        values (${workspaceId}, ${id}, ${`${id}.bench.${version}`}, 'bench', ${tx.json({})}, ${now}, ${now})`;
    }),
  );
  // Nothing delivers a "bench" step: gone before the workers run.
  await sql`delete from temper.outbox where step = 'bench'`;
  return perSecond;
}

interface Client {
  actor: Actor;
  opportunities: Array<{ id: string; instanceId: string; state: string }>;
}

async function benchEvents(storage: Storage, prepared: Awaited<ReturnType<typeof prepare>>, events: number) {
  const runtime = createRuntime({ storage });
  const records = runtime.records(prepared.context);
  const clients: Client[] = [];
  for (let i = 0; i < concurrencies.at(-1)!; i++) {
    const actor = prepared.actor(`rep${i}`);
    const customer = await records.create(prepared.system, "customer", {
      name: `Customer of rep ${i}`,
      region: "east",
      status: "active",
      owner: actor.id,
    });
    const opportunities: Client["opportunities"] = [];
    for (let j = 0; j < perClient; j++) {
      const created = await records.create(prepared.system, "opportunity", {
        name: `Deal ${i}.${j}`,
        customer: customer.id,
        amount: 10_000,
        expected_close: "2027-06-30",
        owner: actor.id,
      });
      const [instance] = await storage.sql<[{ id: string }]>`select id from temper.process_instances
        where workspace_id = ${workspaceId} and record_id = ${String(created.id)}`;
      opportunities.push({ id: String(created.id), instanceId: instance.id, state: "prospecting" });
    }
    clients.push({ actor, opportunities });
  }
  // Warm-up: compiled machines, cached definitions, the pool's connections, both paths.
  await fireLoop(runtime, prepared.context, clients, clients.length * 2);
  await handLoop(storage.sql, clients, clients.length * 2);
  const results: EventsResult[] = [];
  for (const n of concurrencies) {
    const some = clients.slice(0, n);
    const total = Math.ceil(events / n) * n;
    // Alternating halves, so that the table's growth and the server's state treat both alike.
    const byHand = [await handLoop(storage.sql, some, total / 2)];
    const engine = [await fireLoop(runtime, prepared.context, some, total / 2)];
    engine.push(await fireLoop(runtime, prepared.context, some, total / 2));
    byHand.push(await handLoop(storage.sql, some, total / 2));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    results.push({
      clients: n,
      events: total,
      engine: Math.round(mean(engine)),
      byHand: Math.round(mean(byHand)),
      ratio: round(mean(engine) / mean(byHand)),
    });
  }
  return results;
}

/** The engine's pure planning beside XState's own `transition()` on the same compiled machine. */
function benchPlan(context: WorkspaceContext, transitions: number) {
  const compiled = compileProcess(context.definition, "opportunity_pipeline");
  const input = {
    record: { id: "o1", name: "Deal", amount: 10_000, stage: "prospecting" },
    user: { id: "u1", username: "rep0", roles: ["sales_rep"] },
    now: new Date(),
  };
  const engine = () => {
    let state = "prospecting";
    const start = performance.now();
    for (let i = 0; i < transitions; i++) {
      const plan = planEvent(compiled, state, state === "prospecting" ? "qualify" : "move_back", {}, input);
      if (isRefusal(plan)) throw new Error(plan.message);
      state = plan.to;
    }
    return transitions / ((performance.now() - start) / 1000);
  };
  const xstate = () => {
    const { machine } = compiled;
    let snapshot = machine.resolveState({ value: "prospecting", context: {} });
    const start = performance.now();
    for (let i = 0; i < transitions; i++) {
      const type = snapshot.value === "prospecting" ? "qualify" : "move_back";
      [snapshot] = transition(machine, snapshot, { type, data: {}, ...input } as never);
    }
    return transitions / ((performance.now() - start) / 1000);
  };
  for (let i = 0; i < 3; i++) {
    engine();
    xstate();
  }
  const e = Math.max(engine(), engine(), engine());
  const x = Math.max(xstate(), xstate(), xstate());
  return { transitions, engine: Math.round(e), xstate: Math.round(x), ratio: round(e / x) };
}

/**
 * The process runtime's benchmarks on the database at `url` (a workspace of
 * their own with the reference CRM): events per second through
 * `runtime.events.fire` at 1, 8 and 32 clients beside the bare transaction by
 * hand; planning beside XState's `transition()`; and due timers fired by the
 * workers.
 *
 * @example
 * const results = await benchProcesses(url, { events: 2000, transitions: 50_000, timers: 10_000 }, console.error);
 */
export async function benchProcesses(
  url: string,
  sizes: { events: number; transitions: number; timers: number },
  log: (message: string) => void,
): Promise<ProcessesResult> {
  const storage = await openStorage(url, { max: concurrencies.at(-1)! + 8 });
  try {
    const prepared = await prepare(storage);
    log(`planning ${sizes.transitions.toLocaleString("en")} transitions in memory, engine and XState`);
    const plan = benchPlan(prepared.context, sizes.transitions);
    log(
      `firing ${sizes.events.toLocaleString("en")} events at ${concurrencies.join(", ")} clients, engine and by hand`,
    );
    const events = await benchEvents(storage, prepared, sizes.events);
    log(`firing ${sizes.timers.toLocaleString("en")} due timers, as a backlog, then spread`);
    const timers = await benchTimers(storage, prepared, sizes.timers);
    return { events, plan, timers };
  } finally {
    await storage.close();
  }
}

/**
 * The process benchmarks' rows of the bench table: benchmark, figure, temper, baseline, ratio.
 *
 * @example
 * table([["benchmark", "", "temper", "baseline", "ratio"], ...processRows(results)]);
 */
export function processRows(results: ProcessesResult): string[][] {
  const perSecond = (value: number, unit: string) => `${value.toLocaleString("en")} ${unit}/s`;
  const rows: string[][] = [];
  for (const e of results.events)
    rows.push([
      `events through runtime.events.fire vs the bare transaction, ${e.clients} client${e.clients === 1 ? "" : "s"}`,
      "",
      perSecond(e.engine, "events"),
      perSecond(e.byHand, "tx"),
      `${e.ratio.toFixed(2)} (target ≥ 0.6)`,
    ]);
  const { plan } = results;
  rows.push([
    `planEvent in memory vs XState transition() (opportunity pipeline)`,
    "",
    perSecond(plan.engine, "transitions"),
    perSecond(plan.xstate, "transitions"),
    `${plan.ratio.toFixed(2)} (target ≥ 0.5)`,
  ]);
  for (const t of results.timers) {
    const how = t.arrival === "backlog" ? "all due at once" : `due ${t.arrival}/s`;
    const name = `${t.timers.toLocaleString("en")} due timers by the workers, ${how}: due → transition`;
    rows.push([name, "p50", `${t.p50Ms.toLocaleString("en")} ms`, "", ""]);
    rows.push(["", "p99", `${t.p99Ms.toLocaleString("en")} ms`, "", ""]);
    rows.push(["", "", perSecond(t.perSecond, "timers"), "", ""]);
  }
  return rows;
}
