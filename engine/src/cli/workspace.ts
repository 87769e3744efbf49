import { Command } from "commander";
import { createWorkspace } from "../storage/workspaces.ts";
import { withStorage } from "./context.ts";

/** `temper workspace create <id>`: a client's workspace, with its own schema for entity tables. */
export function workspaceCommand(): Command {
  return new Command("workspace").description("manage workspaces (one per client)").addCommand(
    new Command("create")
      .description("create a workspace: its own PostgreSQL schema for entity tables, and its system user")
      .argument("<id>", "the workspace id, lower snake_case (acme, acme_sandbox)")
      .addHelpText("after", "\nExample: pnpm temper workspace create acme")
      .action(async (id: string) => {
        const workspace = await withStorage((storage) => createWorkspace(storage, id));
        console.log(`created workspace ${workspace.id} (schema ${workspace.schemaName})`);
      }),
  );
}
