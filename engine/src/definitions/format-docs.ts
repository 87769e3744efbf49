import { builtInCatalog } from "./catalog/index.ts";
import type { JsonSchema } from "./catalog/types.ts";
import { findingCodes } from "./findings.ts";
import { definitionSchemas } from "./schemas.ts";

type Schema = JsonSchema & {
  $ref?: string;
  $id?: string;
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  type?: string | string[];
  additionalProperties?: Schema | boolean;
  $defs?: Record<string, Schema>;
  default?: unknown;
  pattern?: string;
  format?: string;
};

const kinds = [
  ["app", "app.json"],
  ["entity", "entities/<name>.json"],
  ["role", "roles/<name>.json"],
  ["process", "processes/<name>.json"],
  ["view", "views/<entity>.json"],
  ["dashboard", "dashboards/<name>.json"],
] as const;

const anchor = (kind: string, def: string) => `${kind}-${def}`.toLowerCase();

function typeOf(schema: Schema, kind: string): string {
  if (schema.$ref) {
    const [file, pointer] = schema.$ref.split("#");
    const def = pointer?.split("/").pop() ?? "";
    const owner = file ? file.replace(".schema.json", "") : kind;
    if (owner === "common" && ["name", "expression", "duration", "locale"].includes(def))
      return def === "name" ? "name" : def === "expression" ? "CEL" : def;
    return `[${def}](#${anchor(owner, def)})`;
  }
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && !schema.type) return alternatives.map((s) => typeOf(s, kind)).join(" or ");
  if (schema.type === "array" && schema.items) return `list of ${typeOf(schema.items, kind)}`;
  if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") {
    return `map of ${typeOf(schema.additionalProperties, kind)}`;
  }
  return Array.isArray(schema.type) ? schema.type.join(" \\| ") : (schema.type ?? "any");
}

function cell(text: string | undefined): string {
  return (text ?? "").replaceAll("|", "\\|").replaceAll("\n", " ");
}

function propertiesTable(schema: Schema, kind: string): string[] {
  const properties = Object.entries(schema.properties ?? {}).filter(([name]) => name !== "$schema");
  if (properties.length === 0) return [];
  const required = new Set(schema.required ?? []);
  const lines = ["| property | type | required | description |", "| --- | --- | --- | --- |"];
  for (const [name, property] of properties) {
    const description = [
      property.description,
      property.default !== undefined ? `Default: \`${JSON.stringify(property.default)}\`.` : undefined,
    ]
      .filter(Boolean)
      .join(" ");
    lines.push(
      `| \`${name}\` | ${typeOf(property, kind)} | ${required.has(name) ? "yes" : ""} | ${cell(description)} |`,
    );
  }
  return lines;
}

function section(level: string, title: string, schema: Schema, kind: string, id?: string, path = title): string[] {
  const lines = [...(id ? [`<a id="${id}"></a>`, ""] : []), `${level} ${title}`, ""];
  if (schema.description) lines.push(schema.description, "");
  const table = propertiesTable(schema, kind);
  if (table.length > 0) lines.push(...table, "");
  // Inline objects (not $defs) are documented right below their parent.
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const inline = property.type === "array" ? property.items : property;
    if (inline && !inline.$ref && inline.properties && level.length < 5) {
      const nested = `${path} → ${name}`;
      lines.push(...section(`${level}#`, nested, { ...inline, description: undefined }, kind, undefined, nested));
    }
  }
  return lines;
}

function paramsSection(
  title: string,
  items: Iterable<{ type: string; description: string; params: JsonSchema }>,
): string[] {
  const lines = [`## ${title}`, ""];
  for (const item of items) {
    lines.push(
      ...section(
        "###",
        `\`${item.type}\``,
        { ...(item.params as Schema), description: item.description },
        "params",
        undefined,
        item.type,
      ),
    );
  }
  return lines;
}

/**
 * Renders the definition format reference (`docs/definition-format.md`) from
 * the JSON Schemas, the catalog of steps, guards and people rules, and the
 * finding codes, so that the reference cannot drift from what is validated.
 *
 * @example
 * await writeFile("docs/definition-format.md", renderFormatReference());
 */
export function renderFormatReference(): string {
  const lines = [
    "<!-- Generated from definitions/schema, the step catalog and the finding codes by `pnpm generate`; do not edit by hand. -->",
    "",
    "# Definition format reference",
    "",
    'A client\'s definition is a folder, versioned as a whole by `app.json`. Every file is strict JSON (no comments, no trailing commas, no duplicate keys), validated against its JSON Schema (draft 2020-12, in `definitions/schema/`) and then checked across files. Add `"$schema"` to a file to get completion in an editor.',
    "",
    "```",
    "app.json                    the manifest",
    "entities/<name>.json        one entity each",
    "roles/<name>.json           one role each",
    "processes/<name>.json       one process each",
    "views/<entity>.json         the forms, lists and boards of one entity",
    "dashboards/<name>.json      one dashboard each",
    "```",
    "",
    'Names (of entities, fields, roles, processes, states, events, views) are lower snake_case: `a-z`, `0-9` and `_`, starting with a letter, at most 48 characters. Labels are objects by locale: `{"en": "Customer", "zh": "客户", "ko": "고객"}`; a label lacking one of the app\'s locales is a warning.',
    "",
  ];
  for (const [kind, path] of kinds) {
    const schema = definitionSchemas[kind] as unknown as Schema;
    lines.push(...section("##", `\`${path}\`: ${schema.title}`, schema, kind, undefined, path));
    for (const [name, def] of Object.entries(schema.$defs ?? {})) {
      if (!def.properties && !def.description) continue;
      lines.push(...section("###", name, def, kind, anchor(kind, name)));
    }
  }
  const common = definitionSchemas.common as unknown as Schema;
  lines.push("## Shared parts", "");
  for (const [name, def] of Object.entries(common.$defs ?? {})) {
    lines.push(...section("###", name, def, "common", anchor("common", name)));
    if (def.pattern) lines.push(`Pattern: \`${def.pattern}\``, "");
  }
  const catalog = builtInCatalog();
  lines.push(...paramsSection("Built-in steps", catalog.steps.values()));
  lines.push(...paramsSection("Guards", catalog.guards.values()));
  lines.push(...paramsSection("People rules", catalog.people.values()));
  lines.push(
    "## Expressions",
    "",
    "Guards, conditions, visibility rules, approval levels, computed fields and defaults are CEL, type-checked when the definition is validated. Field types map to CEL types: text-like, enum, reference and user fields are `string`; number, money and percent are `double` (write `100.0`, not `100`, in arithmetic with them); boolean is `bool`; date and datetime are `google.protobuf.Timestamp`; multi-enum and multi-user fields are `list<string>`. Every record also has `id`, `owner`, `created_at`, `created_by`, `updated_at`, `updated_by` and `version`.",
    "",
    "| where | variables |",
    "| --- | --- |",
    "| computed field `expression` | `record` (its non-computed fields) |",
    "| field `defaultExpression` | `user`, `now` |",
    "| guards, step params, assignment rules | `record`, `event` (`type`, `data`), `user`, `now` |",
    "| approval level `when` | `record`, `user`, `now` |",
    "| permission `condition`, form `visibleWhen` | `record`, `user` |",
    "",
    "`user` has `id`, `username`, `roles` (a list), `org_unit` and `manager`.",
    "",
    "## Finding codes",
    "",
    "The validator prints one line per finding: `file:json-pointer: severity code: message`. Codes are stable.",
    "",
    "| code | meaning |",
    "| --- | --- |",
    ...Object.entries(findingCodes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
    "",
  );
  return lines.join("\n");
}
