import { canFireEvent, entityAccess } from "../../permissions/access.ts";
import { applyComputed } from "../../records/compute.ts";
import { addDuration } from "../duration.ts";
import { decide, type DecisionKind, waitingFor } from "./approvals.ts";
import { time } from "./format.ts";
import { actorOf, advanceTo, applyDecided, applyEvent, planOf } from "./run.ts";
import { show, showChanges } from "./steps.ts";
import type { Expectation, ScriptStep, SimulationScript } from "./types.ts";
import { type Actor, log, type Sim, SimulationError } from "./world.ts";

/** A script step as the log shows it: `resolve as agent1 {"resolution":"…"}`, `advance PT25H to 2026-03-03 10:00`. */
export function describeStep(step: ScriptStep, now: Date): string {
  if ("event" in step) {
    const data = step.data && Object.keys(step.data).length > 0 ? ` ${show(step.data)}` : "";
    return `${step.event}${step.as ? ` as ${step.as}` : ""}${data}${step.refused ? " (expected to be refused)" : ""}`;
  }
  if ("advance" in step) return `advance ${step.advance} to ${time(addDuration(now, step.advance).toISOString())}`;
  if ("until" in step) return `until ${time(new Date(step.until).toISOString())}`;
  if ("set" in step) return `set ${showChanges(step.set)}`;
  if ("expect" in step) {
    const { state, final, fields, approvers } = step.expect;
    const parts = [
      ...(state !== undefined ? [`state ${state}`] : []),
      ...(final !== undefined ? [`final ${final}`] : []),
      ...(fields ? [showChanges(fields)] : []),
      ...(approvers ? [`approvers ${approvers.join(", ") || "nobody"}`] : []),
    ];
    return `expect ${parts.join(", ")}`;
  }
  const [kind, decision] = Object.entries(step).find(([k]) => k !== "note") as unknown as [
    string,
    Record<string, string>,
  ];
  const to = decision.to ? ` to ${decision.to}` : "";
  return `${kind} as ${decision.as}${to}${decision.comment ? ` (${show(decision.comment)})` : ""}`;
}

function mayFire(sim: Sim, actor: Actor, event: string): boolean {
  if (actor.system) return true;
  const access = entityAccess(sim.definition, actor.user.roles, sim.entity.name);
  return canFireEvent(access, sim.compiled.process.name, event);
}

async function fireEvent(sim: Sim, step: Extract<ScriptStep, { event: string }>, actor: Actor): Promise<void> {
  const data = step.data ?? {};
  const plan = mayFire(sim, actor, step.event)
    ? planOf(sim, step.event, data, actor)
    : {
        refused: "forbidden",
        message: `${actor.user.username} (roles: ${actor.user.roles.join(", ") || "none"}) may not fire "${step.event}" of ${sim.compiled.process.name}`,
      };
  if ("refused" in plan) {
    if (!step.refused) throw new SimulationError(plan.message);
    return log(sim, { kind: "expect", passed: true, message: `"${step.event}" was refused: ${plan.message}` });
  }
  if (step.refused)
    log(sim, { kind: "expect", passed: false, message: `"${step.event}" was expected to be refused, but was taken` });
  await applyEvent(sim, plan, step.event, data, actor);
}

function sameValue(type: string | undefined, expected: unknown, actual: unknown): boolean {
  if ((type === "datetime" || type === "date") && typeof expected === "string" && typeof actual === "string")
    return Date.parse(expected) === Date.parse(actual);
  return JSON.stringify(expected ?? null) === JSON.stringify(actual ?? null);
}

function check(sim: Sim, expectation: Expectation): void {
  const misses: string[] = [];
  const holds: string[] = [];
  const compare = (what: string, ok: boolean, expected: string, actual: string) =>
    ok ? holds.push(`${what} ${actual}`) : misses.push(`expected ${what} ${expected}, but it is ${actual}`);
  if (expectation.state !== undefined)
    compare("state", sim.state === expectation.state, expectation.state, String(sim.state));
  if (expectation.final !== undefined)
    compare("final", sim.final === expectation.final, String(expectation.final), String(sim.final));
  for (const [name, expected] of Object.entries(expectation.fields ?? {})) {
    const field = sim.entity.fields.find((f) => f.name === name);
    const type = field?.type === "computed" ? field.resultType : field?.type;
    const actual = sim.record[name] ?? null;
    compare(name, sameValue(type, expected, actual), `= ${show(expected)}`, `= ${show(actual)}`);
  }
  if (expectation.approvers) {
    const waiting = waitingFor(sim).sort();
    const expected = [...expectation.approvers].sort();
    const list = (names: string[]) => names.join(", ") || "nobody";
    compare("approvers", show(waiting) === show(expected), list(expected), list(waiting));
  }
  log(sim, {
    kind: "expect",
    passed: misses.length === 0,
    message: misses.length === 0 ? holds.join("; ") : misses.join("; "),
  });
}

/** Runs one step of a script on the simulated instance. */
export async function runScriptStep(sim: Sim, script: SimulationScript, step: ScriptStep): Promise<void> {
  if ("event" in step) return fireEvent(sim, step, actorOf(sim, step.as ?? script.as));
  if ("advance" in step) return advanceTo(sim, addDuration(sim.now, step.advance));
  if ("until" in step) return advanceTo(sim, new Date(step.until));
  if ("expect" in step) return check(sim, step.expect);
  if ("set" in step) {
    Object.assign(sim.record, step.set);
    sim.record = applyComputed(sim.entity, sim.record);
    return log(sim, { kind: "record", changes: step.set });
  }
  const kinds: DecisionKind[] = ["approve", "reject", "return", "delegate"];
  const kind = kinds.find((k) => k in step)!;
  const decision = (step as Record<DecisionKind, { as: string; comment?: string; to?: string }>)[kind];
  const actor = actorOf(sim, decision.as);
  await applyDecided(sim, await decide(sim, kind, actor, decision), actor);
}
