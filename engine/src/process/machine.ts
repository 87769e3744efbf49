import { type AnyStateMachine, setup } from "xstate";
import type { Definition, Entity, Process } from "../definitions/index.ts";
import { durationMs } from "./duration.ts";
import { type GuardRegistry, guardHolds } from "./guards.ts";

type ProcessState = Process["states"][string];
type Transition = NonNullable<ProcessState["on"]>[string];

/** The events an approval state sends itself when its levels are decided. */
export const approvalEvents = {
  approved: "approval.approved",
  rejected: "approval.rejected",
  returned: "approval.returned",
} as const;

/** A process turned into an XState machine, with what the runtime needs to read its plans. */
export interface CompiledProcess {
  process: Process;
  entity: Entity;
  definition: Definition;
  machine: AnyStateMachine;
  /** The ISO duration of each delayed event XState raises (`xstate.after.PT24H.complaint_escalation.open`). */
  timerDurations: Map<string, string>;
}

/** XState's event type for a state's `after` timer. */
export function timerEventType(process: string, state: string, duration: string): string {
  return `xstate.after.${duration}.${process}.${state}`;
}

function transitionConfig(transition: Transition): unknown {
  if (typeof transition === "string") return { target: transition };
  if (Array.isArray(transition)) return transition.map((t) => transitionConfig(t));
  return { ...transition };
}

function stateConfig(name: string, state: ProcessState): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (state.type === "final") config.type = "final";
  const entry = [...(state.entry ?? [])] as unknown[];
  const exit = [...(state.exit ?? [])] as unknown[];
  const on: Record<string, unknown> = {};
  for (const [event, transition] of Object.entries(state.on ?? {})) on[event] = transitionConfig(transition);
  if (state.approval) {
    entry.push({ type: "approval.start", params: { state: name } });
    exit.unshift({ type: "approval.end", params: { state: name } });
    on[approvalEvents.approved] = transitionConfig(state.approval.onApproved);
    on[approvalEvents.rejected] = transitionConfig(state.approval.onRejected);
    if (state.approval.onReturned) on[approvalEvents.returned] = transitionConfig(state.approval.onReturned);
  }
  if (entry.length > 0) config.entry = entry;
  if (exit.length > 0) config.exit = exit;
  if (Object.keys(on).length > 0) config.on = on;
  if (state.after) {
    config.after = Object.fromEntries(
      Object.entries(state.after).map(([duration, transition]) => [duration, transitionConfig(transition)]),
    );
  }
  return config;
}

function stepTypes(process: Process): Set<string> {
  const types = new Set(["approval.start", "approval.end"]);
  for (const state of Object.values(process.states)) {
    const transitions = [...Object.values(state.on ?? {}), ...Object.values(state.after ?? {})];
    if (state.approval) transitions.push(state.approval.onApproved, state.approval.onRejected);
    for (const step of [...(state.entry ?? []), ...(state.exit ?? [])]) types.add(step.type);
    for (const transition of transitions) {
      const list = typeof transition === "string" ? [] : Array.isArray(transition) ? transition : [transition];
      for (const t of list) for (const step of t.actions ?? []) types.add(step.type);
    }
  }
  return types;
}

const noPluginGuards: GuardRegistry = new Map();
const cache = new WeakMap<GuardRegistry, WeakMap<Definition, Map<string, CompiledProcess>>>();

/**
 * Turns a process of a definition into an XState machine, once per
 * definition (versions are immutable, so the machine is cached with it).
 * Guards and actions stay `{ type, params }` as the definition names them;
 * `setup()` supplies the guards (CEL, or a plugin's) and declares the steps,
 * which the runtime executes from the plan instead of XState running them.
 *
 * @example
 * const compiled = compileProcess(definition, "complaint_escalation");
 * compiled.machine.config.initial; // "open"
 */
export function compileProcess(
  definition: Definition,
  name: string,
  guards: GuardRegistry = noPluginGuards,
): CompiledProcess {
  let byDefinition = cache.get(guards);
  if (!byDefinition) cache.set(guards, (byDefinition = new WeakMap()));
  let byName = byDefinition.get(definition);
  if (!byName) byDefinition.set(definition, (byName = new Map()));
  const cached = byName.get(name);
  if (cached) return cached;
  const process = definition.processes.get(name);
  if (!process) throw new Error(`no process "${name}"`);
  const entity = definition.entities.get(process.entity);
  if (!entity) throw new Error(`process "${name}" names no entity`);
  const timerDurations = new Map<string, string>();
  const delays: Record<string, () => number> = {};
  for (const [stateName, state] of Object.entries(process.states)) {
    for (const duration of Object.keys(state.after ?? {})) {
      timerDurations.set(timerEventType(name, stateName, duration), duration);
      delays[duration] = () => durationMs(duration);
    }
  }
  const actions = Object.fromEntries([...stepTypes(process)].map((type) => [type, () => undefined]));
  const machine = setup({
    types: {} as { events: { type: string } },
    actions,
    guards: {
      // Every guard is evaluated through one implementation, which looks the guard's type up.
      ...Object.fromEntries(
        [...collectGuardTypes(process)].map((type) => [
          type,
          ({ event }: { event: unknown }, params: unknown) =>
            guardHolds(entity, { type, params: params as Record<string, unknown> }, event, guards),
        ]),
      ),
    },
    delays,
  }).createMachine({
    id: name,
    initial: process.initial,
    states: Object.fromEntries(Object.entries(process.states).map(([n, s]) => [n, stateConfig(n, s)])),
  } as never);
  const compiled: CompiledProcess = {
    process,
    entity,
    definition,
    machine: machine as unknown as AnyStateMachine,
    timerDurations,
  };
  byName.set(name, compiled);
  return compiled;
}

function collectGuardTypes(process: Process): Set<string> {
  const types = new Set<string>(["expression"]);
  for (const state of Object.values(process.states)) {
    for (const transition of [...Object.values(state.on ?? {}), ...Object.values(state.after ?? {})]) {
      const list = typeof transition === "string" ? [] : Array.isArray(transition) ? transition : [transition];
      for (const t of list) if (t.guard) types.add(t.guard.type);
    }
  }
  return types;
}
