/**
 * The public API of the Temper engine, for the studio, plugins and tools.
 *
 * @example
 * import { loadDefinition, formatFinding } from "@temper/engine";
 * const result = await loadDefinition("definitions/examples/crm");
 * for (const finding of result.findings) console.log(formatFinding(finding));
 */
export * from "./definitions/index.ts";
export * from "./expressions/index.ts";
export { compileProcess, type CompiledProcess } from "./process/machine.ts";
export {
  isRefusal,
  type PlannedStep,
  type PlanRefusal,
  planEvent,
  planStart,
  type TransitionPlan,
} from "./process/plan.ts";
export type { GuardInput, GuardRegistry, ProcessUser } from "./process/guards.ts";
export {
  type Clock,
  createRuntime,
  type DeliveryContext,
  type ManualClock,
  manualClock,
  type Runtime,
  type StepContext,
  type StepImplementation,
  type StepRegistry,
  systemClock,
} from "./runtime/index.ts";
