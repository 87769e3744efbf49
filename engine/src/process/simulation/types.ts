/** A person of a simulation, referred to by username everywhere in the script. */
export interface SimulationUser {
  username: string;
  displayName?: string;
  roles?: string[];
  /** The code of the user's org unit. */
  unit?: string;
  /** The manager's username. */
  manager?: string;
  active?: boolean;
  /** Open records of the process's entity the user already owns (for `least_loaded`). */
  load?: number;
}

/** An org unit of a simulation. */
export interface SimulationUnit {
  code: string;
  parent?: string;
}

/** An approver's decision in a script. */
export interface ScriptDecision {
  as: string;
  comment?: string;
}

/** What must hold at a point of the script. */
export interface Expectation {
  state?: string;
  final?: boolean;
  fields?: Record<string, unknown>;
  approvers?: string[];
}

/** One step of a script: exactly one of its kinds, with an optional note. */
export type ScriptStep = { note?: string } & (
  | { event: string; as?: string; data?: Record<string, unknown>; refused?: boolean }
  | { advance: string }
  | { until: string }
  | { set: Record<string, unknown> }
  | { approve: ScriptDecision }
  | { reject: ScriptDecision & { comment: string } }
  | { return: ScriptDecision }
  | { delegate: ScriptDecision & { to: string } }
  | { expect: Expectation }
);

/** A simulation script (see definitions/schema/simulation.schema.json). */
export interface SimulationScript {
  description?: string;
  start: string;
  locale?: string;
  units?: SimulationUnit[];
  users?: SimulationUser[];
  record?: Record<string, unknown>;
  as?: string;
  steps: ScriptStep[];
}

/** The kinds of script step, in the order the schema lists them. */
export const stepKinds = [
  "event",
  "advance",
  "until",
  "set",
  "approve",
  "reject",
  "return",
  "delegate",
  "expect",
] as const;
export type StepKind = (typeof stepKinds)[number];

/** The kind of a script step: its first key that names one. */
export function kindOfStep(step: unknown): StepKind | undefined {
  if (!step || typeof step !== "object") return undefined;
  return stepKinds.find((kind) => Object.hasOwn(step, kind));
}

/** The kinds of timer a process sets: a state's `after`, a reminder, an approval level's timeout. */
export type TimerKind = "after" | "reminder" | "approval_timeout";

/** What happened when, in the order it happened. `step` is the script step (from 1), null while starting. */
export type SimulationEntry = { at: string; step: number | null } & (
  | { kind: "script"; text: string; note?: string }
  | { kind: "state"; event: string; from: string | null; to: string; final: boolean; by: string }
  | {
      kind: "timer";
      action: "set" | "fired" | "cancelled";
      timer: TimerKind;
      key: string;
      label: string;
      due: string;
      skipped?: string;
    }
  | {
      kind: "approval";
      action:
        | "started"
        | "assigned"
        | "approve"
        | "reject"
        | "return"
        | "delegate"
        | "timeout"
        | "approved"
        | "rejected"
        | "returned"
        | "cancelled";
      state: string;
      level?: string;
      approvers?: string[];
      by?: string;
      comment?: string;
    }
  | { kind: "step"; type: string; text: string; changes?: Record<string, unknown> }
  | { kind: "record"; changes: Record<string, unknown> }
  | { kind: "notify"; to: string[]; message: string; reason: "process" | "approval" | "reminder" }
  | { kind: "expect"; passed: boolean; message: string }
  | { kind: "error"; message: string }
);

/** What a simulation did: its log, whether every expectation held, and where it ended. */
export interface SimulationResult {
  /** No error, every expectation held, and the script was valid. */
  passed: boolean;
  /** What is wrong with the script itself (nothing ran when there is any), one sentence each. */
  problems: string[];
  entries: SimulationEntry[];
  /** The state the process ended in (null when it did not start). */
  state: string | null;
  record: Record<string, unknown>;
}
