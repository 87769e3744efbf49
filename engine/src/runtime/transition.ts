import { randomUUID } from "node:crypto";
import type { Entity } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import { addDuration } from "../process/duration.ts";
import { type CompiledProcess, compileProcess } from "../process/machine.ts";
import { type PeopleRule, resolvePeople } from "../process/people.ts";
import { isRefusal, type PlanRefusal, type TransitionPlan, planEvent } from "../process/plan.ts";
import { processExpression, processVariables, type ProcessUser } from "../process/guards.ts";
import { type RecordBatch, recordBatch } from "../records/batch-write.ts";
import { changedFields } from "../records/changes.ts";
import { guardFor } from "../records/guard.ts";
import { type Actor, entityOrThrow, type WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import { endApproval, startApproval } from "./approvals.ts";
import { sqlDirectory } from "./directory.ts";
import type { InstanceRow, Tx } from "./instances.ts";
import { startProcesses } from "./start.ts";
import type { RuntimeDeps } from "./deps.ts";
import type { StepContext } from "./steps/types.ts";

/** How a timeline entry came about. */
export type EntryKind = "start" | "event" | "timer" | "approval" | "migration" | "note";

/** An event a transition raises for itself (an approval decided at once). */
export interface FollowUp {
  type: string;
  data: Record<string, unknown>;
}

/** One transaction's work on one instance: the record as it changes, the steps' context, the timeline. */
export interface Run {
  deps: RuntimeDeps;
  tx: Tx;
  workspace: WorkspaceContext;
  instance: InstanceRow;
  compiled: CompiledProcess;
  actor: Actor;
  user: ProcessUser;
  now: Date;
  record: RecordData;
  /** Steps' context for the state being entered. */
  steps(state: string, event: { type: string; data: Record<string, unknown> }): StepContext;
  /** Writes a timeline entry. */
  entry(kind: EntryKind, event: string, data: Record<string, unknown>, from: string | null, to: string): Promise<void>;
  /** Queues a side effect. */
  enqueue(step: string, payload: Record<string, unknown>): Promise<void>;
  /** Sets a timer of the instance. */
  schedule(kind: string, key: string, dueAt: Date, payload: Record<string, unknown>): Promise<void>;
  /** Cancels the instance's pending timers whose key is `key` (or starts with it, with `prefix`). */
  cancel(key: string, options?: { prefix?: boolean }): Promise<void>;
  /** Resolves people rules against the record (with who submitted and who approves). */
  people(rules: PeopleRule[], extra?: { submitterId?: string | null; approverIds?: string[] }): Promise<string[]>;
}

function refusalError(refusal: PlanRefusal): EngineError {
  const code =
    refusal.refused === "guard"
      ? "guard_failed"
      : refusal.refused === "not_in_state"
        ? "state_conflict"
        : "bad_request";
  return new EngineError(code, refusal.message);
}

/** The actor a process writes as: the user who caused the change, past whose permissions the process acts. */
function processActor(actor: Actor): Actor {
  return { ...actor, system: true };
}

/**
 * The records writer of a process: validation, history and audit, no permission checks, read-only fields allowed.
 * A record it creates starts its own processes, as one created through the records service does.
 */
function processWriter(deps: RuntimeDeps, tx: Tx, workspace: WorkspaceContext, actor: Actor): RecordBatch {
  const as = processActor(actor);
  const batch = recordBatch(tx, workspace, as, (e: Entity) => guardFor(deps.storage.sql, workspace, as, e), {
    via: "process",
    process: true,
  });
  return {
    ...batch,
    async write(entityName, items) {
      const results = await batch.write(entityName, items);
      const entity = entityOrThrow(workspace.definition, entityName);
      for (const result of results)
        if (result.status === "created")
          result.record = await startProcesses(deps, tx, workspace, actor, entity, result.record);
      return results;
    },
  };
}

/**
 * Opens a run over a locked instance and its locked record.
 */
export async function openRun(
  deps: RuntimeDeps,
  input: {
    tx: Tx;
    workspace: WorkspaceContext;
    instance: InstanceRow;
    actor: Actor;
    user: ProcessUser;
    record: RecordData;
  },
): Promise<Run> {
  const { tx, workspace, instance, actor } = input;
  const definition = await definitionOfVersion(tx, instance.version_id);
  const compiled = compileProcess(definition, instance.process, deps.guards);
  const entity = workspace.definition.entities.get(instance.entity);
  if (!entity) throw new EngineError("not_found", `no entity "${instance.entity}" in this workspace`);
  const now = deps.clock.now();
  const directory = sqlDirectory(tx, workspace.workspaceId);
  const writer = processWriter(deps, tx, workspace, actor);
  const locale = workspace.definition.app.locales[0] ?? "en";
  const run: Run = {
    deps,
    tx,
    workspace,
    instance,
    compiled,
    actor,
    user: input.user,
    now,
    record: input.record,
    async entry(kind, event, data, from, to) {
      await tx`insert into temper.process_events (workspace_id, instance_id, kind, event, data, from_state, to_state, actor_id, at)
        values (${workspace.workspaceId}, ${instance.id}, ${kind}, ${event}, ${tx.json(data as never)}, ${from}, ${to},
          ${actor.system && actor.username === "system" ? null : actor.id}, ${now})`;
    },
    async enqueue(step, payload) {
      // Unique per side effect: a run that leaves the instance's version as it is (a reminder, an approval
      // level passed) queues effects too, so the version cannot tell them apart.
      await tx`insert into temper.outbox (workspace_id, instance_id, key, step, payload, next_attempt_at, created_at)
        values (${workspace.workspaceId}, ${instance.id}, ${`${instance.id}.${randomUUID()}`}, ${step},
          ${tx.json(payload as never)}, ${now}, ${now})`;
      deps.nudge("outbox");
    },
    async schedule(kind, key, dueAt, payload) {
      await run.cancel(key);
      await tx`insert into temper.timers (workspace_id, instance_id, kind, key, payload, due_at, created_at)
        values (${workspace.workspaceId}, ${instance.id}, ${kind}, ${key}, ${tx.json(payload as never)}, ${dueAt}, ${now})`;
      deps.nudge("timers");
    },
    async cancel(key, options = {}) {
      if (options.prefix)
        await tx`update temper.timers set status = 'cancelled' where instance_id = ${instance.id} and status = 'pending'
          and starts_with(key, ${key})`;
      else
        await tx`update temper.timers set status = 'cancelled' where instance_id = ${instance.id} and status = 'pending'
          and key = ${key}`;
    },
    async people(rules, extra = {}) {
      return resolvePeople(
        rules,
        {
          record: run.record,
          submitterId: extra.submitterId ?? (actor.system ? null : actor.id),
          approverIds: extra.approverIds ?? (await currentApprovers(tx, instance.id)),
        },
        directory,
      );
    },
    steps(state, event) {
      return {
        tx,
        workspace,
        entity,
        record: run.record,
        instance: { id: instance.id, process: instance.process, state },
        actor,
        now,
        locale,
        records: writer,
        event,
        evaluate: (expression) =>
          processExpression(
            compiled.entity,
            expression,
          )(processVariables(compiled.entity, { record: run.record, ...event, user: run.user, now })),
        people: (rules) => run.people(rules),
        schedule: (timer) => run.schedule(timer.kind, timer.key, timer.dueAt, timer.payload),
        cancel: (key) => run.cancel(key),
        enqueue: (step, payload) => run.enqueue(step, payload),
        note: (text) => run.entry("note", "note", { text }, state, state),
        display: (field) => displayValue(run, entity, field),
      };
    },
  };
  return run;
}

async function currentApprovers(tx: Tx, instanceId: string): Promise<string[]> {
  const rows = await tx<Array<{ approver_id: string }>>`select t.approver_id from temper.approval_tasks t
    join temper.approvals a on a.id = t.approval_id
    where a.instance_id = ${instanceId} and a.started_at = (select max(started_at) from temper.approvals where instance_id = ${instanceId})
      and t.status in ('pending', 'approved', 'rejected', 'returned')
    order by t.created_at`;
  return [...new Set(rows.map((r) => r.approver_id))];
}

async function displayValue(run: Run, entity: Entity, name: string): Promise<unknown> {
  const value = run.record[name];
  if (value === null || value === undefined) return value;
  const field = entity.fields.find((f) => f.name === name);
  const { tx } = run;
  if (name === "owner" || field?.type === "user") {
    const ids = (Array.isArray(value) ? value : [value]).map(String);
    const rows = await tx<Array<{ name: string }>>`select coalesce(display_name, username) as name from temper.users
      where id = any(${ids}::uuid[])`;
    return rows.map((r) => r.name).join(", ");
  }
  if (field?.type === "reference") {
    const target = run.workspace.definition.entities.get(field.entity);
    if (!target) return value;
    const [row] = await tx`select ${tx(target.titleField)} as title from ${tx(run.workspace.schema)}.${tx(target.name)}
      where id = ${String(value)}`;
    return row?.title ?? value;
  }
  if (field?.type === "datetime" || field?.type === "date" || name.endsWith("_at")) {
    // People read times in the app's time zone and language, not as ISO instants.
    const { app } = run.workspace.definition;
    const options: Intl.DateTimeFormatOptions =
      field?.type === "date"
        ? { dateStyle: "medium", timeZone: "UTC" }
        : { dateStyle: "medium", timeStyle: "short", timeZone: app.timezone ?? "UTC" };
    return new Intl.DateTimeFormat(app.locales[0] ?? "en", options).format(new Date(String(value)));
  }
  const numeric = field?.type === "computed" ? field.resultType : field?.type;
  if (typeof value === "number" && (numeric === "money" || numeric === "number" || numeric === "percent")) {
    const locale = run.workspace.definition.app.locales[0] ?? "en";
    const formatted = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    return numeric === "percent" ? `${formatted}%` : formatted;
  }
  if (field?.type === "enum") {
    const option = field.options.find((o) => (typeof o === "string" ? o : o.value) === value);
    if (option && typeof option !== "string")
      return option.label[run.workspace.definition.app.locales[0] ?? "en"] ?? value;
  }
  return value;
}

/** Applies a plan: its steps in order, the state mirrored on the record, the instance, the timeline. Returns follow-ups. */
export async function applyPlan(
  run: Run,
  plan: TransitionPlan,
  meta: { kind: EntryKind; event: string; data: Record<string, unknown> },
): Promise<FollowUp[]> {
  const { tx, instance, compiled, deps } = run;
  const followUps: FollowUp[] = [];
  const event = { type: meta.event, data: meta.data };
  const context = run.steps(plan.to, event);
  for (const step of plan.steps) {
    switch (step.kind) {
      case "schedule_timer":
        await run.schedule("after", step.key, addDuration(run.now, step.after), { event: step.event });
        break;
      case "cancel_timer":
        await run.cancel(step.key);
        break;
      case "approval_start": {
        const followUp = await startApproval(run, step.state);
        if (followUp) followUps.push(followUp);
        break;
      }
      case "approval_end":
        await endApproval(run, step.state);
        break;
      case "step": {
        const implementation = deps.steps.get(step.type);
        if (!implementation) throw new EngineError("internal", `no step "${step.type}" is installed in this engine`);
        const prepared = implementation.run ? await implementation.run(step.params, context) : undefined;
        if (implementation.deliver && step.type !== "notify")
          await run.enqueue(step.type, prepared ?? { params: step.params, record: run.record });
        break;
      }
    }
  }
  const stateField = compiled.process.stateField;
  if (stateField && compiled.entity.fields.some((f) => f.name === stateField)) run.record[stateField] = plan.to;
  const moved = plan.from !== plan.to;
  // Both sent at once, the update first (one round trip); on a conflict the rollback takes the entry back.
  const update = tx<Array<{ version: number }>>`update temper.process_instances set state = ${plan.to},
      snapshot = ${tx.json(plan.snapshot as never)}, status = ${plan.final ? "done" : "active"},
      version = version + 1, updated_at = ${run.now}${moved ? tx`, state_since = ${run.now}` : tx``}
    where id = ${instance.id} and version = ${instance.version} returning version`.execute();
  const [[updated]] = await Promise.all([update, run.entry(meta.kind, meta.event, meta.data, plan.from, plan.to)]);
  if (!updated)
    throw new EngineError("version_conflict", `the ${instance.process} of this record changed meanwhile; try again`);
  instance.version = updated.version;
  instance.state = plan.to;
  instance.status = plan.final ? "done" : "active";
  return followUps;
}

/**
 * Plans an event on the run's instance and applies it, then whatever the
 * transition raised for itself (at most a few levels: an approval that
 * needs nobody is approved at once).
 */
export async function applyEvent(
  run: Run,
  type: string,
  data: Record<string, unknown>,
  kind: EntryKind,
): Promise<TransitionPlan> {
  const plan = planEvent(run.compiled, run.instance.state, type, data, {
    record: run.record,
    user: run.user,
    now: run.now,
  });
  if (isRefusal(plan)) throw refusalError(plan);
  let followUps = await applyPlan(run, plan, { kind, event: type, data });
  for (let depth = 0; followUps.length > 0; depth++) {
    if (depth > 8) throw new EngineError("internal", `process "${run.instance.process}" keeps raising events`);
    const next: FollowUp[] = [];
    for (const followUp of followUps) {
      const followPlan = planEvent(run.compiled, run.instance.state, followUp.type, followUp.data, {
        record: run.record,
        user: run.user,
        now: run.now,
      });
      if (isRefusal(followPlan)) throw refusalError(followPlan);
      next.push(...(await applyPlan(run, followPlan, { kind: "approval", event: followUp.type, data: followUp.data })));
    }
    followUps = next;
  }
  return plan;
}

/**
 * Writes the record's changes made by the run's steps through the records
 * service (validation, computed fields, history, audit), as the user who
 * caused them. A change the record refuses rolls the transition back.
 */
export async function saveRecord(run: Run, before: RecordData): Promise<RecordData> {
  const entity = run.workspace.definition.entities.get(run.instance.entity)!;
  const changes: RecordData = {};
  for (const field of changedFields(entity, before, run.record)) changes[field.name] = run.record[field.name];
  if (run.record.owner !== before.owner) changes.owner = run.record.owner;
  if (Object.keys(changes).length === 0) return before;
  const writer = processWriter(run.deps, run.tx, run.workspace, run.actor);
  const [result] = await writer.write(entity.name, [{ kind: "update", before, input: changes }]);
  if (!result || result.status === "rejected") {
    const error = result?.status === "rejected" ? result.error : undefined;
    throw new EngineError(
      error?.code === "version_conflict" ? "version_conflict" : "validation_failed",
      `the ${run.instance.process} step could not change the ${entity.name}: ${error?.message ?? "nothing was written"}`,
      error?.details ?? {},
    );
  }
  const saved = result.status === "unchanged" ? before : result.record;
  Object.assign(run.record, saved);
  return saved;
}
