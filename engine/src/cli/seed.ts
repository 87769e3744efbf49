import { Command } from "commander";
import { localDate } from "../seed/calendar.ts";
import { demoCompany, demoLoginLines, demoPassword } from "../seed/org-chart.ts";
import { type DemoSeedOptions, type DemoSeedReport, seedDemo } from "../seed/seed-demo.ts";
import { seedableWorkspaceOrThrow } from "../seed/seedable.ts";
import { describeCounts } from "../seed/summary.ts";
import type { Storage } from "../storage/platform/database.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";

/**
 * What a demo seed made, as lines to print: the time it took, the records,
 * the story's span and what happened in it.
 *
 * @example
 * describeSeed(report); // ["seeded in 38.4 s: 296 customers, 509 contacts, …", "…"]
 */
export function describeSeed(report: DemoSeedReport): string[] {
  const { outcome } = report;
  const skipped = Object.values(outcome.skipped).reduce((a, b) => a + b, 0);
  return [
    `seeded in ${(report.ms / 1000).toFixed(1)} s: ${describeCounts(report.records)}`,
    `the story runs from ${localDate(report.start)} to ${localDate(report.end)} (Asia/Shanghai): ${outcome.actions} pieces of work, ${outcome.timersFired} timers fired, ${outcome.delivered} notifications${skipped > 0 ? `, ${skipped} steps overtaken by a timer` : ""}`,
  ];
}

/**
 * Seeds the demo company into a workspace, printing what it does.
 *
 * @example
 * await seedDemoLoudly(storage, "demo", {}, console.log);
 */
export async function seedDemoLoudly(
  storage: Storage,
  workspaceId: string,
  options: DemoSeedOptions,
  log: (line: string) => void,
): Promise<DemoSeedReport> {
  await seedableWorkspaceOrThrow(storage, workspaceId);
  log(
    `Seeding "${workspaceId}" with ${demoCompany}: its org, and a few months of sales and service told through the processes…`,
  );
  const report = await seedDemo(storage, workspaceId, options);
  for (const line of describeSeed(report)) log(line);
  return report;
}

function positive(name: string, value: string | undefined, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || (integer && !Number.isInteger(n)))
    throw new UserError(`--${name} takes a positive ${integer ? "whole " : ""}number, not "${value}"`);
  return n;
}

/** `temper seed --workspace <id> --demo`: the demo company and its data, in a fresh workspace running the reference CRM. */
export function seedCommand(): Command {
  return new Command("seed")
    .description(
      "fill a new workspace running the reference CRM with the demo company: its org and people, and a few months of data made by its processes",
    )
    .requiredOption("--workspace <id>", "the workspace: the reference CRM published, nothing else in it yet")
    .option("--demo", "seed the demo company (Huajing Precision Machinery); the only seed there is")
    .option("--days <n>", "how many days before today the story starts (default 90)")
    .option("--scale <x>", "how much happens, 1 being the full demo (0.2: a fifth, much faster)")
    .addHelpText(
      "after",
      `\nA workspace that has people, org units or records already is refused: the seed runs once, into a new workspace.\nEvery demo user's password is "${demoPassword}".\n\nExample:\n  pnpm temper workspace create sandbox\n  pnpm temper publish definitions/examples/crm --workspace sandbox\n  pnpm temper seed --workspace sandbox --demo`,
    )
    .action(async (options: { workspace: string; demo?: boolean; days?: string; scale?: string }) => {
      if (!options.demo) throw new UserError("say what to seed: --demo (the demo company and its data)");
      const days = positive("days", options.days, true);
      const scale = positive("scale", options.scale, false);
      await withStorage((storage) =>
        seedDemoLoudly(
          storage,
          options.workspace,
          { ...(days ? { days } : {}), ...(scale ? { scale } : {}) },
          console.log,
        ),
      );
      console.log(`Sign in to "${options.workspace}" with password ${demoPassword} as:`);
      for (const line of demoLoginLines()) console.log(`  ${line}`);
    });
}
