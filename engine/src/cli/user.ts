import { Command } from "commander";
import { text } from "node:stream/consumers";
import { and, eq } from "drizzle-orm";
import { EngineError } from "../errors.ts";
import { users } from "../storage/platform/schema.ts";
import { addUser, createApiToken } from "../users/service.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";

/** `temper user add <username> --workspace <id> --password-stdin [--role <role>...]`. */
export function userCommand(): Command {
  return new Command("user").description("manage the users of a workspace").addCommand(
    new Command("add")
      .description("add a user who signs in with a password (read from standard input, never from the command line)")
      .argument("<username>", "2 to 64 of a-z, 0-9, '.', '_' and '-'")
      .requiredOption("--workspace <id>", "the workspace")
      .option("--password-stdin", "read the password from standard input (required)")
      .option(
        "--role <role>",
        "a role of the published definition; repeat for several",
        (role: string, roles: string[]) => [...roles, role],
        [] as string[],
      )
      .option("--name <display name>", "the name people see")
      .option("--email <email>", "the user's email address")
      .addHelpText(
        "after",
        "\nExample: printf '%s' \"$PASSWORD\" | pnpm temper user add li.wei --workspace acme --password-stdin --role sales_rep",
      )
      .action(
        async (
          username: string,
          options: { workspace: string; passwordStdin?: boolean; role: string[]; name?: string; email?: string },
        ) => {
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
          console.log(
            `added ${user.username} to ${options.workspace}${user.roles.length ? ` with ${user.roles.join(", ")}` : ""}`,
          );
        },
      ),
  );
}
