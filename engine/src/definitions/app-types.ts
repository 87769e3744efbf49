import { compile } from "json-schema-to-typescript";
import type { Catalog } from "./catalog/types.ts";
import { generatedBanner } from "./format-types.ts";
import type { Definition } from "./model.ts";
import { pascalCase, recordSchema } from "./record-schema.ts";

/** Generated TypeScript sources by file name. */
export type GeneratedFiles = Record<string, string>;

const options = {
  bannerComment: "",
  additionalProperties: false,
  format: true,
  style: { printWidth: 120 },
  declareExternallyReferenced: true,
} as const;

/**
 * Generates TypeScript for an app: `entities.ts` with one interface per
 * entity (its records as the API returns them), `steps.ts` with the params of
 * every step the catalog knows, and `index.ts` re-exporting both.
 *
 * @example
 * const files = await generateAppTypes(definition, builtInCatalog());
 * files["entities.ts"]; // "export interface Customer { id: string; name: string; ... }"
 */
export async function generateAppTypes(definition: Definition, catalog: Catalog): Promise<GeneratedFiles> {
  const source = `${definition.app.id} ${definition.app.version}`;
  const entities: string[] = [];
  for (const entity of definition.entities.values()) {
    entities.push(await compile(recordSchema(definition.app, entity) as never, pascalCase(entity.name), options));
  }
  entities.push(
    `/** Every entity's record type by entity name. */\nexport interface Records {\n${[...definition.entities.keys()]
      .map((name) => `  ${name}: ${pascalCase(name)};`)
      .join("\n")}\n}\n`,
  );
  const steps: string[] = [];
  for (const [type, step] of catalog.steps) {
    const name = `${pascalCase(type)}Params`;
    steps.push(await compile({ ...step.params, title: name, description: step.description } as never, name, options));
  }
  return {
    "entities.ts": generatedBanner(`the entities of ${source}`) + "\n" + entities.join("\n"),
    "steps.ts": generatedBanner("the step catalog") + "\n" + steps.join("\n"),
    "index.ts":
      generatedBanner(`${source}`) + '\nexport type * from "./entities.js";\nexport type * from "./steps.js";\n',
  };
}
