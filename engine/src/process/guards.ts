import type { Environment } from "@marcbachmann/cel-js";
import { celRecord, type Entity, expressionScope } from "../definitions/index.ts";
import { compileExpression, type CompiledExpression, createExpressionEnvironment } from "../expressions/index.ts";

/** The user as guards and steps see them (`user.org_unit` is the unit's code). */
export interface ProcessUser {
  id: string;
  username: string;
  roles: string[];
  org_unit?: string | null;
  manager?: string | null;
}

/**
 * What an event carries into XState's transition: the event's own type and
 * data, and what guards may look at (the record, the user, the time).
 * `guardErrors` collects guards that could not be evaluated.
 */
export interface ProcessEvent {
  type: string;
  data: Record<string, unknown>;
  record: Record<string, unknown>;
  user: ProcessUser;
  now: Date;
  /**
   * The data is not known yet (listing what a user may do next): a guard that
   * reads `event.data` cannot be judged, and is taken to hold until the event is sent.
   */
  dataUnknown?: boolean;
  guardErrors?: string[];
}

/** What a plugin guard receives and decides on. */
export interface GuardInput {
  entity: Entity;
  record: Record<string, unknown>;
  event: { type: string; data: Record<string, unknown> };
  user: ProcessUser;
  now: Date;
}

/** Guards by type beyond the built-in `expression`: a plugin's `scoring.high_value`. */
export type GuardRegistry = Map<string, (params: Record<string, unknown>, input: GuardInput) => boolean>;

const environments = new WeakMap<Entity, { env: Environment; compiled: Map<string, CompiledExpression> }>();

/**
 * Compiles (once per entity and source) a CEL expression with the scope of
 * guards and actions: `record`, `event`, `user`, `now`.
 *
 * @example
 * processExpression(quote, "record.discount > 10.0")(variables);
 */
export function processExpression(entity: Entity, source: string): CompiledExpression {
  let cached = environments.get(entity);
  if (!cached) {
    cached = { env: createExpressionEnvironment(expressionScope(entity, "guard")), compiled: new Map() };
    environments.set(entity, cached);
  }
  let compiled = cached.compiled.get(source);
  if (!compiled) cached.compiled.set(source, (compiled = compileExpression(cached.env, source)));
  return compiled;
}

/** The variables of a process expression for a record, an event and a user. */
export function processVariables(
  entity: Entity,
  input: { record: Record<string, unknown>; type: string; data: Record<string, unknown>; user: ProcessUser; now: Date },
): Record<string, unknown> {
  return {
    record: celRecord(entity, input.record),
    event: { type: input.type, data: input.data },
    user: {
      id: input.user.id,
      username: input.user.username,
      roles: input.user.roles,
      org_unit: input.user.org_unit ?? "",
      manager: input.user.manager ?? "",
    },
    now: input.now,
  };
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/**
 * Whether a guard holds for an event. A guard that cannot be evaluated (an
 * empty field it compares) does not hold; why is noted on the event.
 *
 * @example
 * guardHolds(quote, { type: "expression", params: { expression: "record.subtotal > 0.0" } }, event); // true
 */
export function guardHolds(
  entity: Entity,
  guard: { type: string; params?: Record<string, unknown> },
  event: unknown,
  registry?: GuardRegistry,
): boolean {
  const e = event as ProcessEvent;
  try {
    if (guard.type === "expression") {
      const source = String(guard.params?.expression);
      if (e.dataUnknown && /\bevent\.data\b/.test(source)) return true;
      return processExpression(entity, source)(processVariables(entity, e)) === true;
    }
    const implementation = registry?.get(guard.type);
    if (!implementation) throw new Error(`no guard "${guard.type}" is installed`);
    return implementation(guard.params ?? {}, {
      entity,
      record: e.record,
      event: { type: e.type, data: e.data },
      user: e.user,
      now: e.now,
    });
  } catch (error) {
    e.guardErrors?.push(message(error));
    return false;
  }
}
