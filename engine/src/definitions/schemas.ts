import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import appSchema from "@temper/definitions/schema/app.schema.json" with { type: "json" };
import commonSchema from "@temper/definitions/schema/common.schema.json" with { type: "json" };
import dashboardSchema from "@temper/definitions/schema/dashboard.schema.json" with { type: "json" };
import entitySchema from "@temper/definitions/schema/entity.schema.json" with { type: "json" };
import processSchema from "@temper/definitions/schema/process.schema.json" with { type: "json" };
import roleSchema from "@temper/definitions/schema/role.schema.json" with { type: "json" };
import viewSchema from "@temper/definitions/schema/view.schema.json" with { type: "json" };
import type { DefinitionKind } from "./parse.ts";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The JSON Schemas of the definition format, by kind, and the shared one. */
export const definitionSchemas = {
  common: commonSchema,
  app: appSchema,
  entity: entitySchema,
  role: roleSchema,
  process: processSchema,
  view: viewSchema,
  dashboard: dashboardSchema,
} as const;

/**
 * Creates an Ajv instance set up the way Temper validates: draft 2020-12,
 * strict, every error, formats, and `discriminator` for tagged unions.
 *
 * @example
 * const ajv = createAjv();
 * ajv.validate({ type: "string", format: "email" }, "a@b.co"); // true
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    // `not: {required: [...]}` names properties that other branches declare.
    strictRequired: false,
    discriminator: true,
    allowUnionTypes: true,
    verbose: true,
  });
  addFormats(ajv);
  return ajv;
}

let formatAjv: Ajv2020 | undefined;

/** The shared Ajv instance holding the definition format's schemas. */
export function definitionAjv(): Ajv2020 {
  if (!formatAjv) {
    formatAjv = createAjv();
    for (const schema of Object.values(definitionSchemas)) formatAjv.addSchema(schema);
  }
  return formatAjv;
}

/** The compiled validator of one kind of definition file. */
export function schemaValidator(kind: DefinitionKind): ValidateFunction {
  const ajv = definitionAjv();
  const validate = ajv.getSchema(definitionSchemas[kind].$id);
  if (!validate) throw new Error(`schema of ${kind} is not registered`);
  return validate;
}

export type { ErrorObject };
