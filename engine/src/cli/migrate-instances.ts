import { readFile } from "node:fs/promises";
import { Command } from "commander";
import {
  type InstanceMove,
  type MigrationProblem,
  migrateInstances,
  type StateMap,
  stateMapOf,
} from "../runtime/migrate.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";

interface MigrateOptions {
  workspace: string;
  process: string;
  to: string;
  map?: string;
  dryRun?: boolean;
}

async function readMap(file: string | undefined): Promise<StateMap> {
  if (!file) return { states: {} };
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UserError(`cannot read ${file}: no such file`);
  }
  try {
    return stateMapOf(JSON.parse(text));
  } catch (error) {
    throw new UserError(
      `${file}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message}`,
    );
  }
}

function moveLine(entity: string, move: InstanceMove): string {
  const notes = [
    move.status === "done" ? "done" : undefined,
    move.approval === "keep" ? "approval carried over" : move.approval === "cancel" ? "approval cancelled" : undefined,
    ...move.timers.map((t) => `${t.after} timer due ${t.dueAt.toISOString()}`),
  ].filter(Boolean);
  const state = move.fromState === move.toState ? move.toState : `${move.fromState} -> ${move.toState}`;
  return `  ${entity} ${move.recordId} (${move.fromVersion}): ${state}${notes.length > 0 ? `; ${notes.join("; ")}` : ""}`;
}

function problemLine(entity: string, problem: MigrationProblem): string {
  if (!problem.recordId) return problem.reason;
  return `${entity} ${problem.recordId} in "${problem.state}": ${problem.reason}`;
}

async function run(options: MigrateOptions): Promise<void> {
  const map = await readMap(options.map);
  const outcome = await withStorage((storage) =>
    migrateInstances(storage, {
      workspaceId: options.workspace,
      process: options.process,
      toVersion: options.to,
      map,
      dryRun: options.dryRun === true,
    }),
  );
  const entity = outcome.entity ?? "record";
  const count = (n: number) => `${n} instance${n === 1 ? "" : "s"}`;
  if (outcome.status === "refused") {
    for (const problem of outcome.problems) console.error(problemLine(entity, problem));
    const blocked = new Set(outcome.problems.map((p) => p.instanceId).filter(Boolean)).size;
    throw new UserError(
      `${blocked > 0 ? `${count(blocked)} of ${outcome.process} cannot move to ${outcome.toVersion}` : `the migration to ${outcome.toVersion} cannot run`}; nothing was migrated`,
    );
  }
  const verb = outcome.status === "dry_run" ? "would migrate" : "migrated";
  const there = outcome.alreadyThere > 0 ? ` (${count(outcome.alreadyThere)} already on it)` : "";
  console.log(`${verb} ${count(outcome.moves.length)} of ${outcome.process} to ${outcome.toVersion}${there}`);
  for (const move of outcome.moves) console.log(moveLine(entity, move));
  if (outcome.status === "dry_run") console.log("dry run: nothing was changed");
}

/** `temper migrate-instances`: moves a process's instances onto a published version. */
export function migrateInstancesCommand(): Command {
  return new Command("migrate-instances")
    .description(
      "move the instances of a process onto a published version of the definition (instances stay on the version they started on until moved); all of them in one transaction, or none when any cannot be mapped",
    )
    .requiredOption("--workspace <id>", "the workspace")
    .requiredOption("--process <name>", "the process whose instances move")
    .requiredOption("--to <version>", "a published version of the workspace (1.1.0)")
    .option(
      "--map <file>",
      'a JSON file {"states": {"<old state>": "<new state>"}}; a state not in it keeps its name (no file: every state does)',
    )
    .option("--dry-run", "print what would change, change nothing")
    .addHelpText(
      "after",
      "\nTimers of the new state count from when the instance entered its state; reminders stay; an open approval is carried over to an approval state, else cancelled.\n\nExample: pnpm temper migrate-instances --workspace acme --process complaint_escalation --to 1.1.0 --map states.json --dry-run",
    )
    .action(run);
}
