import type { JsonSchema, StepRunContext } from "./context.ts";
import { namePattern } from "./names.ts";

/**
 * A step processes call by name. `mode` says where it runs:
 * - `transaction`: inside the transition's transaction, synchronously. It must
 *   be quick and must not call other systems: a failure rolls the transition back.
 * - `outbox`: after the transition commits, from the outbox, retried with
 *   backoff up to `retry.attempts`. A failure never touches the committed
 *   transition; it is recorded on the instance with its reason.
 */
export interface StepDefinition<Params = Record<string, unknown>, Output = Record<string, unknown> | void> {
  /** Lower snake case; the definition calls it as `<plugin>.<name>`. */
  name: string;
  description: string;
  /** The JSON Schema of the params a definition gives: checked when a definition is validated and before each run. */
  params: JsonSchema;
  /** The JSON Schema of what `run` returns: output that breaks it is a failure of the step. */
  output?: JsonSchema;
  mode: "transaction" | "outbox";
  /**
   * Where the params hold CEL conditions on the record (for `ctx.evaluate`),
   * as JSON pointers in which `*` stands for any array item: `when` in each
   * rule is "/rules/" + "*" + "/when". The validator checks each compiles to
   * a boolean, as it does for guards.
   */
  expressions?: string[];
  /** Where the params hold people rules (for `ctx.directory.people`), as pointers like `expressions`: the validator checks them. */
  people?: string[];
  /** How long a run may take (default 2,000 ms in a transaction, 30,000 ms from the outbox). */
  timeoutMs?: number;
  /** How often an outbox step is tried before it is given up (default 8). */
  retry?: { attempts?: number };
  run(ctx: StepRunContext, params: Params): Promise<Output>;
}

/**
 * Declares a step with its params and output types (generate them from the
 * schemas with `temper plugin types`, or write them).
 *
 * @example
 * export const score = defineStep<ScoreParams, ScoreOutput>({ name: "score", ... });
 */
export function defineStep<Params, Output>(step: StepDefinition<Params, Output>): StepDefinition<Params, Output> {
  if (!namePattern.test(step.name)) throw new Error(`step name "${step.name}" must be lower snake case`);
  return step;
}
