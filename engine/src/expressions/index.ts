import { Environment } from "@marcbachmann/cel-js";

/**
 * A CEL type as the checker knows it: `string`, `double`, `int`, `bool`,
 * `google.protobuf.Timestamp`, `list<string>`, `map`, `dyn`, or an object
 * schema of such types (`{ amount: "double" }`).
 */
export type CelType = string | { [field: string]: CelType };

/** The variables an expression may use, by name, with their types. */
export type ExpressionScope = Record<string, CelType>;

/** The outcome of checking an expression: its result type, or what is wrong. */
export type CheckResult = { ok: true; type: string } | { ok: false; kind: "syntax" | "type"; message: string };

/** A compiled expression: call it with values for the scope's variables. */
export type CompiledExpression = (variables: Record<string, unknown>) => unknown;

/**
 * Creates a CEL environment in which the scope's variables are declared with
 * their types, so that a misspelt field or a type error is caught when the
 * expression is checked, not when it runs.
 *
 * @example
 * const env = createExpressionEnvironment({ record: { amount: "double" }, now: "google.protobuf.Timestamp" });
 * checkExpression(env, "record.amount > 1000.0"); // { ok: true, type: "bool" }
 * checkExpression(env, "record.amout > 1"); // { ok: false, kind: "type", message: "No such key: amout" }
 */
export function createExpressionEnvironment(scope: ExpressionScope): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false });
  for (const [name, type] of Object.entries(scope)) {
    if (typeof type === "string") env.registerVariable(name, type);
    else env.registerVariable({ name, schema: type });
  }
  return env;
}

/**
 * Parses and type-checks an expression without running it.
 *
 * @example
 * checkExpression(env, "record.amount >"); // { ok: false, kind: "syntax", message: "Unexpected token: EOF" }
 */
export function checkExpression(env: Environment, source: string): CheckResult {
  try {
    env.parse(source);
  } catch (error) {
    return { ok: false, kind: "syntax", message: firstLine(error) };
  }
  try {
    const result = env.check(source);
    if (result.valid) return { ok: true, type: String(result.type) };
    return { ok: false, kind: "type", message: firstLine(result.error) };
  } catch (error) {
    return { ok: false, kind: "type", message: firstLine(error) };
  }
}

/**
 * Compiles an expression once for repeated evaluation.
 *
 * @example
 * const isBig = compileExpression(env, "record.amount > 1000.0");
 * isBig({ record: { amount: 5000 } }); // true
 */
export function compileExpression(env: Environment, source: string): CompiledExpression {
  const program = env.parse(source);
  return (variables) => program(variables);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.trim() ?? message;
}

export * from "./predicate.ts";
export { conditionPredicate, type ConditionUser, placeholderUser, UntranslatableCondition } from "./to-predicate.ts";
