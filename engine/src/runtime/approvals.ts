import { EngineError } from "../errors.ts";
import { type ApprovalConfig, levelOutcome, nextLevel } from "../process/approval.ts";
import { addDuration } from "../process/duration.ts";
import { approvalEvents } from "../process/machine.ts";
import type { PeopleRule } from "../process/people.ts";
import type { FollowUp, Run } from "./transition.ts";

/** An approval row. */
export interface ApprovalRow {
  id: string;
  instance_id: string;
  state: string;
  level: number;
  status: string;
  submitter_id: string | null;
  started_at: Date;
}

/** An approval task row. */
export interface TaskRow {
  id: string;
  approval_id: string;
  level: number;
  approver_id: string;
  from_task_id: string | null;
  status: string;
  comment: string | null;
  created_at: Date;
}

export function approvalConfig(run: Run, state: string): ApprovalConfig {
  const config = run.compiled.process.states[state]?.approval;
  if (!config) throw new EngineError("internal", `state "${state}" of ${run.instance.process} is no approval`);
  return config;
}

/** The key of a level's timeout timer. */
const timeoutKey = (approvalId: string, level: number) => `approval.${approvalId}.${level}`;

async function recordTitle(run: Run): Promise<string> {
  const entity = run.compiled.entity;
  return String(run.record[entity.titleField] ?? run.record.id);
}

/** Gives a level's tasks to approvers, sets its timeout and tells them. */
export async function assignApprovers(run: Run, approval: ApprovalRow, level: number, approverIds: string[]) {
  const { tx } = run;
  const config = approvalConfig(run, approval.state);
  await tx`insert into temper.approval_tasks ${tx(
    approverIds.map((id) => ({
      workspace_id: run.workspace.workspaceId,
      approval_id: approval.id,
      level,
      approver_id: id,
      created_at: run.now,
    })),
  )}`;
  const label = config.levels[level]!.label;
  const locale = run.workspace.definition.app.locales[0] ?? "en";
  const processLabel = run.compiled.process.label[locale] ?? run.compiled.process.name;
  await run.enqueue("notify", {
    userIds: approverIds,
    kind: "approval",
    entity: run.instance.entity,
    recordId: run.instance.record_id,
    actorId: run.actor.system ? null : run.actor.id,
    message: `${processLabel}: ${await recordTitle(run)} waits for your approval (${label[locale] ?? label.en ?? ""})`,
  });
}

/**
 * Starts the next level that applies after `from`: resolves its approvers
 * from the org now, or, with no level left, approves.
 */
async function advance(run: Run, approval: ApprovalRow, from: number): Promise<FollowUp | undefined> {
  const { tx } = run;
  const config = approvalConfig(run, approval.state);
  const index = nextLevel(run.compiled.entity, config, from, run.record, run.user, run.now);
  if (index === undefined) {
    await tx`update temper.approvals set status = 'approved', decided_at = ${run.now} where id = ${approval.id}`;
    return { type: approvalEvents.approved, data: {} };
  }
  const level = config.levels[index]!;
  const approverIds = await run.people(level.approvers as PeopleRule[], {
    submitterId: approval.submitter_id,
    approverIds: [],
  });
  if (approverIds.length === 0) {
    throw new EngineError(
      "validation_failed",
      `nobody can approve level "${level.name}" of ${run.instance.process}: no active user matches its approvers; place the approvers in the org first`,
    );
  }
  await tx`update temper.approvals set level = ${index} where id = ${approval.id}`;
  approval.level = index;
  await assignApprovers(run, approval, index, approverIds);
  if (config.timeout)
    await run.schedule("approval_timeout", timeoutKey(approval.id, index), addDuration(run.now, config.timeout.after), {
      approvalId: approval.id,
      level: index,
    });
  return undefined;
}

/** `approval.start`: entering an approval state opens an approval at its first applicable level. */
export async function startApproval(run: Run, state: string): Promise<FollowUp | undefined> {
  const [approval] = await run.tx<ApprovalRow[]>`insert into temper.approvals
      (workspace_id, instance_id, state, level, submitter_id, started_at)
    values (${run.workspace.workspaceId}, ${run.instance.id}, ${state}, -1,
      ${run.actor.system ? null : run.actor.id}, ${run.now})
    returning *`;
  return advance(run, approval!, -1);
}

/** `approval.end`: leaving the state closes what is still open of its approval (a withdrawn submission). */
export async function endApproval(run: Run, state: string): Promise<void> {
  const { tx } = run;
  await tx`update temper.approvals set status = 'cancelled', decided_at = ${run.now}
    where instance_id = ${run.instance.id} and state = ${state} and status = 'pending'`;
  await tx`update temper.approval_tasks set status = 'closed', decided_at = ${run.now}
    where approval_id in (select id from temper.approvals where instance_id = ${run.instance.id}) and status = 'pending'`;
  // One approval state is active at a time: its level timeouts are all the instance's approval timers.
  await run.cancel(`approval.`, { prefix: true });
}

/** The decisions an approver can make. */
export type Decision =
  | { decision: "approve"; comment?: string }
  | { decision: "reject"; comment: string }
  | { decision: "return"; comment?: string }
  | { decision: "delegate"; to: string; comment?: string };

async function tally(run: Run, approval: ApprovalRow) {
  const config = approvalConfig(run, approval.state);
  const rows = await run.tx<
    Array<{ status: string; n: string }>
  >`select status, count(*) as n from temper.approval_tasks
    where approval_id = ${approval.id} and level = ${approval.level} group by status`;
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return levelOutcome(config.levels[approval.level]!, {
    approved: count("approved"),
    rejected: count("rejected"),
    pending: count("pending"),
  });
}

async function closeLevel(run: Run, approval: ApprovalRow) {
  await run.tx`update temper.approval_tasks set status = 'closed', decided_at = ${run.now}
    where approval_id = ${approval.id} and level = ${approval.level} and status = 'pending'`;
  await run.cancel(timeoutKey(approval.id, approval.level));
}

/**
 * Applies an approver's decision on their task inside the run: the level's
 * tally by its mode, the next level or the approval's outcome. Returns the
 * event the approval state sends itself when the approval is decided.
 */
export async function applyDecision(
  run: Run,
  approval: ApprovalRow,
  task: TaskRow,
  decision: Exclude<Decision, { decision: "delegate" }>,
): Promise<FollowUp | undefined> {
  const { tx } = run;
  const status = { approve: "approved", reject: "rejected", return: "returned" }[decision.decision];
  await tx`update temper.approval_tasks set status = ${status}, comment = ${decision.comment ?? null},
    decided_at = ${run.now} where id = ${task.id}`;
  const config = approvalConfig(run, approval.state);
  const level = config.levels[approval.level]!;
  await run.entry(
    "approval",
    decision.decision,
    { level: level.name, ...(decision.comment ? { comment: decision.comment } : {}) },
    run.instance.state,
    run.instance.state,
  );
  if (decision.decision === "return") {
    if (!config.onReturned)
      throw new EngineError(
        "state_conflict",
        `this approval cannot be returned: "${approval.state}" has no onReturned`,
      );
    await closeLevel(run, approval);
    await tx`update temper.approvals set status = 'returned', decided_at = ${run.now} where id = ${approval.id}`;
    return { type: approvalEvents.returned, data: decision.comment ? { comment: decision.comment } : {} };
  }
  const outcome = await tally(run, approval);
  if (outcome === "pending") return undefined;
  await closeLevel(run, approval);
  if (outcome === "rejected") {
    await tx`update temper.approvals set status = 'rejected', decided_at = ${run.now} where id = ${approval.id}`;
    return { type: approvalEvents.rejected, data: { level: level.name, reason: decision.comment ?? "" } };
  }
  return advance(run, approval, approval.level);
}

/**
 * A level's timeout: `escalate` gives the waiting approvers' managers a task
 * each and sets the timeout again (so it climbs the reporting line until
 * someone decides or nobody is above), `reject` rejects, `approve` approves
 * the level.
 */
export async function applyTimeout(run: Run, approval: ApprovalRow, level: number): Promise<FollowUp | undefined> {
  const config = approvalConfig(run, approval.state);
  if (approval.status !== "pending" || approval.level !== level || !config.timeout) return undefined;
  const { tx } = run;
  const levelName = config.levels[level]!.name;
  if (config.timeout.then === "escalate") {
    const waiting = await tx<TaskRow[]>`select * from temper.approval_tasks
      where approval_id = ${approval.id} and level = ${level} and status = 'pending'`;
    const managers = await run.people([{ type: "manager", params: { of: "approver", levels: 1 } }], {
      approverIds: waiting.map((t) => t.approver_id),
    });
    const current = new Set(waiting.map((t) => t.approver_id));
    const added = managers.filter((id) => !current.has(id));
    const escalatedTo =
      added.length > 0
        ? (
            await tx<Array<{ username: string }>>`select username from temper.users where id = any(${added}::uuid[])
            order by username`
          ).map((u) => u.username)
        : [];
    await run.entry(
      "approval",
      "timeout",
      { level: levelName, then: "escalate", escalatedTo },
      approval.state,
      approval.state,
    );
    if (added.length > 0) {
      await assignApprovers(run, approval, level, added);
      // The managers get the same time to decide; past it, theirs are asked in turn.
      await run.schedule(
        "approval_timeout",
        timeoutKey(approval.id, level),
        addDuration(run.now, config.timeout.after),
        {
          approvalId: approval.id,
          level,
        },
      );
    }
    return undefined;
  }
  await run.entry(
    "approval",
    "timeout",
    { level: levelName, then: config.timeout.then },
    approval.state,
    approval.state,
  );
  await closeLevel(run, approval);
  if (config.timeout.then === "reject") {
    await tx`update temper.approvals set status = 'rejected', decided_at = ${run.now} where id = ${approval.id}`;
    return { type: approvalEvents.rejected, data: { level: levelName, reason: "timed out" } };
  }
  return advance(run, approval, level);
}
