import { type Catalog, defaultCatalog } from "./catalog/index.ts";
import { checkApp } from "./checks/app.ts";
import { Checker } from "./checks/checker.ts";
import { checkDashboards } from "./checks/dashboards.ts";
import { checkPluginConfigs } from "./checks/plugin-configs.ts";
import { checkEntities } from "./checks/entities.ts";
import { checkPluginFieldTypes } from "./checks/plugin-field-types.ts";
import { checkProcesses } from "./checks/processes.ts";
import { checkRoles } from "./checks/roles.ts";
import { checkViews } from "./checks/views.ts";
import { expandPluginFieldTypes } from "./field-types.ts";
import { type Finding, sortFindings } from "./findings.ts";
import { assembleDefinition, type Definition } from "./model.ts";
import { type DefinitionText, parseDefinitionTexts } from "./parse.ts";
import { describeSchemaErrors, indexSchemas, type SchemaIndex } from "./schema-errors.ts";
import { definitionAjv, definitionSchemas, schemaValidator } from "./schemas.ts";

/** The outcome of validating a definition. */
export interface ValidationResult {
  /** Present when no file has an error that stops assembling it (syntax, schema, naming). */
  definition?: Definition;
  findings: Finding[];
  /** True when no finding is an error: the definition may be published. */
  valid: boolean;
}

/**
 * Validates a definition's files in three stages: JSON syntax, each file
 * against its kind's JSON Schema, then the semantic checks across files
 * (references, reachability, CEL, permissions, labels). The semantic stage
 * runs only on a definition whose files all passed the first two, so that a
 * broken file does not cause a cascade of follow-on findings. Never throws.
 *
 * @example
 * const result = validateDefinitionTexts([{ path: "app.json", text: "..." }, ...]);
 * result.findings.map(formatFinding);
 */
export function validateDefinitionTexts(
  texts: DefinitionText[],
  catalog: Catalog = defaultCatalog(),
): ValidationResult {
  const findings: Finding[] = [];
  try {
    const parsed = parseDefinitionTexts(texts);
    findings.push(...parsed.findings);
    // Fields of plugins' types become their base types, which the format's schema knows.
    const expansion = expandPluginFieldTypes(parsed.files, catalog);
    findings.push(...expansion.findings);
    const ajv = definitionAjv();
    const valid = expansion.files.filter((file) => {
      // A plugin's configuration is checked against the plugin's schema with the semantic checks.
      if (file.kind === "plugin") return isObject(file.data, file.path, findings);
      const validate = schemaValidator(file.kind);
      if (validate(file.data)) return true;
      for (const problem of describeSchemaErrors(ajv, formatIndex(), validate.errors ?? [])) {
        if (!expansion.covers(file.path, problem.pointer))
          findings.push({ severity: "error", file: file.path, ...problem });
      }
      return false;
    });
    if (findings.some((f) => f.severity === "error")) return result(findings);
    const assembled = assembleDefinition(valid, expansion.pluginFieldTypes);
    findings.push(...assembled.findings);
    if (!assembled.definition || findings.some((f) => f.severity === "error")) return result(findings);
    findings.push(...checkDefinition(assembled.definition, catalog));
    return result(findings, assembled.definition);
  } catch (error) {
    findings.push({
      severity: "error",
      code: "internal.error",
      file: "app.json",
      pointer: "",
      message: `the validator failed: ${(error as Error).message}`,
    });
    return result(findings);
  }
}

/**
 * Runs the semantic checks on an assembled definition.
 *
 * @example
 * const findings = checkDefinition(definition, builtInCatalog());
 */
export function checkDefinition(definition: Definition, catalog: Catalog): Finding[] {
  const checker = new Checker(definition, catalog);
  checkApp(checker);
  checkEntities(checker);
  checkPluginFieldTypes(checker);
  checkRoles(checker);
  checkProcesses(checker);
  checkViews(checker);
  checkDashboards(checker);
  checkPluginConfigs(checker);
  return checker.findings;
}

function isObject(data: unknown, path: string, findings: Finding[]): boolean {
  if (typeof data === "object" && data !== null && !Array.isArray(data)) return true;
  findings.push({
    severity: "error",
    code: "schema.type",
    file: path,
    pointer: "",
    message: "a plugin's configuration must be a JSON object",
  });
  return false;
}

let index: SchemaIndex | undefined;
const formatIndex = () => (index ??= indexSchemas(Object.values(definitionSchemas)));

function result(findings: Finding[], definition?: Definition): ValidationResult {
  const sorted = sortFindings(findings);
  const valid = !sorted.some((f) => f.severity === "error");
  return { findings: sorted, valid, ...(definition ? { definition } : {}) };
}
