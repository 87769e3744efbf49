import type { Definition } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { addDuration } from "../process/duration.ts";
import { compileProcess, timerEventType } from "../process/machine.ts";
import { recordBatch } from "../records/batch-write.ts";
import { guardFor } from "../records/guard.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Tx } from "./instances.ts";
import { workspaceContexts } from "./workspace.ts";

/** Where instances in a state of the old version go: `{ "states": { "in_handling": "handling" } }`. */
export interface StateMap {
  states: Record<string, string>;
}

/** An instance as migration planning sees it. */
export interface MigratingInstance {
  id: string;
  recordId: string;
  state: string;
  /** The label of the version it is pinned to. */
  fromVersion: string;
  /** When it entered its state: the target state's timers count from here. */
  stateSince: Date;
  /** Its open approval, if it has one. */
  approval: { state: string; level: number } | null;
  /** The keys of the `after` timers that already fired while it has been in its state. */
  firedTimers: string[];
}

/** Why an instance (or the whole run, with no instance) cannot be migrated. */
export interface MigrationProblem {
  instanceId: string | null;
  recordId: string | null;
  state: string | null;
  reason: string;
}

/** What migrating one instance does. */
export interface InstanceMove {
  instanceId: string;
  recordId: string;
  fromVersion: string;
  fromState: string;
  toState: string;
  status: "active" | "done";
  snapshot: Record<string, unknown>;
  /** The target state's `after` timers, due counted from when the instance entered its state. */
  timers: Array<{ key: string; event: string; after: string; dueAt: Date }>;
  /** Its open approval: carried over to the new state, cancelled (the new state approves nothing), or none. */
  approval: "keep" | "cancel" | "none";
}

/** A migration's plan: the moves, or the problems that stop all of them. */
export interface MigrationPlan {
  process: string;
  /** The entity the process runs on. */
  entity: string | null;
  toVersion: string;
  moves: InstanceMove[];
  problems: MigrationProblem[];
}

/**
 * Reads a state map (a parsed JSON file), refusing anything but
 * `{ "states": { "<old state>": "<new state>" } }`.
 *
 * @example
 * stateMapOf(JSON.parse('{"states": {"in_handling": "handling"}}')); // { states: { in_handling: "handling" } }
 */
export function stateMapOf(value: unknown): StateMap {
  const shape = 'write the map as {"states": {"<old state>": "<new state>"}}';
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new EngineError("bad_request", `the map is not an object: ${shape}`);
  const { states = {}, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    throw new EngineError("bad_request", `the map has unknown keys ${Object.keys(rest).join(", ")}: ${shape}`);
  if (states === null || typeof states !== "object" || Array.isArray(states))
    throw new EngineError("bad_request", `"states" is not an object: ${shape}`);
  for (const [from, to] of Object.entries(states))
    if (typeof to !== "string") throw new EngineError("bad_request", `"states.${from}" is not a state name: ${shape}`);
  return { states: states as Record<string, string> };
}

/**
 * Plans moving instances of a process onto another version of their
 * definition: each instance's state (renamed by the map, else kept), its
 * snapshot and status in the target machine, its `after` timers counted from
 * when it entered its state (an SLA clock is not reset; a timer that already
 * fired there does not fire again), and what becomes of an open approval.
 * Pure. Any problem (a state the target lacks, a map naming unknown states,
 * an approval state the instance could not be in) is reported, and then
 * nothing should be applied.
 *
 * @example
 * const plan = planInstanceMigration({ process: "complaint_escalation", toVersion: "1.1.0", target, sources, instances, map: { states: { in_handling: "handling" } } });
 * plan.problems; // [] when every instance has a state to go to
 */
export function planInstanceMigration(input: {
  process: string;
  toVersion: string;
  target: Definition;
  /** The definitions of the versions the instances are on, by version label. */
  sources: Map<string, Definition>;
  instances: MigratingInstance[];
  map: StateMap;
}): MigrationPlan {
  const { process: name, toVersion, target, instances, map } = input;
  const targetProcess = target.processes.get(name);
  const sourceProcesses = [...input.sources.values()].flatMap((d) => d.processes.get(name) ?? []);
  const entity = targetProcess?.entity ?? sourceProcesses[0]?.entity ?? null;
  const plan: MigrationPlan = { process: name, entity, toVersion, moves: [], problems: [] };
  const general = (reason: string) => plan.problems.push({ instanceId: null, recordId: null, state: null, reason });
  if (!targetProcess) {
    if (instances.length > 0)
      general(
        `process "${name}" is not in version ${toVersion}, so its ${instances.length} instances cannot move there`,
      );
    return plan;
  }
  const known = new Set(sourceProcesses.flatMap((p) => Object.keys(p.states)));
  for (const [from, to] of Object.entries(map.states)) {
    if (instances.length > 0 && !known.has(from))
      general(`the map names "${from}", which is no state of ${name} in ${[...input.sources.keys()].join(", ")}`);
    if (!targetProcess.states[to])
      general(`the map sends "${from}" to "${to}", which is no state of ${name} in version ${toVersion}`);
  }
  for (const source of sourceProcesses)
    if (source.entity !== targetProcess.entity)
      general(`${name} runs on ${targetProcess.entity} in version ${toVersion}, not on ${source.entity}`);
  const compiled = compileProcess(target, name);
  for (const instance of instances) {
    const toState = map.states[instance.state] ?? instance.state;
    const problem = (reason: string) =>
      plan.problems.push({ instanceId: instance.id, recordId: instance.recordId, state: instance.state, reason });
    const state = targetProcess.states[toState];
    if (!state) {
      // A map entry naming no target state is reported once, above.
      if (!(instance.state in map.states))
        problem(`version ${toVersion} has no state "${toState}"; map it with "states": {"${toState}": "<state>"}`);
      continue;
    }
    if (state.approval && !instance.approval) {
      problem(
        `"${toState}" is an approval state in version ${toVersion}, but the instance has no open approval to carry there`,
      );
      continue;
    }
    if (state.approval && instance.approval && !state.approval.levels[instance.approval.level]) {
      problem(
        `its approval is at level ${instance.approval.level + 1}, which "${toState}" of version ${toVersion} lacks`,
      );
      continue;
    }
    const status = state.type === "final" ? "done" : "active";
    const fired = new Set(instance.firedTimers);
    const timers =
      status === "done"
        ? []
        : Object.keys(state.after ?? {})
            .filter((after) => !fired.has(timerEventType(name, instance.state, after)))
            .map((after) => {
              const key = timerEventType(name, toState, after);
              return { key, event: key, after, dueAt: addDuration(instance.stateSince, after) };
            });
    plan.moves.push({
      instanceId: instance.id,
      recordId: instance.recordId,
      fromVersion: instance.fromVersion,
      fromState: instance.state,
      toState,
      status,
      snapshot: compiled.machine.getPersistedSnapshot(
        compiled.machine.resolveState({ value: toState, context: {} }),
      ) as Record<string, unknown>,
      timers,
      approval: instance.approval ? (state.approval ? "keep" : "cancel") : "none",
    });
  }
  return plan;
}

/** What to migrate where. */
export interface MigrateRequest {
  workspaceId: string;
  process: string;
  /** A published version label of the workspace (`1.1.0`). */
  toVersion: string;
  map: StateMap;
  /** Plan and report only. */
  dryRun?: boolean;
  clock?: Clock;
}

/** What a migration did, would do (dry run), or why it did nothing (refused). */
export interface MigrationOutcome extends MigrationPlan {
  status: "migrated" | "dry_run" | "refused";
  /** Instances already on the target version, left alone. */
  alreadyThere: number;
}

interface InstanceRead {
  id: string;
  record_id: string;
  state: string;
  state_since: Date;
  version_label: string;
  version_id: string;
}

async function readInstances(tx: Tx, workspaceId: string, process: string, targetId: string, lock: boolean) {
  const rows = await tx<InstanceRead[]>`select i.id, i.record_id, i.state, i.state_since, i.version_id,
      v.version as version_label
    from temper.process_instances i join temper.definition_versions v on v.id = i.version_id
    where i.workspace_id = ${workspaceId} and i.process = ${process} and i.version_id <> ${targetId}
    order by i.started_at, i.id ${lock ? tx`for update of i` : tx``}`;
  const ids = rows.map((r) => r.id);
  const approvals = await tx<Array<{ instance_id: string; state: string; level: number }>>`
    select instance_id, state, level from temper.approvals where instance_id = any(${ids}::uuid[]) and status = 'pending'`;
  const fired = await tx<Array<{ instance_id: string; key: string }>>`select t.instance_id, t.key
    from temper.timers t join temper.process_instances i on i.id = t.instance_id
    where t.instance_id = any(${ids}::uuid[]) and t.kind = 'after' and t.status = 'fired' and t.created_at >= i.state_since`;
  const sources = new Map<string, Definition>();
  for (const row of rows)
    if (!sources.has(row.version_label))
      sources.set(row.version_label, await definitionOfVersion(tx as unknown as Storage["sql"], row.version_id));
  const instances = rows.map((row): MigratingInstance => ({
    id: row.id,
    recordId: row.record_id,
    state: row.state,
    fromVersion: row.version_label,
    stateSince: row.state_since,
    approval: approvals.find((a) => a.instance_id === row.id) ?? null,
    firedTimers: fired.filter((f) => f.instance_id === row.id).map((f) => f.key),
  }));
  return { instances, sources };
}

/**
 * Moves the instances of a process that are not yet on a published version
 * onto it, with a state map for renamed or removed states. Every instance is
 * planned first; if any cannot move, nothing changes and the outcome lists
 * the problems. Otherwise one transaction moves them all: version, state,
 * snapshot and status; the old state's pending `after` timers cancelled and
 * the new state's set (counted from when the instance entered its state;
 * reminders stay); an open approval carried to the new state or cancelled; the
 * state mirrored on the record; a `migration` entry on each timeline.
 *
 * @example
 * const outcome = await migrateInstances(storage, { workspaceId: "acme", process: "complaint_escalation", toVersion: "1.1.0", map: { states: { in_handling: "handling" } } });
 * outcome.status; // "migrated", or "refused" with outcome.problems
 */
export async function migrateInstances(storage: Storage, request: MigrateRequest): Promise<MigrationOutcome> {
  const map = stateMapOf(request.map);
  const { context, system } = await workspaceContexts(storage)(request.workspaceId);
  const { sql } = storage;
  const versions = await sql<Array<{ id: string; version: string }>>`select id, version
    from temper.definition_versions where workspace_id = ${request.workspaceId} order by published_at`;
  const target = versions.find((v) => v.version === request.toVersion);
  if (!target)
    throw new EngineError(
      "not_found",
      `no version "${request.toVersion}" is published in "${request.workspaceId}"; published: ${versions.map((v) => v.version).join(", ")}`,
    );
  const definition = await definitionOfVersion(sql, target.id);
  const now = (request.clock ?? systemClock).now();
  return sql.begin(async (tx) => {
    const [{ n: alreadyThere }] = await tx<[{ n: number }]>`select count(*)::int as n from temper.process_instances
      where workspace_id = ${request.workspaceId} and process = ${request.process} and version_id = ${target.id}`;
    const { instances, sources } = await readInstances(
      tx,
      request.workspaceId,
      request.process,
      target.id,
      !request.dryRun,
    );
    const plan = planInstanceMigration({
      process: request.process,
      toVersion: target.version,
      target: definition,
      sources,
      instances,
      map,
    });
    if (instances.length === 0 && alreadyThere === 0 && !definition.processes.has(request.process))
      throw new EngineError("not_found", `no process "${request.process}" in version ${target.version}`);
    const status = plan.problems.length > 0 ? "refused" : request.dryRun ? "dry_run" : "migrated";
    if (status === "migrated" && plan.moves.length > 0) {
      for (let start = 0; start < plan.moves.length; start += 500)
        await applyMoves(tx, plan.moves.slice(start, start + 500), {
          workspaceId: request.workspaceId,
          versionId: target.id,
          toVersion: target.version,
          now,
        });
      await mirrorStates(storage, tx, context, system, definition, request.process, plan.moves);
    }
    return { ...plan, status, alreadyThere };
  });
}

async function applyMoves(
  tx: Tx,
  moves: InstanceMove[],
  target: { workspaceId: string; versionId: string; toVersion: string; now: Date },
): Promise<void> {
  const { now, workspaceId } = target;
  const ids = moves.map((m) => m.instanceId);
  const rows = moves.map((m) => ({ id: m.instanceId, state: m.toState, snapshot: m.snapshot, status: m.status }));
  await tx`update temper.process_instances i
    set version_id = ${target.versionId}, state = m.state, snapshot = m.snapshot, status = m.status,
      version = i.version + 1, updated_at = ${now}
    from jsonb_to_recordset(${tx.json(rows as never)}) as m(id uuid, state text, snapshot jsonb, status text)
    where i.id = m.id`;
  await tx`update temper.timers set status = 'cancelled'
    where instance_id = any(${ids}::uuid[]) and kind = 'after' and status = 'pending'`;
  const timers = moves.flatMap((m) =>
    m.timers.map((t) => ({
      workspace_id: workspaceId,
      instance_id: m.instanceId,
      kind: "after",
      key: t.key,
      payload: tx.json({ event: t.event }),
      due_at: t.dueAt,
      created_at: now,
    })),
  );
  if (timers.length > 0) await tx`insert into temper.timers ${tx(timers as never)}`;
  const kept = moves.filter((m) => m.approval === "keep");
  for (const move of kept)
    await tx`update temper.approvals set state = ${move.toState}
      where instance_id = ${move.instanceId} and status = 'pending'`;
  const cancelled = moves.filter((m) => m.approval === "cancel").map((m) => m.instanceId);
  if (cancelled.length > 0) {
    await tx`update temper.approvals set status = 'cancelled', decided_at = ${now}
      where instance_id = any(${cancelled}::uuid[]) and status = 'pending'`;
    await tx`update temper.approval_tasks set status = 'closed', decided_at = ${now}
      where approval_id in (select id from temper.approvals where instance_id = any(${cancelled}::uuid[]))
        and status = 'pending'`;
    await tx`update temper.timers set status = 'cancelled' where instance_id = any(${cancelled}::uuid[])
      and kind = 'approval_timeout' and status = 'pending'`;
  }
  const entries = moves.map((m) => ({
    workspace_id: workspaceId,
    instance_id: m.instanceId,
    kind: "migration",
    event: "migrate",
    data: tx.json({ fromVersion: m.fromVersion, toVersion: target.toVersion, fromState: m.fromState }),
    from_state: m.fromState,
    to_state: m.toState,
    actor_id: null,
    at: now,
  }));
  await tx`insert into temper.process_events ${tx(entries as never)}`;
}

/** Sets the process's state field on the records whose state changed, through the records writer (history, audit). */
async function mirrorStates(
  storage: Storage,
  tx: Tx,
  context: WorkspaceContext,
  system: Actor,
  target: Definition,
  process: string,
  moves: InstanceMove[],
): Promise<void> {
  const targetProcess = target.processes.get(process)!;
  const field = targetProcess.stateField;
  const entity = context.definition.entities.get(targetProcess.entity);
  if (!field || !entity?.fields.some((f) => f.name === field)) return;
  const writer = recordBatch(tx, context, system, (e) => guardFor(storage.sql, context, system, e), {
    via: "migration",
    process: true,
  });
  const states = new Map(moves.map((m) => [m.recordId, m.toState]));
  const records = await writer.find(entity.name, "id", [...states.keys()], { lock: true });
  const items = records
    .filter((r) => r[field] !== states.get(String(r.id)))
    .map((before) => ({ kind: "update" as const, before, input: { [field]: states.get(String(before.id)) } }));
  if (items.length === 0) return;
  const results = await writer.write(entity.name, items);
  results.forEach((result, index) => {
    if (result.status === "rejected")
      throw new EngineError(
        "validation_failed",
        `${entity.name} ${String(items[index]!.before.id)} cannot take "${String(items[index]!.input[field])}" as its ${field}: ${result.error.message}; nothing was migrated`,
      );
  });
}
