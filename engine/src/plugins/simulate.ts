import type { Plugin, StepRunContext } from "@temper/plugin-sdk";
import type { Definition } from "../definitions/index.ts";
import type { SimulatedStep } from "../process/simulate.ts";
import { pluginConfigOf } from "./catalog.ts";

const noRecords = () => {
  throw new Error("other records are not available in a simulation");
};

/**
 * Plugins' transaction steps as the simulator runs them: the step's own
 * `run` on the simulation's world (its record, script users and clock). Its
 * records service is not available (a simulation has no other records); an
 * outbox step is not run but logged.
 *
 * @example
 * await simulate(definition, "lead_conversion", script, { steps: simulatedSteps(plugins, definition) });
 */
export function simulatedSteps(plugins: Plugin[], definition: Definition): Map<string, SimulatedStep> {
  const steps = new Map<string, SimulatedStep>();
  const { app } = definition;
  for (const plugin of plugins)
    for (const step of plugin.steps) {
      if (step.mode !== "transaction") continue;
      steps.set(`${plugin.name}.${step.name}`, async (params, world) => {
        const ctx: StepRunContext = {
          workspace: {
            id: "simulation",
            locale: app.locales[0] ?? "en",
            locales: [...app.locales],
            timezone: app.timezone ?? "UTC",
          },
          entity: world.entity,
          process: world.process,
          record: world.record,
          user: world.user,
          records: { get: noRecords, list: noRecords, create: noRecords, update: noRecords, aggregate: noRecords },
          directory: { people: world.people, openLoad: world.openLoad },
          state: {
            get: async <T>(key: string) => world.state.get(key) as T | undefined,
            set: async (key, value) => world.state.set(key, value),
          },
          log: { info: () => {}, warn: () => {}, error: () => {} },
          idempotencyKey: "simulation",
          now: () => world.now,
          settings: {},
          config: pluginConfigOf(definition, plugin.name),
          evaluate: world.evaluate,
          signal: new AbortController().signal,
          timeline: world.timeline,
          setFields: world.setFields,
        };
        await step.run(ctx, params as never);
      });
    }
  return steps;
}
