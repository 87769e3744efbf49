import { Command } from "commander";
import { formatFinding, loadDefinition } from "../definitions/index.ts";
import { installPlugins, pluginsOfFolder } from "../plugins/install.ts";

/**
 * `temper validate <dir> [--json]`: prints one line per finding
 * (`file:pointer: severity code: message`), exit 0 when there is no error.
 */
export function validateCommand(): Command {
  return new Command("validate")
    .description("validate a definition folder: JSON syntax, schemas, references, processes, expressions, permissions")
    .argument("<dir>", "the definition folder (the one holding app.json)")
    .option("--json", "print the findings as a JSON array")
    .addHelpText(
      "after",
      "\nExit status: 0 when the definition is valid (warnings allowed), 1 when it has errors.\nExample: pnpm temper validate definitions/examples/crm",
    )
    .action(async (dir: string, options: { json?: boolean }) => {
      await installPlugins(await pluginsOfFolder(dir));
      const result = await loadDefinition(dir);
      if (options.json) {
        console.log(JSON.stringify({ valid: result.valid, findings: result.findings }, null, 2));
      } else {
        for (const finding of result.findings) console.log(formatFinding(finding));
        const errors = result.findings.filter((f) => f.severity === "error").length;
        const warnings = result.findings.length - errors;
        const summary = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
        console.error(result.valid ? `${dir}: valid (${summary})` : `${dir}: invalid (${summary})`);
      }
      process.exitCode = result.valid ? 0 : 1;
    });
}
