import type { Definition, Entity } from "../../definitions/index.ts";
import { processExpression, processVariables, type ProcessUser } from "../guards.ts";
import type { CompiledProcess } from "../machine.ts";
import { type PeopleDirectory, type PeopleRule, resolvePeople } from "../people.ts";
import type { SimulationEntry, SimulationUser, TimerKind } from "./types.ts";

/** Who acts: a user of the script, or the system (timers, a script that names nobody). */
export interface Actor {
  user: ProcessUser;
  system: boolean;
}

/** The system, as timers act. */
export const systemActor: Actor = { user: { id: "system", username: "system", roles: [] }, system: true };

/** A pending timer of the simulated instance. */
export interface Timer {
  kind: TimerKind;
  key: string;
  due: Date;
  /** Creation order, so that timers due at the same instant fire in the order they were set. */
  seq: number;
  label: string;
  payload: Record<string, unknown>;
}

/** An approval task, as the runtime's `approval_tasks` rows. */
export interface Task {
  approver: string;
  level: number;
  status: "pending" | "approved" | "rejected" | "returned" | "delegated" | "closed";
  comment?: string;
}

/** An approval of an approval state, as the runtime's `approvals` rows. */
export interface Approval {
  id: number;
  state: string;
  level: number;
  status: "pending" | "approved" | "rejected" | "returned" | "cancelled";
  submitter: string | null;
  tasks: Task[];
}

/** The simulated instance and everything around it: the record, the clock, timers, approvals, the log. */
export interface Sim {
  compiled: CompiledProcess;
  definition: Definition;
  entity: Entity;
  users: Map<string, SimulationUser>;
  directory: PeopleDirectory;
  locale: string;
  now: Date;
  /** The script step being run (from 1), null while starting. */
  step: number | null;
  state: string | null;
  final: boolean;
  record: Record<string, unknown>;
  timers: Timer[];
  approvals: Approval[];
  /** What plugin steps keep between runs (`<plugin>:<key>`), as a workspace's plugin state. */
  pluginState: Map<string, unknown>;
  /** Plugins' transaction steps, run on the simulation's record, org and clock. */
  steps: Map<string, SimulatedStep>;
  /** Timers and approvals numbered in creation order; created records by entity. */
  counters: { timers: number; approvals: number; records: Map<string, number> };
  entries: SimulationEntry[];
}

/** A user as a simulated plugin step sees them: ids are usernames. */
export interface SimulatedPerson {
  id: string;
  username: string;
  name: string;
  active: boolean;
}

/** What a plugin's transaction step works on in a simulation: the record, the org and the clock of the script. */
export interface SimulatedWorld {
  entity: string;
  record: Record<string, unknown>;
  process: { name: string; state: string; event: string };
  user: { id: string; username: string; roles: string[] } | null;
  now: Date;
  evaluate(expression: string): unknown;
  people(rules: PeopleRule[], options?: { inactive?: boolean }): Promise<SimulatedPerson[]>;
  /** Open records per user: the script users' `load`. */
  openLoad(ids: string[]): Promise<Map<string, number>>;
  state: { get(key: string): unknown; set(key: string, value: unknown): void };
  setFields(values: Record<string, unknown>): void;
  timeline(text: string): void;
}

/** A plugin's transaction step as the simulator runs it. */
export type SimulatedStep = (params: Record<string, unknown>, world: SimulatedWorld) => Promise<void>;

/** What a step of the process runs with: the state being entered, the event, who caused it. */
export interface StepRun {
  state: string;
  event: { type: string; data: Record<string, unknown> };
  actor: Actor;
}

/** A failure that stops the simulation, with a message a consultant can act on. */
export class SimulationError extends Error {
  override name = "SimulationError";
}

type Distribute<T> = T extends unknown ? Omit<T, "at" | "step"> : never;

/** Adds an entry to the log, at the current time and script step. */
export function log(sim: Sim, entry: Distribute<SimulationEntry>): void {
  sim.entries.push({ at: sim.now.toISOString(), step: sim.step, ...entry } as SimulationEntry);
}

/** Evaluates a CEL expression with `record`, `event`, `user` and `now` in scope. */
export function evaluate(sim: Sim, expression: string, run: StepRun): unknown {
  const variables = processVariables(sim.entity, {
    record: sim.record,
    ...run.event,
    user: run.actor.user,
    now: sim.now,
  });
  return processExpression(sim.entity, expression)(variables);
}

/** The approvers of the latest approval who have not been relieved of it (as the runtime's `approvers` rule). */
export function currentApprovers(sim: Sim): string[] {
  const latest = sim.approvals.at(-1);
  if (!latest) return [];
  const live = latest.tasks.filter((t) => ["pending", "approved", "rejected", "returned"].includes(t.status));
  return [...new Set(live.map((t) => t.approver))];
}

/** Resolves people rules against the record, with who submitted (the actor, by default) and who approves. */
export function people(
  sim: Sim,
  rules: PeopleRule[],
  actor: Actor,
  extra: { submitterId?: string | null; approverIds?: string[]; inactive?: boolean } = {},
): Promise<string[]> {
  return resolvePeople(
    rules,
    {
      record: sim.record,
      submitterId: extra.submitterId !== undefined ? extra.submitterId : actor.system ? null : actor.user.id,
      approverIds: extra.approverIds ?? currentApprovers(sim),
    },
    sim.directory,
    { inactive: extra.inactive ?? false },
  );
}

/** A user's name as messages show it. */
export function nameOf(sim: Sim, username: string): string {
  return sim.users.get(username)?.displayName ?? username;
}

/** A field's display value, as messages show it: users' names, enum labels, other values as they are. */
export function display(sim: Sim, name: string): unknown {
  const value = sim.record[name];
  if (value === null || value === undefined) return value;
  const field = sim.entity.fields.find((f) => f.name === name);
  if (name === "owner" || field?.type === "user")
    return (Array.isArray(value) ? value : [value]).map((v) => nameOf(sim, String(v))).join(", ");
  if (field?.type === "enum") {
    const option = field.options.find((o) => (typeof o === "string" ? o : o.value) === value);
    if (option && typeof option !== "string") return option.label[sim.locale] ?? option.label.en ?? value;
  }
  return value;
}

/** Sets a timer, replacing a pending one of the same key. */
export function schedule(sim: Sim, timer: Omit<Timer, "seq">): void {
  sim.timers = sim.timers.filter((t) => t.key !== timer.key);
  sim.timers.push({ ...timer, seq: sim.counters.timers++ });
  log(sim, {
    kind: "timer",
    action: "set",
    timer: timer.kind,
    key: timer.key,
    label: timer.label,
    due: timer.due.toISOString(),
  });
}

/** Cancels the pending timers whose key is `key` (or starts with it, with `prefix`). */
export function cancel(sim: Sim, key: string, options: { prefix?: boolean } = {}): void {
  const matches = (t: Timer) => (options.prefix ? t.key.startsWith(key) : t.key === key);
  for (const timer of sim.timers.filter(matches))
    log(sim, {
      kind: "timer",
      action: "cancelled",
      timer: timer.kind,
      key: timer.key,
      label: timer.label,
      due: timer.due.toISOString(),
    });
  sim.timers = sim.timers.filter((t) => !matches(t));
}

/** The first message of an error, on one line. */
export function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
