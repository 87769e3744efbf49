import type { Catalog, FieldTypeBase, FieldTypeDeclaration, JsonSchema } from "./catalog/types.ts";
import type { Finding, FindingCode } from "./findings.ts";
import type { PluginFieldType } from "./model.ts";
import type { DefinitionFile } from "./parse.ts";
import { didYouMean, listNames } from "./suggest.ts";

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What expanding plugins' field types gives: the files as the format's schemas see them, and what was found. */
export interface FieldTypeExpansion {
  files: DefinitionFile[];
  findings: Finding[];
  /** The fields of a plugin's type, by `<entity>.<field>`. */
  pluginFieldTypes: Map<string, PluginFieldType>;
  /** Whether a schema problem at `pointer` in `file` is about a field whose type was already reported unknown. */
  covers(file: string, pointer: string): boolean;
}

/**
 * Expands each entity field whose type a plugin declares
 * (`"type": "hello.cn_credit_code"`) to the type's base (`"text"`), so that
 * the entity meets the format's schema; remembers which fields they were. A
 * type of a plugin app.json does not enable is `ref.plugin`; one the catalog
 * does not know, `ref.field-type`.
 *
 * @example
 * const { files, pluginFieldTypes } = expandPluginFieldTypes(parsed.files, catalog);
 * pluginFieldTypes.get("customer.credit_code")?.type; // "hello.cn_credit_code"
 */
export function expandPluginFieldTypes(files: DefinitionFile[], catalog: Catalog): FieldTypeExpansion {
  const app = files.find((f) => f.kind === "app")?.data;
  const enabled = isObject(app) && Array.isArray(app.plugins) ? app.plugins.map(String) : [];
  const findings: Finding[] = [];
  const pluginFieldTypes = new Map<string, PluginFieldType>();
  const expanded = files.map((file) => {
    const data = file.data;
    if (file.kind !== "entity" || !isObject(data) || !Array.isArray(data.fields)) return file;
    const fields = data.fields.map((field: unknown, index: number) => {
      if (!isObject(field) || typeof field.type !== "string" || !field.type.includes(".")) return field;
      const resolved = resolve(field.type, enabled, catalog);
      if ("code" in resolved) {
        findings.push({ severity: "error", file: file.path, pointer: `/fields/${index}/type`, ...resolved });
        return field;
      }
      pluginFieldTypes.set(`${String(data.name)}.${String(field.name)}`, { type: field.type, declaration: resolved });
      return { ...field, type: resolved.base };
    });
    return { ...file, data: { ...data, fields } };
  });
  return {
    files: expanded,
    findings,
    pluginFieldTypes,
    covers: (file, pointer) =>
      findings.some((f) => {
        const at = f.pointer.slice(0, -"/type".length);
        return f.file === file && (pointer === at || pointer.startsWith(`${at}/`));
      }),
  };
}

function resolve(
  type: string,
  enabled: string[],
  catalog: Catalog,
): FieldTypeDeclaration | { code: FindingCode; message: string } {
  const plugin = type.split(".")[0]!;
  if (!enabled.includes(plugin))
    return {
      code: "ref.plugin",
      message: `"${type}" belongs to the plugin "${plugin}", which app.json does not list in "plugins"`,
    };
  const declaration = catalog.fieldTypes.get(type);
  if (declaration) return declaration;
  const known = [...catalog.fieldTypes.keys()].filter((name) => enabled.includes(name.split(".")[0]!));
  return {
    code: "ref.field-type",
    message: `unknown field type "${type}"${didYouMean(type, known)}; ${
      known.length > 0
        ? `the enabled plugins declare ${listNames(known)}`
        : "the enabled plugins declare no field types"
    }`,
  };
}

const numeric = new Set<FieldTypeBase>(["number", "money", "percent"]);
const valueSchemas = new WeakMap<FieldTypeDeclaration, JsonSchema>();

/**
 * The JSON Schema a plugin field type's values must meet besides their base
 * type's, under the base's JSON type (so that its keywords apply in strict
 * mode), or `undefined` when the type declares none.
 *
 * @example
 * fieldTypeValueSchema({ type: "cn_credit_code", base: "text", schema: { pattern: "^[0-9A-Z]{18}$" }, ... });
 * // { type: "string", allOf: [{ pattern: "^[0-9A-Z]{18}$" }] }
 */
export function fieldTypeValueSchema(declaration: FieldTypeDeclaration): JsonSchema | undefined {
  if (!declaration.schema) return undefined;
  let schema = valueSchemas.get(declaration);
  if (!schema) {
    schema = { type: numeric.has(declaration.base) ? "number" : "string", allOf: [declaration.schema] };
    valueSchemas.set(declaration, schema);
  }
  return schema;
}
