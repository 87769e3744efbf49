/**
 * The public API of the Temper engine, for the studio, plugins and tools.
 *
 * @example
 * import { loadDefinition, formatFinding } from "@temper/engine";
 * const result = await loadDefinition("definitions/examples/crm");
 * for (const finding of result.findings) console.log(formatFinding(finding));
 */
export * from "./definitions/index.ts";
export * from "./expressions/index.ts";
