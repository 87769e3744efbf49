import { type Catalog, defaultCatalog } from "./catalog/index.ts";
import { readDefinitionFolder } from "./folder.ts";
import { sortFindings } from "./findings.ts";
import { type ValidationResult, validateDefinitionTexts } from "./validate.ts";

/**
 * Reads and validates a definition folder.
 *
 * @example
 * const { valid, findings, definition } = await loadDefinition("definitions/examples/crm");
 */
export async function loadDefinition(dir: string, catalog: Catalog = defaultCatalog()): Promise<ValidationResult> {
  const { texts, findings } = await readDefinitionFolder(dir);
  if (findings.some((f) => f.code === "folder.missing")) return { findings, valid: false };
  const result = validateDefinitionTexts(texts, catalog);
  const all = sortFindings([...findings, ...result.findings]);
  return { ...result, findings: all, valid: result.valid && findings.length === 0 };
}
