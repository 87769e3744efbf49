export { builtInCatalog, defaultCatalog, extendCatalog, installCatalog } from "./catalog/index.ts";
export type {
  Catalog,
  ConfigDeclaration,
  FieldTypeBase,
  FieldTypeDeclaration,
  GuardDeclaration,
  PeopleDeclaration,
  StepDeclaration,
  ExpressionPlace,
} from "./catalog/types.ts";
export {
  type Finding,
  type FindingCode,
  type Severity,
  findingCodes,
  formatFinding,
  sortFindings,
} from "./findings.ts";
export { readDefinitionFolder } from "./folder.ts";
export { type Definition, fileOf, type PluginFieldType } from "./model.ts";
export { fieldTypeValueSchema } from "./field-types.ts";
export {
  type DefinitionFile,
  type DefinitionKind,
  type DefinitionText,
  kindOfPath,
  parseDefinitionTexts,
} from "./parse.ts";
export { fieldValueSchema, pascalCase, recordSchema } from "./record-schema.ts";
export { celRecord, valueFromCel } from "./cel-values.ts";
export { celTypeOfField, expressionScope, isSystemField, systemFields } from "./scope.ts";
export { definitionSchemas } from "./schemas.ts";
export { checkDefinition, type ValidationResult, validateDefinitionTexts } from "./validate.ts";
export { generateAppTypes, type GeneratedFiles } from "./app-types.ts";
export { loadDefinition } from "./load.ts";
export type * from "./generated/format.ts";
