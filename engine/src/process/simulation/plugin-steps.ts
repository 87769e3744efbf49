import type { PeopleRule } from "../people.ts";
import { evaluate, log, nameOf, people, type Sim, type SimulatedStep, type StepRun } from "./world.ts";

/**
 * Runs a plugin's transaction step on the simulation: the record, the
 * script's users and org (ids are usernames, open load is each user's
 * `load`), the simulated clock and plugin state; its field changes and
 * timeline lines are logged as the step's.
 *
 * @example
 * await runPluginStep(sim, "assignment.assign", steps.get("assignment.assign")!, params, run);
 */
export async function runPluginStep(
  sim: Sim,
  type: string,
  step: SimulatedStep,
  params: Record<string, unknown>,
  run: StepRun,
): Promise<void> {
  const plugin = type.split(".")[0]!;
  const changes: Record<string, unknown> = {};
  const lines: string[] = [];
  await step(params, {
    entity: sim.entity.name,
    record: { ...sim.record },
    process: { name: sim.compiled.process.name, state: run.state, event: run.event.type },
    user: run.actor.system ? null : run.actor.user,
    now: sim.now,
    evaluate: (expression) => evaluate(sim, expression, run),
    async people(rules: PeopleRule[], options = {}) {
      const ids = await people(sim, rules, run.actor, { inactive: options.inactive ?? false });
      return ids.map((id) => ({
        id,
        username: id,
        name: nameOf(sim, id),
        active: sim.users.get(id)?.active !== false,
      }));
    },
    openLoad: async (ids) => new Map(ids.map((id) => [id, sim.users.get(id)?.load ?? 0])),
    state: {
      get: (key) => sim.pluginState.get(`${plugin}:${key}`),
      set: (key, value) => void sim.pluginState.set(`${plugin}:${key}`, value),
    },
    setFields: (values) => Object.assign(changes, values),
    timeline: (text) => void lines.push(text),
  });
  Object.assign(sim.record, changes);
  const text = lines.join("; ") || "ran";
  log(sim, { kind: "step", type, text, ...(Object.keys(changes).length > 0 ? { changes } : {}) });
}
