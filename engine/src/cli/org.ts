import { Command } from "commander";
import { orgChart, type UnitNode } from "../org/tree.ts";
import { createUnit, moveUnit, orgUnitKinds, type OrgUnitKind } from "../org/units.ts";
import { withStorage } from "./context.ts";
import { UserError } from "./user-error.ts";

/**
 * The org chart as lines of text, indented by depth.
 *
 * @example
 * formatOrgChart(units); // ["company  Acme (company, 2 people)", "  east  East (region)", …]
 */
export function formatOrgChart(units: UnitNode[]): string[] {
  return units.map((u) => {
    const people = u.people > 0 ? `, ${u.people} ${u.people === 1 ? "person" : "people"}` : "";
    return `${"  ".repeat(u.depth)}${u.code}  ${u.name} (${u.kind}${people})`;
  });
}

function unitCommand(): Command {
  return new Command("unit")
    .description("add and move org units")
    .addCommand(
      new Command("add")
        .description("add an org unit, at the top or under a parent")
        .argument("<code>", "the unit's code, lower snake_case (definitions may name it)")
        .requiredOption("--workspace <id>", "the workspace")
        .requiredOption("--name <name>", "the name people see")
        .option("--kind <kind>", `one of ${orgUnitKinds.join(", ")}`, "team")
        .option("--parent <code>", "the unit it belongs to")
        .addHelpText(
          "after",
          "\nExample: pnpm temper org unit add east_sales --workspace acme --name 'East sales' --parent east",
        )
        .action(async (code: string, options: { workspace: string; name: string; kind: string; parent?: string }) => {
          const unit = await withStorage((storage) =>
            createUnit(storage, options.workspace, {
              code,
              name: options.name,
              kind: options.kind as OrgUnitKind,
              parent: options.parent ?? null,
            }),
          );
          console.log(
            `added ${unit.code} (${unit.kind})${options.parent ? ` under ${options.parent}` : " at the top"}`,
          );
        }),
    )
    .addCommand(
      new Command("move")
        .description("move a unit, with everything below it, under another parent; every check sees it at once")
        .argument("<code>", "the unit to move")
        .requiredOption("--workspace <id>", "the workspace")
        .option("--parent <code>", "the new parent")
        .option("--root", "move it to the top")
        .addHelpText("after", "\nExample: pnpm temper org unit move east_sales --workspace acme --parent asia")
        .action(async (code: string, options: { workspace: string; parent?: string; root?: boolean }) => {
          if (!options.parent === !options.root) throw new UserError("give either --parent <code> or --root");
          await withStorage((storage) => moveUnit(storage, options.workspace, code, options.parent ?? null));
          console.log(`moved ${code} ${options.parent ? `under ${options.parent}` : "to the top"}`);
        }),
    );
}

/** `temper org unit add|move` and `temper org list`: a workspace's org units. */
export function orgCommand(): Command {
  return new Command("org")
    .description("manage the org units of a workspace")
    .addCommand(unitCommand())
    .addCommand(
      new Command("list")
        .description("print the org units as a tree, with how many people each holds")
        .requiredOption("--workspace <id>", "the workspace")
        .addHelpText("after", "\nExample: pnpm temper org list --workspace acme")
        .action(async (options: { workspace: string }) => {
          const units = await withStorage((storage) => orgChart(storage, options.workspace));
          if (units.length === 0) console.log(`no org units in ${options.workspace} yet`);
          for (const line of formatOrgChart(units)) console.log(line);
        }),
    );
}
