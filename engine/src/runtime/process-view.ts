import { EngineError } from "../errors.ts";
import { guardFor } from "../records/guard.ts";
import { selectScoped } from "../records/read.ts";
import { type Actor, entityOrThrow, type WorkspaceContext } from "../records/service.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import type { RuntimeDeps } from "./deps.ts";
import { type InstanceRow, processesOf } from "./instances.ts";

/** A record's process as its users see it: where it stands, how it got there, what waits. */
export interface ProcessView {
  process: string;
  label: Record<string, string>;
  /** The definition version the instance is pinned to. */
  definitionVersion: string;
  state: string | null;
  stateLabel: Record<string, string> | null;
  status: "active" | "done" | "not_started";
  version: number;
  stateSince: string | null;
  lastError: Record<string, unknown> | null;
  timeline: Array<{
    at: string;
    kind: string;
    event: string;
    from: string | null;
    to: string;
    data: Record<string, unknown>;
    actor: { id: string; username: string } | null;
  }>;
  timers: Array<{ kind: string; key: string; dueAt: string; payload: Record<string, unknown> }>;
  approvals: Array<{
    id: string;
    state: string;
    status: string;
    level: string | null;
    submitter: string | null;
    startedAt: string;
    tasks: Array<{
      id: string;
      approver: string;
      level: string;
      status: string;
      comment: string | null;
      decidedAt: string | null;
    }>;
  }>;
  /** Side effects not yet delivered, or given up on. */
  outbox: Array<{ step: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: string }>;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * The processes of a record the actor may read: state, timeline, pending
 * timers, approvals and undelivered side effects.
 */
export async function processView(
  deps: RuntimeDeps,
  actor: Actor,
  workspace: WorkspaceContext,
  entityName: string,
  id: string,
): Promise<ProcessView[]> {
  const { sql } = deps.storage;
  const entity = entityOrThrow(workspace.definition, entityName);
  const guard = await guardFor(sql, workspace, actor, entity);
  if (!(await selectScoped(sql, sql`${sql(workspace.schema)}.${sql(entity.name)}`, guard, id)))
    throw new EngineError("not_found", `no ${entity.name} "${id}"`);
  const views: ProcessView[] = [];
  for (const process of processesOf(workspace.definition, entity.name)) {
    const [instance] = await sql<InstanceRow[]>`select * from temper.process_instances
      where workspace_id = ${workspace.workspaceId} and process = ${process.name} and record_id = ${id}`;
    if (!instance) {
      views.push({
        process: process.name,
        label: process.label,
        definitionVersion: "",
        state: null,
        stateLabel: null,
        status: "not_started",
        version: 0,
        stateSince: null,
        lastError: null,
        timeline: [],
        timers: [],
        approvals: [],
        outbox: [],
      });
      continue;
    }
    const pinned = (await definitionOfVersion(sql, instance.version_id)).processes.get(process.name) ?? process;
    const [version] = await sql<
      Array<{ version: string }>
    >`select version from temper.definition_versions where id = ${instance.version_id}`;
    const timeline = await sql`select e.*, u.username from temper.process_events e
      left join temper.users u on u.id = e.actor_id where e.instance_id = ${instance.id} order by e.id`;
    const timers = await sql`select kind, key, due_at, payload from temper.timers
      where instance_id = ${instance.id} and status = 'pending' order by due_at`;
    const approvals = await sql`select a.*, u.username as submitter from temper.approvals a
      left join temper.users u on u.id = a.submitter_id where a.instance_id = ${instance.id} order by a.started_at`;
    const tasks =
      await sql`select t.*, u.username from temper.approval_tasks t join temper.users u on u.id = t.approver_id
      where t.approval_id in (select id from temper.approvals where instance_id = ${instance.id}) order by t.created_at`;
    const outbox = await sql`select step, status, attempts, last_error, next_attempt_at from temper.outbox
      where instance_id = ${instance.id} and status <> 'done' order by created_at`;
    const levelName = (state: string, level: number) => pinned.states[state]?.approval?.levels[level]?.name ?? null;
    views.push({
      process: process.name,
      label: pinned.label,
      definitionVersion: version?.version ?? "",
      state: instance.state,
      stateLabel: pinned.states[instance.state]?.label ?? null,
      status: instance.status === "done" ? "done" : "active",
      version: instance.version,
      stateSince: iso(instance.state_since),
      lastError: instance.last_error,
      timeline: timeline.map((e) => ({
        at: (e.at as Date).toISOString(),
        kind: e.kind,
        event: e.event,
        from: e.from_state,
        to: e.to_state,
        data: e.data,
        actor: e.actor_id ? { id: e.actor_id, username: e.username } : null,
      })),
      timers: timers.map((t) => ({
        kind: t.kind,
        key: t.key,
        dueAt: (t.due_at as Date).toISOString(),
        payload: t.payload,
      })),
      approvals: approvals.map((a) => ({
        id: a.id,
        state: a.state,
        status: a.status,
        level: levelName(a.state, a.level),
        submitter: a.submitter,
        startedAt: (a.started_at as Date).toISOString(),
        tasks: tasks
          .filter((t) => t.approval_id === a.id)
          .map((t) => ({
            id: t.id,
            approver: t.username,
            level: levelName(a.state, t.level) ?? String(t.level),
            status: t.status,
            comment: t.comment,
            decidedAt: iso(t.decided_at),
          })),
      })),
      outbox: outbox.map((o) => ({
        step: o.step,
        status: o.status,
        attempts: o.attempts,
        lastError: o.last_error,
        nextAttemptAt: (o.next_attempt_at as Date).toISOString(),
      })),
    });
  }
  return views;
}
