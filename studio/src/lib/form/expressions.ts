import { celRecord, valueFromCel } from "@temper/engine/definitions/cel-values";
import { expressionScope } from "@temper/engine/definitions/scope";
import { compileExpression, type CompiledExpression, createExpressionEnvironment } from "@temper/engine/expressions";
import type { FieldDef } from "../types";

/** The user as expressions see them: `user.org_unit` is their unit's code, `user.manager` their manager's id. */
export interface CelUser {
  id: string;
  username: string;
  roles: string[];
  org_unit: string;
  manager: string;
}

// `GET /definition` carries the engine's own field declarations, so the engine's
// scope and value conversions apply to them as they are.
type EngineEntity = Parameters<typeof expressionScope>[0];
const asEntity = (fields: FieldDef[]) => ({ fields }) as unknown as EngineEntity;
type Environment = ReturnType<typeof createExpressionEnvironment>;

/**
 * The form's visibility rules for an entity's readable fields, evaluated the
 * way the engine checks them: its CEL library, its scope (`record`, `user`),
 * its conversion of values (dates as instants, empty fields left out). A rule
 * that cannot be evaluated (it reads an empty field, or one the user may not
 * read) does not hold.
 *
 * @example
 * const visible = visibilityRules(opportunity.fields);
 * visible("record.stage == 'lost'", { stage: "lost" }, user); // true
 * visible("record.stage == 'lost'", {}, user); // false
 */
export function visibilityRules(
  fields: FieldDef[],
): (source: string, record: Record<string, unknown>, user: CelUser) => boolean {
  const entity = asEntity(fields);
  let env: Environment | undefined;
  const compiled = new Map<string, CompiledExpression | null>();
  return (source, record, user) => {
    env ??= createExpressionEnvironment(expressionScope(entity, "visibility"));
    if (!compiled.has(source)) {
      try {
        compiled.set(source, compileExpression(env, source));
      } catch {
        compiled.set(source, null);
      }
    }
    const rule = compiled.get(source);
    if (!rule) return false;
    try {
      return rule({ record: celRecord(entity, record), user }) === true;
    } catch {
      return false;
    }
  };
}

/**
 * The values a new record starts with: each field's literal `default`, else
 * its `defaultExpression` evaluated with `user` and `now` as the engine does
 * when it creates the record. An expression that fails leaves its field empty.
 *
 * @example
 * defaultValues(quote.fields, user, new Date("2026-11-02T00:00:00Z")); // { status: "draft", valid_until: "2026-12-02", … }
 */
export function defaultValues(fields: FieldDef[], user: CelUser, now: Date): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  let env: Environment | undefined;
  for (const field of fields) {
    if (field.default !== undefined) values[field.name] = field.default;
    else if (field.defaultExpression) {
      env ??= createExpressionEnvironment(expressionScope(asEntity(fields), "default"));
      try {
        values[field.name] = valueFromCel(field.type, env.evaluate(field.defaultExpression, { user, now }));
      } catch {
        // The engine fills it when the record is saved, or says what is missing.
      }
    }
  }
  return values;
}
