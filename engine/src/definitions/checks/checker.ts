import type { Environment } from "@marcbachmann/cel-js";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { checkExpression, createExpressionEnvironment } from "../../expressions/index.ts";
import type { Catalog, ExpressionPlace, JsonSchema, ParamsCheck } from "../catalog/types.ts";
import type { Finding, FindingCode, Severity } from "../findings.ts";
import type { Entity, Field, Process } from "../generated/format.ts";
import type { Definition } from "../model.ts";
import { describeSchemaErrors, indexSchemas } from "../schema-errors.ts";
import { createAjv } from "../schemas.ts";
import { celTypeOfField, expectedCelType, expressionScope, isSystemField, systemFields } from "../scope.ts";
import { didYouMean, listNames } from "../suggest.ts";

/** A field as a check sees it: declared by the entity, or one of the system fields. */
export type FieldLike = Field | { name: string; type: (typeof systemFields)[keyof typeof systemFields]; system: true };

/**
 * The shared tools of the semantic checks: reporting findings at a file and
 * pointer, resolving names with suggestions, type-checking CEL in the right
 * scope (environments cached per entity and place), and checking step, guard
 * and people-rule calls against the catalog.
 */
export class Checker {
  readonly findings: Finding[] = [];
  private readonly environments = new Map<string, Environment>();
  private readonly paramsAjv = createAjv();
  private readonly paramsIndex = new WeakMap<object, string>();
  private readonly paramsValidators = new Map<JsonSchema, ValidateFunction>();

  constructor(
    readonly definition: Definition,
    readonly catalog: Catalog,
  ) {}

  report(file: string, pointer: string, code: FindingCode, message: string, severity: Severity = "error"): void {
    this.findings.push({ severity, code, file, pointer, message });
  }

  /** Finds a field of an entity (or a system field when allowed), reporting `ref.field` when there is none. */
  field(entity: Entity, name: string, file: string, pointer: string, allowSystem = true): FieldLike | undefined {
    const found = entity.fields.find((f) => f.name === name);
    if (found) return found;
    if (allowSystem && isSystemField(name)) return { name, type: systemFields[name], system: true };
    const known = entity.fields.map((f) => f.name).concat(allowSystem ? Object.keys(systemFields) : []);
    this.report(file, pointer, "ref.field", `entity "${entity.name}" has no field "${name}"${didYouMean(name, known)}`);
    return undefined;
  }

  /** Finds an entity, reporting `ref.entity` when there is none. */
  entity(name: string, file: string, pointer: string): Entity | undefined {
    const found = this.definition.entities.get(name);
    if (!found) {
      this.report(
        file,
        pointer,
        "ref.entity",
        `unknown entity "${name}"${didYouMean(name, this.definition.entities.keys())}`,
      );
    }
    return found;
  }

  /** Finds a process running on an entity, reporting `ref.process` when there is none or it runs on another entity. */
  process(name: string, entity: Entity, file: string, pointer: string): Process | undefined {
    const found = this.definition.processes.get(name);
    if (!found) {
      this.report(
        file,
        pointer,
        "ref.process",
        `unknown process "${name}"${didYouMean(name, this.definition.processes.keys())}`,
      );
      return undefined;
    }
    if (found.entity !== entity.name) {
      this.report(
        file,
        pointer,
        "ref.process",
        `the process "${name}" runs on "${found.entity}", not on "${entity.name}"`,
      );
      return undefined;
    }
    return found;
  }

  /** Type-checks an expression in the scope of a place; `expected` is the CEL type it must yield. */
  expression(
    entity: Entity,
    source: string,
    place: ExpressionPlace,
    file: string,
    pointer: string,
    expected?: string,
  ): void {
    const key = `${entity.name}\u0000${place}`;
    let env = this.environments.get(key);
    if (!env) {
      env = createExpressionEnvironment(expressionScope(entity, place));
      this.environments.set(key, env);
    }
    const result = checkExpression(env, source);
    if (!result.ok) {
      const hint = /double [*/+-] int|int [*/+-] double/.test(result.message)
        ? " (CEL does not mix int and double: write 100.0, not 100)"
        : "";
      this.report(
        file,
        pointer,
        result.kind === "syntax" ? "expression.syntax" : "expression.type",
        `${result.kind === "syntax" ? "CEL syntax error" : "CEL type error"} in ${JSON.stringify(source)}: ${result.message}${hint}`,
      );
    } else if (expected && result.type !== expected && result.type !== "dyn" && expected !== "dyn") {
      this.report(
        file,
        pointer,
        "expression.result-type",
        `${JSON.stringify(source)} yields ${result.type}, but ${expected} is needed here`,
      );
    }
  }

  /** Checks a step or guard call: known type, enabled plugin, params against the declaration's schema, deeper checks. */
  call(
    kind: "step" | "guard",
    call: { type: string; params?: Record<string, unknown> },
    entity: Entity,
    file: string,
    pointer: string,
  ): void {
    const declarations = kind === "step" ? this.catalog.steps : this.catalog.guards;
    // A plugin's step or guard needs the plugin enabled, even when this engine happens to have it loaded.
    const plugin = call.type.includes(".") ? call.type.split(".")[0] : undefined;
    if (plugin && !(this.definition.app.plugins ?? []).includes(plugin)) {
      this.report(
        file,
        `${pointer}/type`,
        "ref.plugin",
        `"${call.type}" belongs to the plugin "${plugin}", which app.json does not list in "plugins"`,
      );
      return;
    }
    const declaration = declarations.get(call.type);
    if (!declaration) {
      this.report(
        file,
        `${pointer}/type`,
        kind === "step" ? "ref.step" : "ref.guard",
        `unknown ${kind} "${call.type}"${didYouMean(call.type, declarations.keys())}; known: ${listNames(declarations.keys())}`,
      );
      return;
    }
    this.params(declaration, call.params ?? {}, entity, file, `${pointer}/params`, `${kind} "${call.type}"`);
  }

  /** Checks people rules against the catalog of resolvers. */
  people(rules: unknown[], entity: Entity, file: string, pointer: string): void {
    rules.forEach((rule, index) => {
      const { type, params } = rule as { type: string; params?: Record<string, unknown> };
      const at = `${pointer}/${index}`;
      const declaration = this.catalog.people.get(type);
      if (!declaration) {
        this.report(
          file,
          `${at}/type`,
          "ref.people",
          `unknown people rule "${type}"${didYouMean(type, this.catalog.people.keys())}; known: ${listNames(this.catalog.people.keys())}`,
        );
        return;
      }
      this.params(declaration, params ?? {}, entity, file, `${at}/params`, `people rule "${type}"`);
    });
  }

  /**
   * Checks a map of field values: each field of `entity` exists, can be set, and its value fits.
   * Expressions are checked in the scope of `source`, the record the step runs on.
   */
  fieldValues(
    entity: Entity,
    values: Record<string, unknown>,
    file: string,
    pointer: string,
    source: Entity = entity,
  ): void {
    for (const [name, value] of Object.entries(values)) {
      const at = `${pointer}/${name}`;
      const field = this.field(entity, name, file, at, false);
      if (!field || "system" in field) continue;
      if (field.type === "computed") {
        this.report(file, at, "field.type-mismatch", `"${name}" is computed from other fields and cannot be set`);
        continue;
      }
      if (value && typeof value === "object" && !Array.isArray(value) && "expression" in value) {
        const expression = String((value as { expression: unknown }).expression);
        const expected = celTypeOfField(field);
        this.expression(
          source,
          expression,
          "action",
          file,
          `${at}/expression`,
          typeof expected === "string" ? expected : undefined,
        );
      } else {
        const problem = literalProblem(field, value);
        if (problem) this.report(file, at, "field.type-mismatch", problem);
      }
    }
  }

  /** Checks that a localized label has the app's locales and no others (warnings). */
  label(label: unknown, file: string, pointer: string): void {
    if (!label || typeof label !== "object" || Array.isArray(label)) return;
    const locales = this.definition.app.locales;
    const given = Object.keys(label);
    const missing = locales.filter((l) => !given.includes(l));
    if (missing.length > 0) {
      this.report(file, pointer, "label.missing-locale", `no text for ${listNames(missing)}`, "warning");
    }
    for (const locale of given.filter((l) => !locales.includes(l))) {
      this.report(
        file,
        `${pointer}/${locale}`,
        "label.unknown-locale",
        `"${locale}" is not one of the app's locales (${listNames(locales)})`,
        "warning",
      );
    }
  }

  private params(
    declaration: { params: JsonSchema; check?(params: Record<string, unknown>, context: ParamsCheck): void },
    params: Record<string, unknown>,
    entity: Entity,
    file: string,
    pointer: string,
    what: string,
  ): void {
    if (!this.matchesSchema(declaration.params, params, file, pointer, what, "params.invalid")) return;
    declaration.check?.(params, this.paramsContext(entity, file, pointer));
  }

  /** Checks a value against a schema a step, guard or plugin declares, reporting each problem under `pointer`. */
  matchesSchema(
    schema: JsonSchema,
    value: unknown,
    file: string,
    pointer: string,
    what: string,
    code: FindingCode,
  ): boolean {
    let validate = this.paramsValidators.get(schema);
    if (!validate) {
      const identified = { ...schema, $id: `temper:params:${this.paramsValidators.size}` };
      indexSchemas([identified], this.paramsIndex);
      validate = this.paramsAjv.compile(identified);
      this.paramsValidators.set(schema, validate);
    }
    if (validate(value)) return true;
    for (const problem of describeSchemaErrors(this.paramsAjv, this.paramsIndex, validate.errors ?? [])) {
      this.report(file, pointer + problem.pointer, code, `${what}: ${problem.message}`);
    }
    return false;
  }

  private paramsContext(entity: Entity, file: string, base: string): ParamsCheck {
    return {
      definition: this.definition,
      entity,
      report: (code, pointer, message) => this.report(file, base + pointer, code, message),
      expression: (source, place, pointer, expected) =>
        this.expression(entity, source, place, file, base + pointer, expected),
      fieldValues: (target, values, pointer) => this.fieldValues(target, values, file, base + pointer, entity),
      people: (rules, pointer) => this.people(rules, entity, file, base + pointer),
      label: (label, pointer) => this.label(label, file, base + pointer),
    };
  }
}

/** What is wrong with a literal value for a field, or `undefined` when it fits. */
export function literalProblem(field: Field, value: unknown): string | undefined {
  if (value === null) return field.required ? `"${field.name}" is required and cannot be set to null` : undefined;
  const expected = expectedCelType(field.type);
  const fits =
    expected === "double"
      ? typeof value === "number"
      : expected === "bool"
        ? typeof value === "boolean"
        : expected === "list<string>"
          ? Array.isArray(value) && value.every((v) => typeof v === "string")
          : expected === "dyn"
            ? true
            : typeof value === "string";
  if (!fits) return `${JSON.stringify(value)} does not fit the ${field.type} field "${field.name}"`;
  const options = "options" in field ? field.options.map((o) => o.value) : undefined;
  if (options) {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !options.includes(String(v)));
    if (bad !== undefined) {
      return `"${String(bad)}" is not an option of "${field.name}" (${listNames(options)})${didYouMean(String(bad), options)}`;
    }
  }
  return undefined;
}
