import { type ApprovalConfig, levelOutcome, nextLevel } from "../approval.ts";
import { addDuration } from "../duration.ts";
import { approvalEvents } from "../machine.ts";
import type { PeopleRule } from "../people.ts";
import {
  type Actor,
  type Approval,
  cancel,
  log,
  people,
  schedule,
  type Sim,
  SimulationError,
  systemActor,
  type Task,
} from "./world.ts";

/** An event an approval state sends itself once its approval is decided. */
export interface FollowUp {
  type: string;
  data: Record<string, unknown>;
}

/** The decisions an approver can make in a script. */
export type DecisionKind = "approve" | "reject" | "return" | "delegate";

function configOf(sim: Sim, state: string): ApprovalConfig {
  const config = sim.compiled.process.states[state]?.approval;
  if (!config) throw new SimulationError(`state "${state}" is no approval`);
  return config;
}

const timeoutKey = (approval: Approval, level: number) => `approval.${approval.id}.${level}`;

/** Gives a level's tasks to approvers and tells them (as the runtime's `assignApprovers`). */
function assign(sim: Sim, approval: Approval, level: number, approvers: string[]): void {
  const config = configOf(sim, approval.state);
  for (const approver of approvers) approval.tasks.push({ approver, level, status: "pending" });
  const { name, label } = config.levels[level]!;
  log(sim, { kind: "approval", action: "assigned", state: approval.state, level: name, approvers });
  const process = sim.compiled.process;
  const title = String(sim.record[sim.entity.titleField] ?? sim.record.id);
  log(sim, {
    kind: "notify",
    to: approvers,
    message: `${process.label[sim.locale] ?? process.name}: ${title} waits for your approval (${label[sim.locale] ?? label.en ?? ""})`,
    reason: "approval",
  });
}

/** Starts the next level that applies after `from`, or approves when none is left. */
async function advance(sim: Sim, approval: Approval, from: number, actor: Actor): Promise<FollowUp | undefined> {
  const config = configOf(sim, approval.state);
  const index = nextLevel(sim.entity, config, from, sim.record, actor.user, sim.now);
  if (index === undefined) {
    approval.status = "approved";
    log(sim, { kind: "approval", action: "approved", state: approval.state });
    return { type: approvalEvents.approved, data: {} };
  }
  const level = config.levels[index]!;
  const approvers = await people(sim, level.approvers as PeopleRule[], actor, {
    submitterId: approval.submitter,
    approverIds: [],
  });
  if (approvers.length === 0)
    throw new SimulationError(
      `nobody can approve level "${level.name}" of ${sim.compiled.process.name}: no active user of the script matches its approvers`,
    );
  approval.level = index;
  assign(sim, approval, index, approvers);
  if (config.timeout)
    schedule(sim, {
      kind: "approval_timeout",
      key: timeoutKey(approval, index),
      due: addDuration(sim.now, config.timeout.after),
      label: `timeout of approval level ${level.name} (then ${config.timeout.then})`,
      payload: { approval: approval.id, level: index },
    });
  return undefined;
}

/** Entering an approval state opens an approval at its first level that applies. */
export async function startApproval(sim: Sim, state: string, actor: Actor): Promise<FollowUp | undefined> {
  const approval: Approval = {
    id: ++sim.counters.approvals,
    state,
    level: -1,
    status: "pending",
    submitter: actor.system ? null : actor.user.id,
    tasks: [],
  };
  sim.approvals.push(approval);
  log(sim, { kind: "approval", action: "started", state, by: actor.user.username });
  return advance(sim, approval, -1, actor);
}

/** Leaving an approval state closes what is still open of its approval. */
export function endApproval(sim: Sim, state: string): void {
  for (const approval of sim.approvals) {
    if (approval.state === state && approval.status === "pending") {
      approval.status = "cancelled";
      log(sim, { kind: "approval", action: "cancelled", state });
    }
    for (const task of approval.tasks) if (task.status === "pending") task.status = "closed";
  }
  cancel(sim, "approval.", { prefix: true });
}

function closeLevel(sim: Sim, approval: Approval): void {
  for (const task of approval.tasks)
    if (task.level === approval.level && task.status === "pending") task.status = "closed";
  cancel(sim, timeoutKey(approval, approval.level));
}

function pendingApproval(sim: Sim): Approval | undefined {
  return [...sim.approvals].reverse().find((a) => a.status === "pending");
}

/** The usernames the pending approval waits for. */
export function waitingFor(sim: Sim): string[] {
  const approval = pendingApproval(sim);
  if (!approval) return [];
  return approval.tasks.filter((t) => t.level === approval.level && t.status === "pending").map((t) => t.approver);
}

function delegate(sim: Sim, approval: Approval, task: Task, to: string, comment?: string): void {
  if (configOf(sim, approval.state).delegation === false)
    throw new SimulationError("this approval may not be delegated");
  if (sim.users.get(to)?.active === false) throw new SimulationError(`${to} is deactivated`);
  if (to === task.approver) throw new SimulationError("an approver cannot delegate to themselves");
  if (waitingFor(sim).includes(to)) throw new SimulationError(`${to} already has this approval`);
  task.status = "delegated";
  const level = configOf(sim, approval.state).levels[task.level]!.name;
  log(sim, {
    kind: "approval",
    action: "delegate",
    state: approval.state,
    level,
    by: task.approver,
    approvers: [to],
    ...(comment ? { comment } : {}),
  });
  assign(sim, approval, task.level, [to]);
}

/**
 * An approver's decision on their pending task (as the runtime's
 * `applyDecision`): the level's tally by its mode, then the next level or
 * the approval's outcome, returned as the event the state sends itself.
 */
export async function decide(
  sim: Sim,
  decision: DecisionKind,
  actor: Actor,
  input: { comment?: string; to?: string },
): Promise<FollowUp | undefined> {
  const approval = pendingApproval(sim);
  if (!approval) throw new SimulationError(`no approval is pending (the process is in "${sim.state}")`);
  const by = actor.user.username;
  const task = approval.tasks.find((t) => t.level === approval.level && t.approver === by && t.status === "pending");
  if (!task)
    throw new SimulationError(
      `${by} has no pending task in the approval of "${approval.state}"; it waits for ${waitingFor(sim).join(", ") || "nobody"}`,
    );
  if (decision === "delegate") {
    delegate(sim, approval, task, input.to!, input.comment);
    return undefined;
  }
  const config = configOf(sim, approval.state);
  const level = config.levels[approval.level]!;
  if (decision === "return" && !config.onReturned)
    throw new SimulationError(`this approval cannot be returned: "${approval.state}" has no onReturned`);
  task.status = ({ approve: "approved", reject: "rejected", return: "returned" } as const)[decision];
  if (input.comment) task.comment = input.comment;
  const comment = input.comment ? { comment: input.comment } : {};
  log(sim, { kind: "approval", action: decision, state: approval.state, level: level.name, by, ...comment });
  if (decision === "return") {
    closeLevel(sim, approval);
    approval.status = "returned";
    log(sim, { kind: "approval", action: "returned", state: approval.state, level: level.name });
    return { type: approvalEvents.returned, data: comment };
  }
  const count = (status: Task["status"]) =>
    approval.tasks.filter((t) => t.level === approval.level && t.status === status).length;
  const outcome = levelOutcome(level, {
    approved: count("approved"),
    rejected: count("rejected"),
    pending: count("pending"),
  });
  if (outcome === "pending") return undefined;
  closeLevel(sim, approval);
  if (outcome === "rejected") {
    approval.status = "rejected";
    log(sim, { kind: "approval", action: "rejected", state: approval.state, level: level.name, ...comment });
    return { type: approvalEvents.rejected, data: { level: level.name, reason: input.comment ?? "" } };
  }
  return advance(sim, approval, approval.level, actor);
}

/**
 * A level's timeout (as the runtime's `applyTimeout`): `escalate` gives the
 * waiting approvers' managers a task each, `reject` rejects, `approve`
 * approves the level. A level decided meanwhile is left alone.
 */
export async function timeOut(sim: Sim, approvalId: number, level: number): Promise<FollowUp | undefined> {
  const approval = sim.approvals.find((a) => a.id === approvalId);
  const config = approval && configOf(sim, approval.state);
  if (!approval || !config?.timeout || approval.status !== "pending" || approval.level !== level) return undefined;
  const levelName = config.levels[level]!.name;
  const then = config.timeout.then;
  log(sim, { kind: "approval", action: "timeout", state: approval.state, level: levelName, comment: `then ${then}` });
  if (then === "escalate") {
    const waiting = waitingFor(sim);
    const managers = await people(sim, [{ type: "manager", params: { of: "approver", levels: 1 } }], systemActor, {
      approverIds: waiting,
    });
    const added = managers.filter((id) => !waiting.includes(id));
    if (added.length > 0) assign(sim, approval, level, added);
    return undefined;
  }
  closeLevel(sim, approval);
  if (then === "reject") {
    approval.status = "rejected";
    log(sim, { kind: "approval", action: "rejected", state: approval.state, level: levelName, comment: "timed out" });
    return { type: approvalEvents.rejected, data: { level: levelName, reason: "timed out" } };
  }
  return advance(sim, approval, level, systemActor);
}
