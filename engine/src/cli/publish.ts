import { userInfo } from "node:os";
import { Command } from "commander";
import { readDefinitionFolder } from "../definitions/index.ts";
import { describeAction } from "../storage/entity-tables/sql.ts";
import { installPlugins, pluginsInUse, pluginsOfFolder } from "../plugins/install.ts";
import { publishDefinition } from "../storage/publish.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";

/** `temper publish <dir> --workspace <id> [--dry-run] [--allow-destructive]`. */
export function publishCommand(): Command {
  return new Command("publish")
    .description("validate a definition, show its migration plan and apply it to a workspace in one transaction")
    .argument("<dir>", "the definition folder (the one holding app.json)")
    .requiredOption("--workspace <id>", "the workspace to publish into")
    .option("--dry-run", "plan and check everything against the database, then roll back")
    .option("--allow-destructive", "apply actions that can lose data (dropped fields or entities, narrowed types)")
    .option("--sql", "also print the SQL statements of the plan")
    .addHelpText(
      "after",
      "\nPublishing the same content again changes nothing. A destructive plan is refused, and shown, unless --allow-destructive.\nExample: pnpm temper publish definitions/examples/crm --workspace acme --dry-run",
    )
    .action(
      async (
        dir: string,
        options: { workspace: string; dryRun?: boolean; allowDestructive?: boolean; sql?: boolean },
      ) => {
        const { texts, findings } = await readDefinitionFolder(dir);
        if (findings.length > 0) throw new UserError(findings[0]!.message + ` (${dir})`);
        const outcome = await withStorage(async (storage) => {
          await installPlugins([...(await pluginsInUse(storage)), ...(await pluginsOfFolder(dir))]);
          return publishDefinition(storage, {
            workspaceId: options.workspace,
            texts,
            publishedBy: `cli:${userInfo().username}`,
            dryRun: options.dryRun ?? false,
            allowDestructive: options.allowDestructive ?? false,
          });
        });
        if (outcome.status === "unchanged") {
          console.log(`${options.workspace} already runs this content (version ${outcome.version}); nothing to do`);
          return;
        }
        console.log(
          `plan ${outcome.previousVersion ?? "(empty)"} → ${outcome.version}: ${outcome.plan.length} action${outcome.plan.length === 1 ? "" : "s"}`,
        );
        for (const action of outcome.plan) console.log(`  ${action.destructive ? "!" : "+"} ${describeAction(action)}`);
        if (options.sql) for (const statement of outcome.statements) console.log(`${statement};`);
        console.log(
          outcome.status === "dry_run"
            ? "dry run: nothing was changed"
            : `published ${outcome.version} to ${options.workspace}`,
        );
      },
    );
}
