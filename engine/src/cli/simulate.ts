import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { formatFinding, loadDefinition } from "../definitions/index.ts";
import { formatSimulation, simulate } from "../process/simulate.ts";
import { installPlugins, pluginsOfFolder } from "../plugins/install.ts";
import { simulatedSteps } from "../plugins/simulate.ts";
import { UserError } from "./user-error.ts";

async function readScript(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * `temper simulate <dir> --process <name> --script <file>`: runs a process on
 * a script of events, approvals and time jumps without a database, printing
 * what happens; exit 1 when an expectation of the script does not hold.
 */
export function simulateCommand(): Command {
  return new Command("simulate")
    .description("run a process of a definition on a script of events, approvals and time jumps, without a database")
    .argument("<dir>", "the definition folder (the one holding app.json)")
    .requiredOption("--process <name>", "the process to run")
    .requiredOption("--script <file>", "the simulation script (JSON, see docs/simulation.md)")
    .option("--locale <locale>", "render messages in this locale (default: the script's, else the app's first)")
    .option("--json", "print the result (entries, state, record) as JSON")
    .addHelpText(
      "after",
      "\nExit status: 0 when every expectation of the script holds, 1 when one does not, the script is invalid or a step fails." +
        "\nExample: pnpm temper simulate definitions/examples/crm --process complaint_escalation --script definitions/examples/crm/simulations/complaint_escalation.json",
    )
    .action(async (dir: string, options: { process: string; script: string; locale?: string; json?: boolean }) => {
      const plugins = await installPlugins(await pluginsOfFolder(dir));
      const loaded = await loadDefinition(dir);
      if (!loaded.valid || !loaded.definition) {
        const errors = loaded.findings.filter((f) => f.severity === "error");
        const first = errors[0] ? formatFinding(errors[0]) : "it does not load";
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run temper validate ${dir})` : "";
        throw new UserError(`${dir} is not a valid definition: ${first}${more}`);
      }
      const processes = [...loaded.definition.processes.keys()];
      if (!processes.includes(options.process))
        throw new UserError(`${dir} has no process "${options.process}"; its processes: ${processes.join(", ")}`);
      const script = await readScript(options.script);
      const result = await simulate(loaded.definition, options.process, script, {
        ...(options.locale ? { locale: options.locale } : {}),
        steps: simulatedSteps(plugins, loaded.definition),
      });
      if (result.problems.length > 0) throw new UserError(`${options.script}: ${result.problems.join("; ")}`);
      if (options.json) console.log(JSON.stringify(result, null, 2));
      else console.log(formatSimulation(result).join("\n"));
      process.exitCode = result.passed ? 0 : 1;
    });
}
