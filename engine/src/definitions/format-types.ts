import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { createRequire } from "node:module";
import { compile } from "json-schema-to-typescript";

const require = createRequire(import.meta.url);
const schemaDir = dirname(require.resolve("@temper/definitions/schema/app.schema.json"));

/** The banner of every generated TypeScript file. */
export const generatedBanner = (source: string) =>
  `/* This file is generated from ${source}; do not edit it by hand. */\n`;

/**
 * Generates the TypeScript types of the definition format from its JSON
 * Schemas: one exported type per kind of file (`AppManifest`, `Entity`,
 * `Role`, `Process`, `ViewsOfAnEntity`, `Dashboard`) and their parts.
 *
 * @example
 * const source = await generateFormatTypes();
 * // export interface Entity { name: string; label: LocalizedLabel; ... }
 */
export async function generateFormatTypes(): Promise<string> {
  const root = {
    title: "Definition format",
    type: "object",
    properties: Object.fromEntries(
      ["app", "entity", "role", "process", "view", "dashboard"].map((kind) => [kind, { $ref: `${kind}.schema.json` }]),
    ),
    additionalProperties: false,
  };
  const source = await compile(root as never, "DefinitionFormat", {
    bannerComment: generatedBanner("definitions/schema/*.schema.json by `pnpm generate`").trim(),
    cwd: schemaDir,
    $refOptions: { resolve: { http: false } } as never,
    additionalProperties: false,
    format: true,
    style: { printWidth: 120 },
    unreachableDefinitions: false,
  });
  return source;
}

export const formatTypesPath = fileURLToPath(new URL("./generated/format.ts", import.meta.url));
