import type { Entity } from "../../definitions/index.ts";
import { valueFromCel } from "../../definitions/cel-values.ts";
import { addDuration } from "../duration.ts";
import type { PeopleRule } from "../people.ts";
import { runPluginStep } from "./plugin-steps.ts";
import { type Label, renderMessage } from "../render.ts";
import {
  cancel,
  display,
  evaluate,
  log,
  messageOf,
  people,
  schedule,
  type Sim,
  SimulationError,
  type StepRun,
} from "./world.ts";

type Runner = (sim: Sim, params: Record<string, unknown>, run: StepRun) => Promise<void>;

/** A value as the log shows it. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Field changes as the log shows them: `escalation_level = 1, owner = "agent1"`. */
export function showChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([name, value]) => `${name} = ${show(value)}`)
    .join(", ");
}

/** The values of a field map (as the runtime's `fieldValues`): literals, or `{ "expression": … }` evaluated now. */
function fieldValues(sim: Sim, entity: Entity, values: Record<string, unknown>, run: StepRun) {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const field = entity.fields.find((f) => f.name === name);
    const type = name === "owner" ? "user" : field?.type === "computed" ? field.resultType : field?.type;
    if (!type) throw new SimulationError(`"${entity.name}" has no field "${name}"`);
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "expression" in value) {
      const expression = String((value as { expression: unknown }).expression);
      try {
        out[name] = valueFromCel(type, evaluate(sim, expression, run));
      } catch (error) {
        throw new SimulationError(`the value of "${name}" could not be computed (${expression}): ${messageOf(error)}`);
      }
    } else out[name] = value;
  }
  return out;
}

const setFields: Runner = async (sim, params, run) => {
  const changes = fieldValues(sim, sim.entity, params.fields as Record<string, unknown>, run);
  Object.assign(sim.record, changes);
  log(sim, { kind: "step", type: "set_fields", text: showChanges(changes), changes });
};

const createRecord: Runner = async (sim, params, run) => {
  const entity = sim.definition.entities.get(String(params.entity));
  if (!entity) throw new SimulationError(`no entity "${String(params.entity)}" to create a record of`);
  const input = { owner: sim.record.owner, ...fieldValues(sim, entity, params.fields as Record<string, unknown>, run) };
  const count = (sim.counters.records.get(entity.name) ?? 0) + 1;
  sim.counters.records.set(entity.name, count);
  const id = `new-${entity.name}-${count}`;
  const changes = params.link ? { [String(params.link)]: id } : undefined;
  if (changes) Object.assign(sim.record, changes);
  log(sim, {
    kind: "step",
    type: "create_record",
    text: `${entity.name} ${id}: ${showChanges(input)}${params.link ? `; linked as ${String(params.link)}` : ""}`,
    ...(changes ? { changes } : {}),
  });
};

/** Renders a message in the simulation's locale with the record's display values. */
export function render(sim: Sim, message: Label): string {
  return renderMessage(message, sim.locale, (field) => display(sim, field));
}

const notify: Runner = async (sim, params, run) => {
  const to = await people(sim, params.to as PeopleRule[], run.actor);
  log(sim, { kind: "notify", to, message: render(sim, params.message as Label), reason: "process" });
};

const appendActivity: Runner = async (sim, params) => {
  const subject = params.subject as Label;
  const text = subject[sim.locale] ?? subject.en ?? Object.values(subject)[0] ?? "";
  log(sim, {
    kind: "step",
    type: "append_activity",
    text: `activity ${show(text)}${params.kind ? ` (${String(params.kind)})` : ""}`,
  });
};

const scheduleReminder: Runner = async (sim, params) => {
  const name = String(params.name);
  schedule(sim, {
    kind: "reminder",
    key: `reminder.${name}`,
    due: addDuration(sim.now, String(params.after)),
    label: `reminder ${name}`,
    payload: { to: params.to, message: params.message },
  });
};

const cancelReminder: Runner = async (sim, params) => cancel(sim, `reminder.${String(params.name)}`);

const runners: Record<string, Runner> = {
  set_fields: setFields,
  create_record: createRecord,
  notify,
  append_activity: appendActivity,
  schedule_reminder: scheduleReminder,
  cancel_reminder: cancelReminder,
};

/**
 * Runs one step of the process in memory, as the runtime's step of that type
 * would, logging what it changes or would send. A plugin's transaction step
 * given to the simulation runs on its world; any other plugin step is logged
 * with its params, not run.
 */
export async function runStep(sim: Sim, type: string, params: Record<string, unknown>, run: StepRun): Promise<void> {
  const runner = Object.hasOwn(runners, type) ? runners[type] : undefined;
  if (runner) return runner(sim, params, run);
  const plugged = sim.steps.get(type);
  if (plugged) return runPluginStep(sim, type, plugged, params, run);
  log(sim, { kind: "step", type, text: `would run with ${show(params)} (a plugin's step; not simulated)` });
}
