import type { Definition } from "../definitions/index.ts";
import { didYouMean } from "../definitions/suggest.ts";
import { applyComputed, applyDefaults } from "../records/compute.ts";
import { compileProcess, type CompiledProcess } from "./machine.ts";
import { scriptDirectory } from "./simulation/directory.ts";
import { actorOf, startProcess } from "./simulation/run.ts";
import { checkScript } from "./simulation/script.ts";
import { describeStep, runScriptStep } from "./simulation/script-steps.ts";
import type { SimulationResult, SimulationScript } from "./simulation/types.ts";
import { log, messageOf, type Sim, type SimulatedStep } from "./simulation/world.ts";

export { formatSimulation, verdict } from "./simulation/format.ts";
export { checkScript } from "./simulation/script.ts";
export type * from "./simulation/types.ts";
export type { SimulatedPerson, SimulatedStep, SimulatedWorld } from "./simulation/world.ts";

/** Options of a simulation. */
export interface SimulateOptions {
  /** The locale messages are rendered in (else the script's, else the app's first). */
  locale?: string;
  /** Plugins' transaction steps by type (`assignment.assign`); other plugin steps are logged, not run. */
  steps?: Map<string, SimulatedStep>;
}

function createSim(
  definition: Definition,
  compiled: CompiledProcess,
  script: SimulationScript,
  locale: string,
  steps?: Map<string, SimulatedStep>,
): Sim {
  const users = script.users ?? [];
  const sim: Sim = {
    compiled,
    definition,
    entity: compiled.entity,
    users: new Map(users.map((u) => [u.username, u])),
    directory: scriptDirectory(users, script.units ?? []),
    locale,
    now: new Date(script.start),
    step: null,
    state: null,
    final: false,
    record: {},
    timers: [],
    approvals: [],
    pluginState: new Map(),
    steps: steps ?? new Map(),
    counters: { timers: 0, approvals: 0, records: new Map() },
    entries: [],
  };
  const creator = actorOf(sim, script.as);
  const at = sim.now.toISOString();
  const by = creator.system ? null : creator.user.id;
  const record = applyDefaults(
    compiled.entity,
    { id: `${compiled.entity.name}-1`, owner: by, created_at: at, created_by: by, updated_at: at, updated_by: by },
    creator.user,
    sim.now,
  );
  sim.record = applyComputed(compiled.entity, { ...record, ...script.record });
  return sim;
}

/**
 * Runs a process of a definition on one record without a database: the
 * script's users and org units stand in for the workspace's, its steps fire
 * events, decide approvals, edit the record and move the clock (timers fire
 * in due order), and its expectations are checked on the way. Steps run as
 * the runtime's would, but only what they would change or send is logged.
 * Pure: no storage, no real clock, nothing sent.
 *
 * @example
 * const result = await simulate(definition, "complaint_escalation", {
 *   start: "2026-03-02T09:00:00Z",
 *   users: [{ username: "agent1", roles: ["service_agent"], unit: "service_center" }],
 *   record: { subject: "Late delivery", severity: "major" },
 *   steps: [{ advance: "PT25H" }, { expect: { state: "escalated_supervisor" } }],
 * });
 * result.passed; // true
 * formatSimulation(result).join("\n");
 */
export async function simulate(
  definition: Definition,
  processName: string,
  script: unknown,
  options: SimulateOptions = {},
): Promise<SimulationResult> {
  const process = definition.processes.get(processName);
  if (!process) {
    const names = [...definition.processes.keys()];
    const problem = `the definition has no process "${processName}"${didYouMean(processName, names)}`;
    return { passed: false, problems: [problem], entries: [], state: null, record: {} };
  }
  const compiled = compileProcess(definition, processName);
  const checked = checkScript(process, compiled.entity, script);
  if (!checked.script) return { passed: false, problems: checked.problems, entries: [], state: null, record: {} };
  const locale = options.locale ?? checked.script.locale ?? definition.app.locales[0] ?? "en";
  const sim = createSim(definition, compiled, checked.script, locale, options.steps);
  try {
    await startProcess(sim, actorOf(sim, checked.script.as));
    for (const [index, step] of checked.script.steps.entries()) {
      sim.step = index + 1;
      log(sim, { kind: "script", text: describeStep(step, sim.now), ...(step.note ? { note: step.note } : {}) });
      await runScriptStep(sim, checked.script, step);
    }
  } catch (error) {
    log(sim, { kind: "error", message: messageOf(error) });
  }
  const failed = sim.entries.some((e) => e.kind === "error" || (e.kind === "expect" && !e.passed));
  return { passed: !failed, problems: [], entries: sim.entries, state: sim.state, record: sim.record };
}
