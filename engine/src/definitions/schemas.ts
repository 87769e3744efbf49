import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import appSchema from "@temper/definitions/schema/app.schema.json" with { type: "json" };
import commonSchema from "@temper/definitions/schema/common.schema.json" with { type: "json" };
import dashboardSchema from "@temper/definitions/schema/dashboard.schema.json" with { type: "json" };
import entitySchema from "@temper/definitions/schema/entity.schema.json" with { type: "json" };
import processSchema from "@temper/definitions/schema/process.schema.json" with { type: "json" };
import roleSchema from "@temper/definitions/schema/role.schema.json" with { type: "json" };
import viewSchema from "@temper/definitions/schema/view.schema.json" with { type: "json" };
import { createAjv } from "./ajv.ts";
import type { DefinitionKind } from "./parse.ts";

export { createAjv };

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
export function schemaValidator(kind: Exclude<DefinitionKind, "plugin">): ValidateFunction {
  const ajv = definitionAjv();
  const validate = ajv.getSchema(definitionSchemas[kind].$id);
  if (!validate) throw new Error(`schema of ${kind} is not registered`);
  return validate;
}

export type { ErrorObject };
