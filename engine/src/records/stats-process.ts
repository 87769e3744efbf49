import type postgres from "postgres";
import type { Definition, Entity, Process, State, TransitionObject } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";
import type { Guard } from "./guard.ts";
import { assertReadable } from "./read.ts";

/** A process grouped by: its states in the process's order, and the field that mirrors them, if any. */
export interface StatsProcess {
  stateField?: string;
  states: Array<{ name: string; label: Record<string, string>; final?: true }>;
}

type Transitions = string | TransitionObject | TransitionObject[];

function targetsOf(transitions: Transitions | undefined): string[] {
  if (transitions === undefined) return [];
  if (typeof transitions === "string") return [transitions];
  return (Array.isArray(transitions) ? transitions : [transitions]).flatMap((t) => (t.target ? [t.target] : []));
}

function nextStates(state: State): string[] {
  const { approval } = state;
  return [
    ...Object.values(state.on ?? {}).flatMap(targetsOf),
    ...Object.values(state.after ?? {}).flatMap(targetsOf),
    ...(approval ? [approval.onApproved, approval.onRejected, approval.onReturned].flatMap(targetsOf) : []),
  ];
}

/**
 * A process's states in its order: the order of the options of the field
 * that mirrors them; without one, by distance from the initial state, the
 * final states last (the furthest first: the happy end before the early
 * exits). A published definition is stored as JSON whose objects keep no
 * key order, so the order of `states` is never relied on.
 *
 * @example
 * stateOrder(definition.processes.get("opportunity_pipeline")!, opportunity);
 * // ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation", "won", "lost"]
 */
export function stateOrder(process: Process, entity: Entity): string[] {
  const field = entity.fields.find((f) => f.name === process.stateField);
  const options = field && "options" in field ? (field.options ?? []).map((o) => o.value) : [];
  const declared = options.filter((name) => name in process.states);
  const distance = new Map<string, number>([[process.initial, 0]]);
  for (const queue = [process.initial]; queue.length > 0;) {
    const state = queue.shift()!;
    for (const next of nextStates(process.states[state] ?? ({} as State)))
      if (next in process.states && !distance.has(next)) {
        distance.set(next, distance.get(state)! + 1);
        queue.push(next);
      }
  }
  const final = (name: string) => process.states[name]?.type === "final";
  const far = (name: string) => distance.get(name) ?? Number.MAX_SAFE_INTEGER;
  const rest = Object.keys(process.states)
    .filter((name) => !declared.includes(name))
    .sort(
      (a, b) =>
        Number(final(a)) - Number(final(b)) || (final(a) ? far(b) - far(a) : far(a) - far(b)) || a.localeCompare(b),
    );
  return [...declared, ...rest];
}

/** The process of the entity by name, or a bad request naming it. */
function processOrThrow(definition: Definition, guard: Guard, name: string): Process {
  const process = definition.processes.get(name);
  if (!process || process.entity !== guard.entity.name)
    throw new EngineError("bad_request", `"${guard.entity.name}" has no process "${name}"`);
  return process;
}

/**
 * A process's state per record, to group by: the field that mirrors it
 * (which the actor must be able to read), else the state of the record's
 * instance; with the states in the process's order.
 */
export function processGroupSql(
  sql: postgres.Sql,
  context: { workspaceId: string; definition: Definition },
  guard: Guard,
  name: string,
) {
  const process = processOrThrow(context.definition, guard, name);
  const states = stateOrder(process, guard.entity);
  let value: postgres.PendingQuery<postgres.Row[]>;
  if (process.stateField) {
    assertReadable(guard, process.stateField);
    value = sql`${sql(process.stateField)}::text`;
  } else {
    value = sql`(select pi.state from temper.process_instances pi where pi.workspace_id = ${context.workspaceId}
      and pi.process = ${name} and pi.record_id = ${sql(guard.entity.name)}.id)`;
  }
  const described: StatsProcess = {
    ...(process.stateField ? { stateField: process.stateField } : {}),
    states: states.map((state) => ({
      name: state,
      label: process.states[state]!.label,
      ...(process.states[state]!.type === "final" ? { final: true as const } : {}),
    })),
  };
  return { value, states, described };
}
