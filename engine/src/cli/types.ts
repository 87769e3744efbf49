import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { defaultCatalog, formatFinding, generateAppTypes, loadDefinition } from "../definitions/index.ts";
import { installPlugins, pluginsOfFolder } from "../plugins/install.ts";
import { UserError } from "./user-error.ts";

/** `temper types <dir> --out <dir>`: TypeScript for an app's records and the steps' params. */
export function typesCommand(): Command {
  return new Command("types")
    .description("generate TypeScript types for an app: one interface per entity, and the params of every step")
    .argument("<dir>", "the definition folder (the one holding app.json)")
    .requiredOption("--out <dir>", "the folder to write entities.ts, steps.ts and index.ts into")
    .addHelpText("after", "\nExample: pnpm temper types definitions/examples/crm --out generated/crm")
    .action(async (dir: string, options: { out: string }) => {
      await installPlugins(await pluginsOfFolder(dir));
      const result = await loadDefinition(dir);
      if (!result.valid || !result.definition) {
        for (const finding of result.findings.filter((f) => f.severity === "error"))
          console.error(formatFinding(finding));
        throw new UserError(`${dir} is not a valid definition; fix the errors above first`);
      }
      const files = await generateAppTypes(result.definition, defaultCatalog());
      await mkdir(options.out, { recursive: true });
      for (const [name, source] of Object.entries(files)) await writeFile(join(options.out, name), source);
      console.error(
        `wrote ${Object.keys(files)
          .map((name) => join(options.out, name))
          .join(", ")}`,
      );
    });
}
