import { randomUUID } from "node:crypto";
import { EngineError } from "../errors.ts";
import { addDuration } from "../process/duration.ts";
import { type CompiledProcess, compileProcess } from "../process/machine.ts";
import { type PeopleRule, resolvePeople } from "../process/people.ts";
import { isRefusal, type PlanRefusal, type TransitionPlan, planEvent } from "../process/plan.ts";
import { processExpression, processVariables, type ProcessUser } from "../process/guards.ts";
import { changedFields } from "../records/changes.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import { endApproval, startApproval } from "./approvals.ts";
import { displayValue } from "./display.ts";
import { sqlDirectory } from "./directory.ts";
import type { InstanceRow, Tx } from "./instances.ts";
import type { RuntimeDeps } from "./deps.ts";
import { processWriter } from "./process-writer.ts";
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
  /** Steps' timeline notes not yet written: they follow the entry of the transition that ran the steps. */
  notes: Array<{ text: string; state: string }>;
  /** Writes a timeline entry. */
  entry(kind: EntryKind, event: string, data: Record<string, unknown>, from: string | null, to: string): Promise<void>;
  /**
   * Sends a write whose answer nothing waits for: it runs in order with the
   * transaction's other statements, and `flush` (or `saveRecord`) settles it.
   */
  defer(write: Promise<unknown>): void;
  /** Waits for the deferred writes; throws the first that failed. */
  flush(): Promise<void>;
  /** The first deferred write that failed: the cause of whatever failed after it. */
  failure: unknown;
  /** Queues a side effect, tried up to `maxAttempts` times (8 by default). */
  enqueue(step: string, payload: Record<string, unknown>, maxAttempts?: number): Promise<void>;
  /** Sets a timer of the instance. */
  schedule(kind: string, key: string, dueAt: Date, payload: Record<string, unknown>): Promise<void>;
  /** Cancels the instance's pending timers whose key is `key` (or starts with it, with `prefix`). */
  cancel(key: string, options?: { prefix?: boolean }): Promise<void>;
  /** Resolves people rules against the record (with who submitted and who approves). */
  people(
    rules: PeopleRule[],
    extra?: { submitterId?: string | null; approverIds?: string[]; inactive?: boolean },
  ): Promise<string[]>;
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

/** Who a timeline entry names: the user, or nobody for the system. */
function actorIdOf(actor: Actor): string | null {
  return actor.system && actor.username === "system" ? null : actor.id;
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
  // Steps' notes follow the transition's own entry on the timeline (written by applyPlan).
  const notes: Array<{ text: string; state: string }> = [];
  const locale = workspace.definition.app.locales[0] ?? "en";
  const deferred: Array<Promise<unknown>> = [];
  const run: Run = {
    notes,
    failure: undefined,
    defer(write) {
      deferred.push(write);
      write.catch((error: unknown) => (run.failure ??= error));
    },
    async flush() {
      await Promise.allSettled(deferred.splice(0));
      if (run.failure !== undefined) throw run.failure;
    },
    deps,
    tx,
    workspace,
    instance,
    compiled,
    actor,
    user: input.user,
    now,
    record: input.record,
    // Writes nothing reads back are deferred: they go out in order with the next statement that is awaited.
    async entry(kind, event, data, from, to) {
      run.defer(
        tx`insert into temper.process_events (workspace_id, instance_id, kind, event, data, from_state, to_state, actor_id, at)
        values (${workspace.workspaceId}, ${instance.id}, ${kind}, ${event}, ${tx.json(data as never)}, ${from}, ${to},
          ${actorIdOf(actor)}, ${now})`.execute(),
      );
    },
    async enqueue(step, payload, maxAttempts = 8) {
      // Unique per side effect: a run that leaves the instance's version as it is (a reminder, an approval
      // level passed) queues effects too, so the version cannot tell them apart.
      run.defer(
        tx`insert into temper.outbox (workspace_id, instance_id, key, step, payload, max_attempts, next_attempt_at, created_at)
        values (${workspace.workspaceId}, ${instance.id}, ${`${instance.id}.${randomUUID()}`}, ${step},
          ${tx.json(payload as never)}, ${maxAttempts}, ${now}, ${now})`.execute(),
      );
      deps.nudge("outbox");
    },
    async schedule(kind, key, dueAt, payload) {
      await run.cancel(key);
      run.defer(
        tx`insert into temper.timers (workspace_id, instance_id, kind, key, payload, due_at, created_at)
        values (${workspace.workspaceId}, ${instance.id}, ${kind}, ${key}, ${tx.json(payload as never)}, ${dueAt}, ${now})`.execute(),
      );
      deps.nudge("timers");
    },
    async cancel(key, options = {}) {
      run.defer(
        (options.prefix
          ? tx`update temper.timers set status = 'cancelled' where instance_id = ${instance.id} and status = 'pending'
          and starts_with(key, ${key})`
          : tx`update temper.timers set status = 'cancelled' where instance_id = ${instance.id} and status = 'pending'
          and key = ${key}`
        ).execute(),
      );
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
        { inactive: extra.inactive ?? false },
      );
    },
    steps(state, event) {
      return {
        tx,
        workspace,
        entity,
        definition,
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
        people: (rules, options) => run.people(rules, options),
        schedule: (timer) => run.schedule(timer.kind, timer.key, timer.dueAt, timer.payload),
        cancel: (key) => run.cancel(key),
        enqueue: (step, payload) => run.enqueue(step, payload),
        note: async (text) => void notes.push({ text, state }),
        display: (field) => displayValue({ tx, workspace, record: run.record }, entity, field),
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
        // A step with `run` and `deliver` prepares its delivery: what `run` returns is queued (nothing: nothing is).
        const prepared = implementation.run
          ? await implementation.run(step.params, context)
          : { params: step.params, record: run.record };
        if (implementation.deliver && prepared) await run.enqueue(step.type, prepared, implementation.maxAttempts);
        break;
      }
    }
  }
  const stateField = compiled.process.stateField;
  if (stateField && compiled.entity.fields.some((f) => f.name === stateField)) run.record[stateField] = plan.to;
  const moved = plan.from !== plan.to;
  // One statement moves the instance and writes its timeline entry; nothing waits for it (it goes out with
  // whatever the transaction sends next). The instance is locked by this transaction, so the version check
  // cannot fail but guards the lock's absence.
  run.defer(
    tx`with moved as (
        update temper.process_instances set state = ${plan.to}, snapshot = ${tx.json(plan.snapshot as never)},
          status = ${plan.final ? "done" : "active"}, version = version + 1, updated_at = ${run.now}
          ${moved ? tx`, state_since = ${run.now}` : tx``}
        where id = ${instance.id} and version = ${instance.version} returning id
      )
      insert into temper.process_events (workspace_id, instance_id, kind, event, data, from_state, to_state, actor_id, at)
      select ${run.workspace.workspaceId}, id, ${meta.kind}, ${meta.event}, ${tx.json(meta.data as never)}, ${plan.from},
        ${plan.to}, ${actorIdOf(run.actor)}, ${run.now} from moved
      returning 1`
      .execute()
      .then((rows) => {
        if (rows.length === 0)
          throw new EngineError(
            "version_conflict",
            `the ${instance.process} of this record changed meanwhile; try again`,
          );
      }),
  );
  for (const note of run.notes.splice(0)) await run.entry("note", "note", { text: note.text }, note.state, note.state);
  instance.version += 1;
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
 * Does a run's work; when it fails, the first deferred write that failed is
 * the error (what failed after it only found the transaction aborted).
 *
 * @example
 * return withRun(run, async () => { await applyEvent(run, "submit", {}, "event"); return saveRecord(run, record); });
 */
export async function withRun<T>(run: Run, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await run.flush().catch(() => undefined);
    throw run.failure ?? error;
  }
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
  if (Object.keys(changes).length === 0) {
    await run.flush();
    return before;
  }
  const writer = processWriter(run.deps, run.tx, run.workspace, run.actor);
  let result;
  try {
    [result] = await writer.write(entity.name, [{ kind: "update", before, input: changes }]);
  } catch (error) {
    // A deferred write that failed first is the cause; the record's write only found the transaction aborted.
    await run.flush();
    const refused = error instanceof EngineError ? error : undefined;
    if (!refused) throw error;
    throw new EngineError(
      refused.code === "version_conflict" ? "version_conflict" : "validation_failed",
      `the ${run.instance.process} step could not change the ${entity.name}: ${refused.message}`,
      refused.details,
    );
  }
  await run.flush();
  const saved = result?.status === "updated" ? result.record : before;
  Object.assign(run.record, saved);
  return saved;
}
