import type { Environment } from "@marcbachmann/cel-js";
import { type Entity, expressionScope } from "../definitions/index.ts";
import { createExpressionEnvironment } from "../expressions/index.ts";
import { celRecord, valueFromCel } from "../definitions/index.ts";
import type { RecordData } from "./values.ts";

/** The user an expression sees as `user`. */
export interface ExpressionUser {
  id: string;
  username: string;
  roles: string[];
  org_unit?: string | null;
  manager?: string | null;
}

const environments = new WeakMap<Entity, Map<string, Environment>>();

function environment(entity: Entity, place: "computed" | "default"): Environment {
  let byPlace = environments.get(entity);
  if (!byPlace) environments.set(entity, (byPlace = new Map()));
  let env = byPlace.get(place);
  if (!env) byPlace.set(place, (env = createExpressionEnvironment(expressionScope(entity, place))));
  return env;
}

function celUser(user: ExpressionUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    roles: user.roles,
    org_unit: user.org_unit ?? "",
    manager: user.manager ?? "",
  };
}

/**
 * Fills the defaults of the fields a new record lacks: literal defaults, and
 * default expressions with `user` and `now` in scope.
 *
 * @example
 * applyDefaults(quote, { name: "Q-1" }, user, new Date()); // { name: "Q-1", status: "draft", valid_until: "2026-…" }
 */
export function applyDefaults(entity: Entity, input: RecordData, user: ExpressionUser, now: Date): RecordData {
  const record = { ...input };
  for (const field of entity.fields) {
    if (record[field.name] !== undefined) continue;
    if ("default" in field && field.default !== undefined) record[field.name] = field.default;
    else if ("defaultExpression" in field && field.defaultExpression) {
      const value = environment(entity, "default").evaluate(field.defaultExpression, { user: celUser(user), now });
      record[field.name] = valueFromCel(field.type, value);
    }
  }
  return record;
}

/**
 * Computes the computed fields of a record from its other fields. A value an
 * expression cannot compute (a field it reads is empty) is stored as null.
 *
 * @example
 * applyComputed(opportunity, { amount: 1000, probability: 40 }); // { …, weighted_amount: 400 }
 */
export function applyComputed(entity: Entity, record: RecordData): RecordData {
  const computed = entity.fields.filter((f) => f.type === "computed");
  if (computed.length === 0) return record;
  const variables = { record: celRecord(entity, record) };
  const result = { ...record };
  for (const field of computed) {
    if (field.type !== "computed") continue;
    try {
      result[field.name] = valueFromCel(
        field.resultType,
        environment(entity, "computed").evaluate(field.expression, variables),
      );
    } catch {
      result[field.name] = null;
    }
  }
  return result;
}
