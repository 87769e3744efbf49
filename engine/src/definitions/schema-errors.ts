import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "./schemas.ts";
import type { Finding, FindingCode } from "./findings.ts";
import { didYouMean, listNames } from "./suggest.ts";

type Located = Omit<Finding, "file" | "severity">;

/** Where every subschema of a set of registered schemas lives, as an absolute URI with a JSON pointer. */
export type SchemaIndex = WeakMap<object, string>;

/**
 * Indexes registered schemas (each with an `$id`) so that an error's
 * `parentSchema` can be found again and its alternatives validated one by one.
 */
export function indexSchemas(schemas: Array<{ $id: string }>, into: SchemaIndex = new WeakMap()): SchemaIndex {
  const walk = (node: unknown, uri: string) => {
    if (!node || typeof node !== "object") return;
    into.set(node, uri);
    for (const [key, child] of Object.entries(node)) walk(child, `${uri}/${escape(key)}`);
  };
  for (const schema of schemas) walk(schema, `${schema.$id}#`);
  return into;
}

/**
 * Turns Ajv's errors for one document into findings a consultant can act on:
 * one per real problem, at the deepest pointer that shows it. Errors of
 * `anyOf`/`oneOf` are narrowed to the alternative the data was meant to be
 * (the one whose type fits, with the fewest errors), so that a malformed
 * transition object reports its bad property, not three alternatives.
 */
export function describeSchemaErrors(ajv: Ajv2020, index: SchemaIndex, errors: ErrorObject[]): Located[] {
  let kept: ErrorObject[] = [];
  const extra: Located[] = [];
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf") {
      kept = kept.filter((e) => !within(e.instancePath, error.instancePath));
      extra.push(...describeAlternatives(ajv, index, error));
    } else {
      kept.push(error);
    }
  }
  const located = kept
    .filter((e) => !redundant(e, kept))
    .map((e) => (e.keyword === "discriminator" ? describeDiscriminator(ajv, index, e) : describeError(e)));
  return dedupe([...located, ...extra]);
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root + "/");
}

function redundant(error: ErrorObject, all: ErrorObject[]): boolean {
  // The discriminator repeats what the tag's own enum/required/type error says.
  if (error.keyword === "discriminator") {
    return all.some(
      (e) =>
        e !== error &&
        (e.instancePath === `${error.instancePath}/${String(error.params.tag)}` ||
          (e.instancePath === error.instancePath && e.keyword === "required")),
    );
  }
  // `if`/`then` failures are reported by the keyword inside `then`.
  return error.keyword === "if";
}

function describeAlternatives(ajv: Ajv2020, index: SchemaIndex, error: ErrorObject): Located[] {
  const branches = Array.isArray(error.schema) ? (error.schema as unknown[]) : [];
  if (error.keyword === "oneOf" && error.params.passingSchemas) {
    return [
      {
        code: "schema.conflict",
        pointer: error.instancePath,
        message: "matches more than one of the allowed forms; keep only the properties of one",
      },
    ];
  }
  const parent = error.parentSchema ? index.get(error.parentSchema) : undefined;
  const base = `${parent}/${error.keyword}`;
  const candidates: Located[][] = [];
  const expectedTypes: string[] = [];
  branches.forEach((_, branch) => {
    const validate = parent ? ajv.getSchema(`${base}/${branch}`) : undefined;
    if (!validate || validate(error.data)) return;
    const branchErrors = (validate.errors ?? []).map((e) => ({
      ...e,
      instancePath: error.instancePath + e.instancePath,
    }));
    const rootTypeError = branchErrors.find(
      (e) => e.instancePath === error.instancePath && (e.keyword === "type" || e.keyword === "const"),
    );
    if (rootTypeError) {
      expectedTypes.push(
        rootTypeError.keyword === "const"
          ? JSON.stringify(rootTypeError.params.allowedValue)
          : String(rootTypeError.params.type),
      );
      return;
    }
    candidates.push(describeSchemaErrors(ajv, index, branchErrors));
  });
  if (candidates.length > 0) {
    return candidates.reduce((best, next) => (next.length < best.length ? next : best));
  }
  return [
    {
      code: "schema.type",
      pointer: error.instancePath,
      message: `must be ${[...new Set(expectedTypes)].join(" or ")}, not ${jsonType(error.data)}`,
    },
  ];
}

function describeDiscriminator(ajv: Ajv2020, index: SchemaIndex, error: ErrorObject): Located {
  const tag = String(error.params.tag);
  const value = (error.data as Record<string, unknown> | null)?.[tag];
  if (value === undefined) {
    return { code: "schema.required", pointer: error.instancePath, message: `missing required property "${tag}"` };
  }
  const allowed: string[] = [];
  const parent = error.parentSchema ? index.get(error.parentSchema) : undefined;
  const root = parent?.slice(0, parent.indexOf("#"));
  for (const branch of (error.parentSchema?.oneOf as Array<{ $ref?: string }> | undefined) ?? []) {
    const ref = branch.$ref?.startsWith("#") ? root + branch.$ref : branch.$ref;
    const schema = ref
      ? (ajv.getSchema(ref)?.schema as { properties?: Record<string, { const?: string; enum?: string[] }> })
      : undefined;
    const property = schema?.properties?.[tag];
    allowed.push(...(property?.enum ?? (property?.const ? [property.const] : [])));
  }
  return {
    code: "schema.enum",
    pointer: `${error.instancePath}/${escape(tag)}`,
    message: `${JSON.stringify(value)} is not one of ${listNames(allowed)}${didYouMean(String(value), allowed)}`,
  };
}

function describeError(error: ErrorObject): Located {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return {
        code: "schema.required",
        pointer: at,
        message: `missing required property "${String(params.missingProperty)}"`,
      };
    case "additionalProperties":
    case "unevaluatedProperties": {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        code: "schema.unknown-property",
        pointer: `${at}/${escape(name)}`,
        message: `unknown property "${name}"${didYouMean(name, known)}`,
      };
    }
    case "type":
      return {
        code: "schema.type",
        pointer: at,
        message: `must be ${String(params.type)}, not ${jsonType(error.data)}`,
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const given = String(error.data);
      return {
        code: "schema.enum",
        pointer: at,
        message: `${JSON.stringify(error.data)} is not one of ${listNames(allowed)}${didYouMean(given, allowed)}`,
      };
    }
    case "const":
      return { code: "schema.enum", pointer: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case "pattern":
      return { code: "schema.pattern", pointer: at, message: describePattern(String(params.pattern), error.data) };
    case "format":
      return {
        code: "schema.format",
        pointer: at,
        message: `${JSON.stringify(error.data)} is not a valid ${String(params.format)}`,
      };
    case "uniqueItems":
      return {
        code: "schema.unique",
        pointer: at,
        message: `items ${String(params.j)} and ${String(params.i)} are the same; each may appear once`,
      };
    case "not":
      return { code: "schema.conflict", pointer: at, message: describeNot(error) };
    case "dependentRequired":
      return {
        code: "schema.required",
        pointer: at,
        message: `"${String(params.property)}" needs "${String(params.missingProperty)}" beside it`,
      };
    case "propertyNames":
      return {
        code: "schema.pattern",
        pointer: at,
        message: `the key "${String(params.propertyName)}" is not allowed`,
      };
    default:
      return {
        code: rangeKeywords.has(error.keyword) ? "schema.range" : "schema.invalid",
        pointer: at,
        message: error.message ?? error.keyword,
      };
  }
}

const rangeKeywords = new Set([
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
]);

function describePattern(pattern: string, data: unknown): string {
  const given = JSON.stringify(data);
  if (pattern === "^[a-z][a-z0-9_]*$") {
    return `${given} is not a valid name: use lower snake_case (a-z, 0-9 and _, starting with a letter)`;
  }
  if (pattern.startsWith("^P")) return `${given} is not an ISO-8601 duration such as "PT24H", "P3D" or "P1M"`;
  if (pattern.startsWith("^[a-z]{2,3}")) return `${given} is not a locale tag such as "en", "zh" or "pt-BR"`;
  if (pattern.startsWith("^(0|[1-9]")) return `${given} is not a semantic version such as "1.2.0"`;
  if (pattern === "^[A-Z]{3}$") return `${given} is not an ISO 4217 currency code such as "USD" or "CNY"`;
  return `${given} does not match the pattern ${pattern}`;
}

function describeNot(error: ErrorObject): string {
  const present = Object.keys((error.data as object | null) ?? {});
  const names = new Set<string>();
  collectRequired(error.schema, names);
  const clashing = present.filter((p) => names.has(p));
  if (clashing.length > 1) return `${listNames(clashing)} cannot be used together`;
  if (clashing.length === 1) return `"${clashing[0]}" is not allowed here`;
  return "this combination of properties is not allowed";
}

function collectRequired(schema: unknown, into: Set<string>): void {
  if (!schema || typeof schema !== "object") return;
  const s = schema as { required?: string[]; anyOf?: unknown[] };
  s.required?.forEach((r) => into.add(r));
  s.anyOf?.forEach((sub) => collectRequired(sub, into));
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

function escape(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function dedupe(items: Located[]): Located[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.pointer}\u0000${item.code}\u0000${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { FindingCode };
