import { Command } from "commander";
import { placeUser } from "../org/people.ts";
import { handOver } from "../users/handover.ts";
import { withStorage, withWorkspace } from "./context.ts";
import { UserError } from "./user-error.ts";

interface PlaceOptions {
  workspace: string;
  unit?: string;
  manager?: string;
  role: string[];
}

/** `temper user place <username>`: a user's unit, manager and roles. */
export function placeCommand(): Command {
  return new Command("place")
    .description("place a user in the org: their unit, their manager, their roles (the whole list)")
    .argument("<username>", "the user to place")
    .requiredOption("--workspace <id>", "the workspace")
    .option("--unit <code>", "the org unit they work in")
    .option("--manager <username>", "whom they report to")
    .option(
      "--role <role>",
      "a role of the published definition; repeat for several (replaces the roles held)",
      (r: string, all: string[]) => [...all, r],
      [],
    )
    .addHelpText(
      "after",
      "\nExample: pnpm temper user place li.wei --workspace acme --unit east_sales --manager min.jun --role sales_rep",
    )
    .action(async (username: string, options: PlaceOptions) => {
      const change = {
        ...(options.unit ? { unit: options.unit } : {}),
        ...(options.manager ? { manager: options.manager } : {}),
        ...(options.role.length > 0 ? { roles: options.role } : {}),
      };
      const said = Object.entries(change).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(", ") : v}`);
      if (said.length === 0) throw new UserError("nothing to change: give --unit, --manager and/or --role");
      await withStorage((storage) => placeUser(storage, options.workspace, username, change));
      console.log(`placed ${username}: ${said.join("; ")}`);
    });
}

/** `temper user handover <from> --to <to>`: a leaving user's records pass to a successor. */
export function handoverCommand(): Command {
  return new Command("handover")
    .description(
      "hand every record a leaving user owns over to a successor, in one transaction; the leaving user is deactivated and their tokens revoked",
    )
    .argument("<from>", "the leaving user")
    .requiredOption("--to <username>", "the successor (an active user)")
    .requiredOption("--workspace <id>", "the workspace")
    .addHelpText("after", "\nExample: pnpm temper user handover li.wei --to wang.fang --workspace acme")
    .action(async (from: string, options: { to: string; workspace: string }) => {
      const outcome = await withWorkspace(options.workspace, ({ storage, context, system }) =>
        handOver(storage, context, { from, to: options.to, actorId: system.id }),
      );
      const counts = Object.entries(outcome.records)
        .filter(([, n]) => n > 0)
        .map(([entity, n]) => `${entity} ${n}`);
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
      console.log(
        `handed ${plural(outcome.total, "record")} of ${outcome.from} over to ${outcome.to}${counts.length > 0 ? `: ${counts.join(", ")}` : ""}`,
      );
      console.log(`${outcome.from} is deactivated; ${plural(outcome.tokensRevoked, "token")} revoked`);
    });
}
