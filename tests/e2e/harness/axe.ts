/// <reference lib="dom" />
// Parts of this module run in the page (page.evaluate), with the DOM's types.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const axeScript = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** An accessibility problem axe-core found, in a line or so. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page as it is now (the script is injected, then run
 * on the whole document) and answers its violations.
 *
 * @example
 * const violations = await axeViolations(page);
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(await axeScript);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      resultTypes: ["violations"],
    }),
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/** The serious and critical violations, one per line with where they are, or "" when there are none. */
export function describeSerious(violations: Violation[]): string {
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 5).join(", ")})`)
    .join("\n");
}
