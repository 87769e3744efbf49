import type { Definition, Process } from "../definitions/index.ts";
import { canFireEvent, entityAccess } from "./access.ts";

type Transition = NonNullable<Process["states"][string]["on"]>[string];
type Label = Record<string, string>;

/** A state as a client draws it: its label, whether the process ends there or waits for an approval, and where its events lead. */
export interface VisibleState {
  name: string;
  label: Label;
  description?: Label;
  final: boolean;
  approval: boolean;
  /** An approval state's levels, in order, with their labels. */
  levels?: Array<{ name: string; label: Label }>;
  /** The events the state takes and the states each may lead to (several when its transitions are guarded). */
  transitions: Array<{ event: string; targets: string[] }>;
}

/** A process as one user may see it: its states in order, its events, and which of them the user may fire. */
export interface VisibleProcess {
  name: string;
  label: Label;
  description?: Label;
  entity: string;
  stateField: string | null;
  initial: string;
  states: VisibleState[];
  events: Array<{ name: string; label: Label; description?: Label; data?: Record<string, unknown>; mayFire: boolean }>;
}

/** The states a transition may lead to, in order; a transition without a target stays where it is. */
function targetsOf(transition: Transition, from: string): string[] {
  const list =
    typeof transition === "string" ? [{ target: transition }] : Array.isArray(transition) ? transition : [transition];
  return [...new Set(list.map((t) => t.target ?? from))];
}

/**
 * The states in the order a record goes through them: from the initial
 * state, breadth first along its transitions (an approval's outcomes, then
 * its events, then its timers), final states last, states no transition
 * reaches after those. A stored definition keeps no order of its keys, so
 * the order comes from the process's shape.
 */
function stateOrder(process: Process): string[] {
  const seen = new Set<string>([process.initial]);
  const queue = [process.initial];
  for (let i = 0; i < queue.length; i++) {
    const state = process.states[queue[i]!];
    if (!state) continue;
    const { approval } = state;
    const transitions = [
      ...(approval ? [approval.onApproved, approval.onRejected, approval.onReturned] : []),
      ...Object.values(state.on ?? {}),
      ...Object.values(state.after ?? {}),
    ].filter((t): t is Transition => t !== undefined);
    for (const target of transitions.flatMap((t) => targetsOf(t, queue[i]!)))
      if (!seen.has(target) && process.states[target]) {
        seen.add(target);
        queue.push(target);
      }
  }
  const unreached = Object.keys(process.states).filter((name) => !seen.has(name));
  const ordered = [...queue, ...unreached];
  const final = (name: string) => process.states[name]?.type === "final";
  return [...ordered.filter((name) => !final(name)), ...ordered.filter(final)];
}

/**
 * A process of the published definition as a user's roles let them see it:
 * `undefined` when there is no such process or they may not read its
 * entity. Guards and steps are left out: a client needs the states, the
 * events and where they lead (to draw a board, to find the event that moves
 * a card), not how the engine decides.
 *
 * @example
 * const pipeline = visibleProcess(definition, ["sales_rep"], "opportunity_pipeline");
 * pipeline?.states.find((s) => s.name === "needs_analysis")?.transitions;
 * // [{ event: "propose", targets: ["proposal"] }, { event: "move_back", targets: ["qualification"] }, { event: "lose", targets: ["lost"] }]
 */
export function visibleProcess(definition: Definition, roles: string[], name: string): VisibleProcess | undefined {
  const process = definition.processes.get(name);
  if (!process) return undefined;
  const access = entityAccess(definition, roles, process.entity);
  if (!access || access.grants.read.length === 0) return undefined;
  return {
    name: process.name,
    label: process.label,
    ...(process.description ? { description: process.description } : {}),
    entity: process.entity,
    stateField: process.stateField ?? null,
    initial: process.initial,
    states: stateOrder(process).map((stateName) => {
      const state = process.states[stateName]!;
      return {
        name: stateName,
        label: state.label,
        ...(state.description ? { description: state.description } : {}),
        final: state.type === "final",
        approval: state.approval !== undefined,
        ...(state.approval ? { levels: state.approval.levels.map((l) => ({ name: l.name, label: l.label })) } : {}),
        transitions: Object.entries(state.on ?? {}).map(([event, transition]) => ({
          event,
          targets: targetsOf(transition, stateName),
        })),
      };
    }),
    events: Object.entries(process.events).map(([event, declared]) => ({
      name: event,
      label: declared.label,
      ...(declared.description ? { description: declared.description } : {}),
      ...(declared.data ? { data: declared.data } : {}),
      mayFire: canFireEvent(access, process.name, event),
    })),
  };
}
