import { EngineError } from "../errors.ts";
import { userActor } from "../org/actors.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { guardFor } from "../records/guard.ts";
import { type Actor, entityOrThrow, type WorkspaceContext } from "../records/service.ts";
import { definitionOfVersion } from "../storage/versions.ts";
import {
  type ApprovalRow,
  applyDecision,
  approvalConfig,
  assignApprovers,
  type Decision,
  type TaskRow,
} from "./approvals.ts";
import type { RuntimeDeps } from "./deps.ts";
import { lockRecord, processUserOf } from "./events.ts";
import type { InstanceRow } from "./instances.ts";
import { applyEvent, openRun, saveRecord, withRun } from "./transition.ts";

/** An approval task in its approver's inbox. */
export interface Task {
  id: string;
  entity: string;
  recordId: string;
  title: string;
  process: string;
  processLabel: Record<string, string>;
  state: string;
  stateLabel: Record<string, string>;
  level: string;
  levelLabel: Record<string, string>;
  submitter: string | null;
  /** Whose task this was before it was delegated or escalated here. */
  from: string | null;
  since: string;
  /** When the level times out, if it does. */
  dueAt: string | null;
  delegation: boolean;
  returnable: boolean;
}

/** What deciding a task did. */
export interface DecisionResult {
  task: string;
  decision: Decision["decision"];
  process: string;
  state: string;
  /** The approval's status after the decision. */
  approval: string;
}

/**
 * Approval inboxes and decisions. Deciding needs only the task (being its
 * approver), not the right to change the record.
 */
export function approvalTasks(deps: RuntimeDeps) {
  const { sql } = deps.storage;
  return {
    /** The pending tasks of a user, oldest first. */
    async inbox(actor: Actor, workspace: WorkspaceContext): Promise<Task[]> {
      const rows =
        await sql`select t.id, t.level, t.created_at, a.state, a.id as approval_id, i.entity, i.record_id, i.process,
          i.version_id, s.username as submitter, f.username as from_user,
          (select min(due_at) from temper.timers m where m.instance_id = i.id and m.status = 'pending'
            and m.key = 'approval.' || a.id || '.' || t.level) as due_at
        from temper.approval_tasks t
        join temper.approvals a on a.id = t.approval_id
        join temper.process_instances i on i.id = a.instance_id
        left join temper.users s on s.id = a.submitter_id
        left join temper.approval_tasks ft on ft.id = t.from_task_id
        left join temper.users f on f.id = ft.approver_id
        where t.approver_id = ${actor.id} and t.workspace_id = ${workspace.workspaceId} and t.status = 'pending'
        order by t.created_at, t.id`;
      const tasks: Task[] = [];
      for (const row of rows) {
        const definition = await definitionOfVersion(sql, row.version_id);
        const process = definition.processes.get(row.process)!;
        const approval = process.states[row.state]!.approval!;
        const level = approval.levels[row.level]!;
        const entity = workspace.definition.entities.get(row.entity);
        const [titleRow] = entity
          ? await sql`select ${sql(entity.titleField)} as title from ${sql(workspace.schema)}.${sql(entity.name)} where id = ${row.record_id}`
          : [];
        tasks.push({
          id: row.id,
          entity: row.entity,
          recordId: row.record_id,
          title: String(titleRow?.title ?? row.record_id),
          process: row.process,
          processLabel: process.label,
          state: row.state,
          stateLabel: process.states[row.state]!.label,
          level: level.name,
          levelLabel: level.label,
          submitter: row.submitter,
          from: row.from_user,
          since: (row.created_at as Date).toISOString(),
          dueAt: row.due_at ? (row.due_at as Date).toISOString() : null,
          delegation: approval.delegation !== false,
          returnable: approval.onReturned !== undefined,
        });
      }
      return tasks;
    },

    /** Approves, rejects (with a reason), returns to the submitter, or delegates a task. */
    async decide(
      actor: Actor,
      workspace: WorkspaceContext,
      taskId: string,
      decision: Decision,
    ): Promise<DecisionResult> {
      if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw new EngineError("not_found", `no task "${taskId}"`);
      if (decision.decision === "reject" && !decision.comment?.trim())
        throw new EngineError("validation_failed", "a rejection needs a reason", {
          problems: [{ field: "comment", code: "required", message: "give the reason for rejecting" }],
        });
      const [found] = await sql<
        Array<{ instance_id: string; entity: string; approver_id: string }>
      >`select a.instance_id, i.entity, t.approver_id
        from temper.approval_tasks t join temper.approvals a on a.id = t.approval_id
        join temper.process_instances i on i.id = a.instance_id
        where t.id = ${taskId} and t.workspace_id = ${workspace.workspaceId}`;
      if (!found || found.approver_id !== actor.id) throw new EngineError("not_found", `no task "${taskId}" of yours`);
      const entity = entityOrThrow(workspace.definition, found.entity);
      const guard = await guardFor(sql, workspace, actor, entity);
      return sql.begin(async (tx) => {
        const [instance] = await tx<
          InstanceRow[]
        >`select * from temper.process_instances where id = ${found.instance_id} for update`;
        const [task] = await tx<TaskRow[]>`select * from temper.approval_tasks where id = ${taskId} for update`;
        if (!instance || !task) throw new EngineError("not_found", `no task "${taskId}" of yours`);
        if (task.status !== "pending")
          throw new EngineError("state_conflict", `this task is already closed (${task.status})`);
        const [approval] = await tx<ApprovalRow[]>`select * from temper.approvals where id = ${task.approval_id}`;
        const record = await lockRecord(tx, workspace, entity, instance.record_id);
        const run = await openRun(deps, {
          tx,
          workspace,
          instance,
          actor,
          user: processUserOf(actor, guard),
          record: { ...record },
        });
        await withRun(run, async () => {
          if (decision.decision === "delegate") {
            await delegate(run, approval!, task, decision);
          } else {
            const followUp = await applyDecision(run, approval!, task, decision);
            if (followUp) await applyEvent(run, followUp.type, followUp.data, "approval");
          }
          await saveRecord(run, record);
        });
        const [after] = await tx<
          Array<{ status: string }>
        >`select status from temper.approvals where id = ${approval!.id}`;
        return {
          task: taskId,
          decision: decision.decision,
          process: instance.process,
          state: run.instance.state,
          approval: after!.status,
        };
      });
    },
  };

  async function delegate(
    run: Awaited<ReturnType<typeof openRun>>,
    approval: ApprovalRow,
    task: TaskRow,
    decision: Extract<Decision, { decision: "delegate" }>,
  ) {
    const config = approvalConfig(run, approval.state);
    if (config.delegation === false) throw new EngineError("forbidden", "this approval may not be delegated");
    const found = await userActor(run.tx, run.workspace.workspaceId, { username: decision.to });
    const problem = (message: string) =>
      new EngineError("validation_failed", message, { problems: [{ field: "to", code: "invalid", message }] });
    if (!found || found.actor.username === systemUsername) throw problem(`no user "${decision.to}"`);
    if (!found.active) throw problem(`${decision.to} is deactivated`);
    const to = found.actor;
    if (to.id === run.actor.id) throw problem("you cannot delegate to yourself");
    const pending = await run.tx`select 1 from temper.approval_tasks where approval_id = ${approval.id}
      and level = ${task.level} and approver_id = ${to.id} and status = 'pending'`;
    if (pending.length > 0) throw problem(`${decision.to} already has this approval`);
    // The delegate must hold the right to see the record they are asked to decide on.
    // Resolved in the transaction: a second connection could wait on a pool its peers hold.
    const guard = await guardFor(
      run.tx as unknown as typeof run.deps.storage.sql,
      run.workspace,
      to,
      run.compiled.entity,
    );
    try {
      guard.allowOrThrow("read", run.record);
    } catch {
      throw problem(`${decision.to} may not see this ${run.compiled.entity.name}, so cannot decide on it`);
    }
    await run.tx`update temper.approval_tasks set status = 'delegated', comment = ${decision.comment ?? null},
      decided_at = ${run.now} where id = ${task.id}`;
    await assignApprovers(run, approval, task.level, [to.id]);
    await run.tx`update temper.approval_tasks set from_task_id = ${task.id}
      where approval_id = ${approval.id} and approver_id = ${to.id} and status = 'pending'`;
    const level = config.levels[task.level]!;
    await run.entry(
      "approval",
      "delegate",
      { level: level.name, to: to.username, ...(decision.comment ? { comment: decision.comment } : {}) },
      run.instance.state,
      run.instance.state,
    );
  }
}
