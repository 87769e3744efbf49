#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { validateCommand } from "./validate.ts";
import { typesCommand } from "./types.ts";
import { dbCommand } from "./db.ts";
import { exportCommand, importCommand } from "./import-export.ts";
import { orgCommand } from "./org.ts";
import { publishCommand } from "./publish.ts";
import { seedCommand } from "./seed.ts";
import { serveCommand } from "./serve.ts";
import { startCommand } from "./start.ts";
import { userCommand } from "./user.ts";
import { workspaceCommand } from "./workspace.ts";
import { workerCommand } from "./worker.ts";
import { EngineError } from "../errors.ts";
import { EmbeddedServerError } from "../storage/embedded/index.ts";
import { formatFinding, type Finding } from "../definitions/index.ts";
import { UserError } from "./user-error.ts";
import { simulateCommand } from "./simulate.ts";
import { pluginCommand } from "./plugin.ts";
import { migrateInstancesCommand } from "./migrate-instances.ts";
import { decideCommand, eventsCommand, fireCommand, processCommand, tasksCommand } from "./process.ts";

const program = new Command()
  .name("temper")
  .description("Temper: model, validate and run a client's CRM definition")
  .showHelpAfterError("(add --help for usage)")
  .exitOverride();

program.addCommand(validateCommand());
program.addCommand(typesCommand());
program.addCommand(simulateCommand());
program.addCommand(dbCommand());
program.addCommand(workspaceCommand());
program.addCommand(publishCommand());
program.addCommand(userCommand());
program.addCommand(orgCommand());
program.addCommand(seedCommand());
program.addCommand(serveCommand());
program.addCommand(startCommand());
program.addCommand(workerCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(eventsCommand());
program.addCommand(fireCommand());
program.addCommand(processCommand());
program.addCommand(tasksCommand());
program.addCommand(decideCommand());
program.addCommand(migrateInstancesCommand());
program.addCommand(pluginCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UserError || error instanceof EmbeddedServerError) {
    console.error(`temper: ${error.message}`);
    process.exitCode = 1;
  } else if (error instanceof EngineError && error.code !== "internal") {
    for (const finding of (error.details.findings as Finding[] | undefined) ?? [])
      console.error(formatFinding(finding));
    for (const problem of (error.details.problems as Array<{ field: string; message: string }> | undefined) ?? []) {
      console.error(`${problem.field}: ${problem.message}`);
    }
    console.error(`temper: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}

// End explicitly, once output is flushed: no stray handle (a database
// connection, a timer) can keep the CLI alive or lose its exit code. Commands
// that serve (temper serve) must therefore resolve only when they are done.
await new Promise<void>((flushed) => process.stdout.write("", () => process.stderr.write("", () => flushed())));
process.exit(process.exitCode ?? 0);
