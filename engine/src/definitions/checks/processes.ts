import type { Entity, Process, State, TransitionObject } from "../generated/format.ts";
import { fileOf } from "../model.ts";
import { createAjv } from "../schemas.ts";
import { didYouMean, listNames } from "../suggest.ts";
import type { Checker } from "./checker.ts";

type Transition = NonNullable<State["on"]>[string];

/** A transition with where it is written, as the checks walk them. */
interface Edge {
  from: string;
  transition: TransitionObject;
  pointer: string;
  /** Where the target is written: the transition itself when it is a bare state name. */
  targetPointer: string;
}

/** Checks every process: its entity, states, events, transitions, timers, guards, actions and approvals. */
export function checkProcesses(checker: Checker): void {
  const eventSchemaAjv = createAjv();
  for (const process of checker.definition.processes.values()) {
    const file = fileOf("process", process.name);
    checker.label(process.label, file, "/label");
    const entity = checker.entity(process.entity, file, "/entity");
    if (!entity) continue;
    checkEvents(checker, eventSchemaAjv, process, file);
    const edges = collectEdges(process);
    checkStates(checker, process, entity, edges, file);
    checkReachability(checker, process, edges, file);
    if (process.stateField) checkStateField(checker, process, entity, file);
  }
}

function checkEvents(checker: Checker, ajv: ReturnType<typeof createAjv>, process: Process, file: string): void {
  const used = new Set(Object.values(process.states).flatMap((state) => Object.keys(state.on ?? {})));
  for (const [name, event] of Object.entries(process.events)) {
    checker.label(event.label, file, `/events/${name}/label`);
    if (!used.has(name)) {
      checker.report(
        file,
        `/events/${name}`,
        "process.unused-event",
        `no state handles the event "${name}"`,
        "warning",
      );
    }
    if (event.data) {
      if (event.data.type !== "object") {
        checker.report(
          file,
          `/events/${name}/data`,
          "process.event-data",
          `the data schema must describe an object ("type": "object")`,
        );
        continue;
      }
      try {
        ajv.compile(event.data);
      } catch (error) {
        checker.report(
          file,
          `/events/${name}/data`,
          "process.event-data",
          `not a valid JSON Schema: ${(error as Error).message}`,
        );
      }
    }
  }
}

function collectEdges(process: Process): Edge[] {
  const edges: Edge[] = [];
  const add = (from: string, transition: Transition, pointer: string) => {
    if (typeof transition === "string") {
      edges.push({ from, transition: { target: transition }, pointer, targetPointer: pointer });
    } else if (Array.isArray(transition)) {
      transition.forEach((t, i) =>
        edges.push({ from, transition: t, pointer: `${pointer}/${i}`, targetPointer: `${pointer}/${i}/target` }),
      );
    } else {
      edges.push({ from, transition, pointer, targetPointer: `${pointer}/target` });
    }
  };
  for (const [name, state] of Object.entries(process.states)) {
    const base = `/states/${name}`;
    for (const [event, transition] of Object.entries(state.on ?? {})) add(name, transition, `${base}/on/${event}`);
    for (const [delay, transition] of Object.entries(state.after ?? {}))
      add(name, transition, `${base}/after/${delay}`);
    if (state.approval) {
      add(name, state.approval.onApproved, `${base}/approval/onApproved`);
      add(name, state.approval.onRejected, `${base}/approval/onRejected`);
      if (state.approval.onReturned) add(name, state.approval.onReturned, `${base}/approval/onReturned`);
    }
  }
  return edges;
}

function checkStates(checker: Checker, process: Process, entity: Entity, edges: Edge[], file: string): void {
  const states = Object.keys(process.states);
  for (const [name, state] of Object.entries(process.states)) {
    const base = `/states/${name}`;
    checker.label(state.label, file, `${base}/label`);
    for (const event of Object.keys(state.on ?? {})) {
      if (!(event in process.events)) {
        checker.report(
          file,
          `${base}/on/${event}`,
          "ref.event",
          `the event "${event}" is not declared in "events"${didYouMean(event, Object.keys(process.events))}`,
        );
      }
    }
    state.entry?.forEach((call, i) => checker.call("step", call, entity, file, `${base}/entry/${i}`));
    state.exit?.forEach((call, i) => checker.call("step", call, entity, file, `${base}/exit/${i}`));
    if (state.approval) checkApproval(checker, state, entity, file, `${base}/approval`);
    const leaves = edges.some(
      (e) => e.from === name && e.transition.target !== undefined && e.transition.target !== name,
    );
    if (state.type !== "final" && !leaves) {
      checker.report(
        file,
        base,
        "process.dead-end",
        `"${name}" is not final and no transition leaves it; add one, or mark it "type": "final"`,
      );
    }
  }
  for (const { transition, pointer, targetPointer } of edges) {
    const target = transition.target;
    if (target !== undefined && !(target in process.states)) {
      checker.report(file, targetPointer, "ref.state", `unknown state "${target}"${didYouMean(target, states)}`);
    }
    if (transition.guard) checker.call("guard", transition.guard, entity, file, `${pointer}/guard`);
    transition.actions?.forEach((call, i) => checker.call("step", call, entity, file, `${pointer}/actions/${i}`));
  }
}

function checkApproval(checker: Checker, state: State, entity: Entity, file: string, base: string): void {
  const seen = new Set<string>();
  state.approval?.levels.forEach((level, i) => {
    const at = `${base}/levels/${i}`;
    if (seen.has(level.name))
      checker.report(file, `${at}/name`, "name.duplicate", `the level "${level.name}" is declared twice`);
    seen.add(level.name);
    checker.label(level.label, file, `${at}/label`);
    if (level.when) checker.expression(entity, level.when, "approval", file, `${at}/when`, "bool");
    checker.people(level.approvers, entity, file, `${at}/approvers`);
  });
}

function checkReachability(checker: Checker, process: Process, edges: Edge[], file: string): void {
  if (!(process.initial in process.states)) {
    checker.report(
      file,
      "/initial",
      "process.initial",
      `the initial state "${process.initial}" is not one of the states${didYouMean(process.initial, Object.keys(process.states))}`,
    );
    return;
  }
  const reached = new Set([process.initial]);
  const queue = [process.initial];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    for (const edge of edges) {
      const target = edge.transition.target;
      if (edge.from === from && target && target in process.states && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const name of Object.keys(process.states)) {
    if (!reached.has(name)) {
      checker.report(
        file,
        `/states/${name}`,
        "process.unreachable-state",
        `no path from the initial state "${process.initial}" reaches "${name}"`,
      );
    }
  }
}

function checkStateField(checker: Checker, process: Process, entity: Entity, file: string): void {
  const name = process.stateField as string;
  const field = checker.field(entity, name, file, "/stateField", false);
  if (!field || "system" in field) return;
  if (field.type !== "enum") {
    checker.report(
      file,
      "/stateField",
      "process.state-field",
      `"${name}" is a ${field.type} field; the state field must be an enum`,
    );
    return;
  }
  const options = field.options.map((o) => o.value);
  const missing = Object.keys(process.states).filter((s) => !options.includes(s));
  if (missing.length > 0) {
    checker.report(
      file,
      "/stateField",
      "process.state-field",
      `the options of "${name}" lack the state${missing.length > 1 ? "s" : ""} ${listNames(missing)}`,
    );
  }
}
