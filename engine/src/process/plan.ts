import { initialTransition, transition } from "xstate";
import { type CompiledProcess, approvalEvents } from "./machine.ts";
import type { ProcessEvent, ProcessUser } from "./guards.ts";

/** One thing a transition does, in the order XState resolved it (exits, transition actions, entries). */
export type PlannedStep =
  | { kind: "step"; type: string; params: Record<string, unknown> }
  | { kind: "schedule_timer"; key: string; event: string; after: string }
  | { kind: "cancel_timer"; key: string }
  | { kind: "approval_start"; state: string }
  | { kind: "approval_end"; state: string };

/** What an event would do: the state before and after, XState's new snapshot, and the steps to apply. */
export interface TransitionPlan {
  from: string | null;
  to: string;
  /** The process reached a final state. */
  final: boolean;
  snapshot: Record<string, unknown>;
  steps: PlannedStep[];
}

/** Why an event cannot be taken now. */
export interface PlanRefusal {
  refused: "unknown_event" | "not_in_state" | "guard";
  message: string;
}

/** What guards may look at when an event is planned. */
export interface PlanInput {
  record: Record<string, unknown>;
  user: ProcessUser;
  now: Date;
  /** Plan without the event's data (what a user may do next): guards on `event.data` are taken to hold. */
  dataUnknown?: boolean;
}

/** Whether a plan was refused. */
export function isRefusal(plan: TransitionPlan | PlanRefusal): plan is PlanRefusal {
  return "refused" in plan;
}

function stepsOf(compiled: CompiledProcess, actions: Array<{ type: string; params?: unknown }>): PlannedStep[] {
  return actions.map((action): PlannedStep => {
    const params = (action.params ?? {}) as Record<string, unknown>;
    if (action.type === "xstate.raise") {
      const event = (params.event as { type: string }).type;
      const after = compiled.timerDurations.get(event);
      if (!after) throw new Error(`XState raised "${event}", which is no timer of the process`);
      return { kind: "schedule_timer", key: String(params.id), event, after };
    }
    if (action.type === "xstate.cancel") return { kind: "cancel_timer", key: String(params.sendId) };
    if (action.type === "approval.start") return { kind: "approval_start", state: String(params.state) };
    if (action.type === "approval.end") return { kind: "approval_end", state: String(params.state) };
    return { kind: "step", type: action.type, params };
  });
}

function stateOf(snapshot: { value: unknown }): string {
  return String(snapshot.value);
}

/**
 * What starting the process does: the initial state, its entry steps and timers.
 *
 * @example
 * const plan = planStart(compileProcess(definition, "lead_conversion"));
 * plan.to; // "new"
 * plan.steps.map((s) => s.kind); // ["step", "step", "step", "step"] (assign, notify, two reminders)
 */
export function planStart(compiled: CompiledProcess): TransitionPlan {
  const [snapshot, actions] = initialTransition(compiled.machine);
  return {
    from: null,
    to: stateOf(snapshot),
    final: snapshot.status === "done",
    snapshot: compiled.machine.getPersistedSnapshot(snapshot) as Record<string, unknown>,
    steps: stepsOf(compiled, actions),
  };
}

function handles(compiled: CompiledProcess, state: string, type: string): boolean {
  const node = compiled.process.states[state];
  if (!node) return false;
  if (node.on?.[type] !== undefined) return true;
  if (type === approvalEvents.approved || type === approvalEvents.rejected) return node.approval !== undefined;
  if (type === approvalEvents.returned) return node.approval?.onReturned !== undefined;
  return type.startsWith(`xstate.after.`) && type.endsWith(`.${compiled.process.name}.${state}`);
}

/**
 * Plans an event on an instance in `state`: the new state and the steps, or
 * why it cannot be taken (an event the process does not know, one its state
 * does not take, guards that do not hold). Pure: nothing is applied.
 *
 * @example
 * const plan = planEvent(compiled, "draft", "submit", {}, { record: quote, user, now: new Date() });
 * if (!isRefusal(plan)) plan.to; // "pending_approval" for a 25% discount
 */
export function planEvent(
  compiled: CompiledProcess,
  state: string,
  type: string,
  data: Record<string, unknown>,
  input: PlanInput,
): TransitionPlan | PlanRefusal {
  const { process, machine } = compiled;
  const internal = type.startsWith("approval.") || type.startsWith("xstate.after.");
  if (!internal && !Object.hasOwn(process.events, type))
    return { refused: "unknown_event", message: `process "${process.name}" has no event "${type}"` };
  if (!handles(compiled, state, type))
    return { refused: "not_in_state", message: `"${type}" is not possible in state "${state}"` };
  const before = machine.resolveState({ value: state, context: {} });
  const event: ProcessEvent = { type, data, ...input, guardErrors: [] };
  const [after, actions] = transition(machine, before, event as never);
  if (after === before && actions.length === 0) {
    const why = event.guardErrors!.length > 0 ? ` (${event.guardErrors!.join("; ")})` : "";
    return { refused: "guard", message: `the conditions of "${type}" in state "${state}" do not hold${why}` };
  }
  return {
    from: state,
    to: stateOf(after),
    final: after.status === "done",
    snapshot: machine.getPersistedSnapshot(after) as Record<string, unknown>,
    steps: stepsOf(compiled, actions),
  };
}
