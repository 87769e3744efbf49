import type { Entity } from "../generated/format.ts";
import type { FindingCode } from "../findings.ts";
import type { Definition } from "../model.ts";

/** A JSON Schema, as a plain object. */
export type JsonSchema = Record<string, unknown>;

/** Where an expression is written, which decides the variables in its scope. */
export type ExpressionPlace = "computed" | "default" | "guard" | "action" | "condition" | "visibility" | "approval";

/**
 * What a declaration's `check` may use to look deeper than its params schema:
 * whether named fields exist, whether expressions compile, whether people
 * rules are valid. Pointers are relative to the params object.
 */
export interface ParamsCheck {
  definition: Definition;
  /** The entity whose record the step, guard or rule runs on. */
  entity: Entity;
  report(code: FindingCode, pointer: string, message: string): void;
  /** Checks an expression compiles in a place's scope and yields `expected` (a CEL type) when given. */
  expression(source: string, place: ExpressionPlace, pointer: string, expected?: string): void;
  /** Checks a map of field values (literals or `{ "expression": ... }`) against an entity's fields; expressions see the step's record. */
  fieldValues(entity: Entity, values: Record<string, unknown>, pointer: string): void;
  /** Checks people rules. */
  people(rules: unknown[], pointer: string): void;
  /** Checks a localized label's locales. */
  label(label: unknown, pointer: string): void;
}

/**
 * A step that processes call as an action: `{ "type": "set_fields", "params": {...} }`.
 * Its implementation lives in the runtime; the declaration is what a
 * definition may say about it.
 */
export interface StepDeclaration {
  type: string;
  description: string;
  params: JsonSchema;
  /** Checks beyond the schema: fields, entities, expressions named in the params. */
  check?(params: Record<string, unknown>, context: ParamsCheck): void;
}

/** A guard type: `{ "type": "expression", "params": {...} }`. */
export interface GuardDeclaration {
  type: string;
  description: string;
  params: JsonSchema;
  check?(params: Record<string, unknown>, context: ParamsCheck): void;
}

/** A people resolver: `{ "type": "manager", "params": { "of": "owner" } }`. */
export interface PeopleDeclaration {
  type: string;
  description: string;
  params: JsonSchema;
  check?(params: Record<string, unknown>, context: ParamsCheck): void;
}

/**
 * What a plugin's configuration file (`plugins/<plugin>.json`) must be: a
 * schema, and checks against the rest of the definition (fields that exist).
 */
export interface ConfigDeclaration {
  schema: JsonSchema;
  check?(config: Record<string, unknown>, definition: Definition): Array<{ pointer: string; message: string }>;
}

/** The format's field types a plugin field type may refine: those whose value is one string or number. */
export type FieldTypeBase =
  "text" | "long_text" | "number" | "money" | "percent" | "date" | "datetime" | "email" | "phone" | "url";

/**
 * A field type a plugin adds: `"type": "registry.cn_credit_code"` on an
 * entity's field. The field is its `base` type everywhere (storage, forms,
 * import, generated types); a value written to it must also satisfy `schema`
 * and `check`.
 */
export interface FieldTypeDeclaration {
  type: string;
  description: string;
  base: FieldTypeBase;
  /** JSON Schema keywords every value must satisfy besides the base type's. */
  schema?: JsonSchema;
  /** What is wrong with a value that passed `schema`, or `undefined` when it is right. */
  check?(value: unknown): string | undefined;
}

/**
 * Everything a definition may name by type: steps, guards, people resolvers
 * and plugins' field types; and plugins' configurations by plugin.
 */
export interface Catalog {
  steps: Map<string, StepDeclaration>;
  guards: Map<string, GuardDeclaration>;
  people: Map<string, PeopleDeclaration>;
  configs: Map<string, ConfigDeclaration>;
  fieldTypes: Map<string, FieldTypeDeclaration>;
}
