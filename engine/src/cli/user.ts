import { text } from "node:stream/consumers";
import { Command } from "commander";
import { and, eq } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import { users } from "../storage/platform/schema.ts";
import { addUser, createApiToken } from "../users/service.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";
import { handoverCommand, placeCommand } from "./user-org.ts";

interface AddOptions {
  workspace: string;
  passwordStdin?: boolean;
  role: string[];
  name?: string;
  email?: string;
}

async function add(username: string, options: AddOptions): Promise<void> {
  if (!options.passwordStdin) throw new UserError("give the password on standard input with --password-stdin");
  const password = (await text(process.stdin)).replace(/\r?\n$/, "");
  const user = await withStorage((storage) =>
    addUser(storage, {
      workspaceId: options.workspace,
      username,
      password,
      roles: options.role,
      ...(options.name ? { displayName: options.name } : {}),
      ...(options.email ? { email: options.email } : {}),
    }),
  );
  const roles = user.roles.length > 0 ? ` with ${user.roles.join(", ")}` : "";
  console.log(`added ${user.username} to ${options.workspace}${roles}`);
}

async function token(username: string, options: { workspace: string; name: string }): Promise<void> {
  const created = await withStorage(async (storage) => {
    const [user] = await storage.db
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(and(eq(users.workspaceId, options.workspace), eq(users.username, username)));
    if (!user?.active) throw new EngineError("not_found", `no active user "${username}" in "${options.workspace}"`);
    return createApiToken(storage, user.id, options.name);
  });
  console.log(created);
}

/** `temper user add|token|place|handover`: the users of a workspace, their API tokens, their place in the org. */
export function userCommand(): Command {
  return new Command("user")
    .description("manage the users of a workspace")
    .addCommand(
      new Command("add")
        .description("add a user who signs in with a password (read from standard input, never from the command line)")
        .argument("<username>", "2 to 64 of a-z, 0-9, '.', '_' and '-'")
        .requiredOption("--workspace <id>", "the workspace")
        .option("--password-stdin", "read the password from standard input (required)")
        .option(
          "--role <role>",
          "a role of the published definition; repeat for several",
          (r: string, all: string[]) => [...all, r],
          [],
        )
        .option("--name <display name>", "the name people see")
        .option("--email <email>", "the user's email address")
        .addHelpText(
          "after",
          "\nExample: printf '%s' \"$PASSWORD\" | pnpm temper user add li.wei --workspace acme --password-stdin --role sales_rep",
        )
        .action(add),
    )
    .addCommand(
      new Command("token")
        .description("create a named API token for a user (printed once; only its hash is kept)")
        .argument("<username>", "the user the token acts as")
        .requiredOption("--workspace <id>", "the workspace")
        .requiredOption("--name <name>", "what the token is for (erp-sync)")
        .addHelpText("after", "\nExample: pnpm temper user token li.wei --workspace acme --name erp-sync")
        .action(token),
    )
    .addCommand(placeCommand())
    .addCommand(handoverCommand());
}
