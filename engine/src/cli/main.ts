#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { validateCommand } from "./validate.ts";
import { typesCommand } from "./types.ts";
import { UserError } from "./user-error.ts";

const program = new Command()
  .name("temper")
  .description("Temper: model, validate and run a client's CRM definition")
  .showHelpAfterError("(add --help for usage)")
  .exitOverride();

program.addCommand(validateCommand());
program.addCommand(typesCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof UserError) {
    console.error(`temper: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
