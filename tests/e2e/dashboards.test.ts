import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

/** The opportunity pipeline's states in the process's order, as the funnel names them. */
const stages: Array<[string, string]> = [
  ["prospecting", "Prospecting"],
  ["qualification", "Qualification"],
  ["needs_analysis", "Needs analysis"],
  ["proposal", "Proposal"],
  ["negotiation", "Negotiation"],
  ["won", "Won"],
  ["lost", "Lost"],
];

/** What a user's Sales dashboard should say over all time, counted by the API with their own token. */
async function expectedFor(username: string) {
  const api = await apiAs(demo.url, username);
  const perStage = (await api.get("/records/opportunity/stats?group=stage")) as {
    rows: Array<{ stage: string; count: number }>;
  };
  const counts = new Map(perStage.rows.map((row) => [row.stage, row.count]));
  const open = (await api.get("/records/opportunity/stats?stage.not_in=won,lost&sum=amount")) as {
    rows: Array<{ sum_amount: number | string | null }>;
  };
  const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat("en", { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  return {
    total: perStage.rows.reduce((sum, row) => sum + row.count, 0),
    rows: stages.map(([state, label]) => `${label}\t${whole.format(counts.get(state) ?? 0)}`),
    openPipeline: money.format(Number(open.rows[0]?.sum_amount ?? 0)),
  };
}

/**
 * Opens the Sales dashboard over all time as a user and reads what it shows:
 * the funnel's counts from its table ("Show as table") and the open pipeline.
 */
async function dashboardOf(username: string, expected: Awaited<ReturnType<typeof expectedFor>>) {
  const visit = await demo.visit();
  const { page } = visit;
  await signIn(visit, username, "/dashboards/sales");
  // Choosing a period applies it at once once the page's scripts run: wait for them.
  await page.waitForLoadState("networkidle");
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("period") === "all"),
    page.getByLabel("Period").selectOption("all"),
  ]);
  const funnel = page.getByRole("region", { name: "Opportunities per stage" });
  await funnel.getByRole("button", { name: "Show as table" }).click();
  const table = funnel.getByRole("table");
  await table.waitFor();
  const rows = await table.locator("tbody tr").allInnerTexts();
  const openPipeline = page.getByRole("region", { name: "Open pipeline" });
  await openPipeline.getByText(expected.openPipeline, { exact: true }).waitFor();
  await funnel.scrollIntoViewIfNeeded();
  await visit.shot(`the ${username}'s sales dashboard, the funnel as a table`);
  return { rows, openPipeline: await openPipeline.innerText() };
}

describe("the sales dashboard by role", () => {
  it("counts the rep's own opportunities, the manager's team's and the whole company's for the executive", async () => {
    const seen = new Map<string, number>();
    for (const username of ["rep", "manager", "exec"]) {
      const expected = await expectedFor(username);
      const shown = await dashboardOf(username, expected);
      expect(shown.rows, `the funnel ${username} sees`).toEqual(expected.rows);
      expect(shown.openPipeline).toContain(expected.openPipeline);
      seen.set(username, expected.total);
    }
    // The same dashboard, three different pictures: each one's records are part of the next one's.
    expect(seen.get("rep")).toBeGreaterThan(0);
    expect(seen.get("rep")).toBeLessThan(seen.get("manager")!);
    expect(seen.get("manager")).toBeLessThan(seen.get("exec")!);
  });
});
