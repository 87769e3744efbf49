import { applyComputed } from "../../records/compute.ts";
import { addDuration } from "../duration.ts";
import { isRefusal, type PlanRefusal, planEvent, planStart, type TransitionPlan } from "../plan.ts";
import type { PeopleRule } from "../people.ts";
import type { Label } from "../render.ts";
import { endApproval, type FollowUp, startApproval, timeOut } from "./approvals.ts";
import { render, runStep } from "./steps.ts";
import {
  type Actor,
  cancel,
  log,
  people,
  schedule,
  type Sim,
  SimulationError,
  type StepRun,
  systemActor,
  type Timer,
} from "./world.ts";

/** The user of the script with that username as an actor, or the system when nobody is named. */
export function actorOf(sim: Sim, username: string | undefined): Actor {
  if (username === undefined) return systemActor;
  const user = sim.users.get(username);
  if (!user) throw new SimulationError(`"${username}" is not among the script's users`);
  return {
    user: {
      id: username,
      username,
      roles: user.roles ?? [],
      org_unit: user.unit ?? null,
      manager: user.manager ?? null,
    },
    system: false,
  };
}

function timerLabel(sim: Sim, event: string): string {
  const { process, timerDurations } = sim.compiled;
  const duration = timerDurations.get(event) ?? "";
  const prefix = `xstate.after.${duration}.${process.name}.`;
  return `after ${duration} in ${event.startsWith(prefix) ? event.slice(prefix.length) : "?"}`;
}

/** Applies a plan as the runtime's `applyPlan` does: its steps in order, the state mirrored on the record. */
async function applyPlan(
  sim: Sim,
  plan: TransitionPlan,
  meta: { event: string; data: Record<string, unknown>; actor: Actor },
): Promise<FollowUp[]> {
  log(sim, {
    kind: "state",
    event: meta.event,
    from: plan.from,
    to: plan.to,
    final: plan.final,
    by: meta.actor.user.username,
  });
  const run: StepRun = { state: plan.to, event: { type: meta.event, data: meta.data }, actor: meta.actor };
  const followUps: FollowUp[] = [];
  for (const step of plan.steps) {
    if (step.kind === "schedule_timer")
      schedule(sim, {
        kind: "after",
        key: step.key,
        due: addDuration(sim.now, step.after),
        label: timerLabel(sim, step.event),
        payload: { event: step.event },
      });
    else if (step.kind === "cancel_timer") cancel(sim, step.key);
    else if (step.kind === "approval_start") {
      const followUp = await startApproval(sim, step.state, meta.actor);
      if (followUp) followUps.push(followUp);
    } else if (step.kind === "approval_end") endApproval(sim, step.state);
    else await runStep(sim, step.type, step.params, run);
  }
  const { stateField } = sim.compiled.process;
  if (stateField && sim.entity.fields.some((f) => f.name === stateField)) sim.record[stateField] = plan.to;
  sim.record = applyComputed(sim.entity, sim.record);
  sim.state = plan.to;
  sim.final = plan.final;
  return followUps;
}

/** Applies a plan, then whatever it raised for itself (an approval decided at once). */
async function applyWithFollowUps(
  sim: Sim,
  plan: TransitionPlan,
  meta: { event: string; data: Record<string, unknown>; actor: Actor },
): Promise<void> {
  let followUps = await applyPlan(sim, plan, meta);
  for (let depth = 0; followUps.length > 0; depth++) {
    if (depth > 8) throw new SimulationError(`process "${sim.compiled.process.name}" keeps raising events`);
    const next: FollowUp[] = [];
    for (const { type, data } of followUps)
      next.push(
        ...(await applyPlan(sim, planOrThrow(sim, type, data, meta.actor), { event: type, data, actor: meta.actor })),
      );
    followUps = next;
  }
}

function planOrThrow(sim: Sim, type: string, data: Record<string, unknown>, actor: Actor): TransitionPlan {
  const plan = planOf(sim, type, data, actor);
  if (isRefusal(plan)) throw new SimulationError(plan.message);
  return plan;
}

/** Plans an event on the simulated instance, as the acting user. */
export function planOf(
  sim: Sim,
  type: string,
  data: Record<string, unknown>,
  actor: Actor,
): TransitionPlan | PlanRefusal {
  return planEvent(sim.compiled, sim.state ?? sim.compiled.process.initial, type, data, {
    record: sim.record,
    user: actor.user,
    now: sim.now,
  });
}

/** Starts the process: its initial state, entry steps and timers. */
export async function startProcess(sim: Sim, actor: Actor): Promise<void> {
  await applyWithFollowUps(sim, planStart(sim.compiled), { event: "start", data: {}, actor });
}

/** Applies a planned event with what it raises. */
export async function applyEvent(
  sim: Sim,
  plan: TransitionPlan,
  event: string,
  data: Record<string, unknown>,
  actor: Actor,
): Promise<void> {
  await applyWithFollowUps(sim, plan, { event, data, actor });
}

/** Applies what an approval decision raised, if anything. */
export async function applyDecided(sim: Sim, followUp: FollowUp | undefined, actor: Actor): Promise<void> {
  if (!followUp) return;
  const plan = planOrThrow(sim, followUp.type, followUp.data, actor);
  await applyWithFollowUps(sim, plan, { event: followUp.type, data: followUp.data, actor });
}

async function fire(sim: Sim, timer: Timer): Promise<void> {
  sim.timers = sim.timers.filter((t) => t !== timer);
  const fired = {
    kind: "timer",
    action: "fired",
    timer: timer.kind,
    key: timer.key,
    label: timer.label,
    due: timer.due.toISOString(),
  } as const;
  if (timer.kind === "after") {
    if (sim.final) return log(sim, { ...fired, skipped: "the process has ended" });
    const event = String(timer.payload.event);
    const plan = planOf(sim, event, {}, systemActor);
    if (isRefusal(plan)) {
      // A timed transition whose conditions do not hold is done with, as in the runtime.
      if (plan.refused !== "guard") throw new SimulationError(plan.message);
      return log(sim, { ...fired, skipped: plan.message });
    }
    log(sim, fired);
    return applyEvent(sim, plan, event, {}, systemActor);
  }
  log(sim, fired);
  if (timer.kind === "reminder") {
    const to = await people(sim, timer.payload.to as PeopleRule[], systemActor);
    return log(sim, { kind: "notify", to, message: render(sim, timer.payload.message as Label), reason: "reminder" });
  }
  const followUp = await timeOut(sim, Number(timer.payload.approval), Number(timer.payload.level));
  await applyDecided(sim, followUp, systemActor);
}

/** Moves the clock to `until`, firing the timers that fall due on the way, in due order. */
export async function advanceTo(sim: Sim, until: Date): Promise<void> {
  if (until.getTime() < sim.now.getTime())
    throw new SimulationError(`time cannot go back from ${sim.now.toISOString()} to ${until.toISOString()}`);
  for (let fired = 0; ; fired++) {
    if (fired > 10_000) throw new SimulationError("more than 10,000 timers fire: does a timer keep setting itself?");
    const due = sim.timers
      .filter((t) => t.due.getTime() <= until.getTime())
      .sort((a, b) => a.due.getTime() - b.due.getTime() || a.seq - b.seq)[0];
    if (!due) break;
    if (due.due.getTime() > sim.now.getTime()) sim.now = due.due;
    await fire(sim, due);
  }
  sim.now = until;
}
