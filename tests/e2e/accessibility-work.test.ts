import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { axeViolations, describeSerious } from "./harness/axe.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

describe("accessibility (axe-core) of the pages people work in", () => {
  it("a record page, a form, the inbox, a board and a dashboard have no serious or critical violations", async () => {
    const rep = await apiAs(demo.url, "rep");
    const { records } = (await rep.get("/records/opportunity?limit=1")) as { records: Array<{ id: string }> };
    const opportunity = records[0]!.id;

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", `/opportunity/${opportunity}`);
    await page.getByRole("region", { name: "Opportunity pipeline" }).waitFor();
    await visit.shot("an opportunity's page", { fullPage: true });
    expect(describeSerious(await axeViolations(page)), "the record page").toBe("");

    await page.goto(`/opportunity/${opportunity}/edit`);
    await page.locator("main form").waitFor();
    await visit.shot("the opportunity's form", { fullPage: true });
    expect(describeSerious(await axeViolations(page)), "the form").toBe("");

    await page.goto("/boards");
    const board = page.locator("main").getByRole("link").first();
    await Promise.all([page.waitForURL("**/boards/**"), board.click()]);
    await page.locator("main").getByRole("heading").first().waitFor();
    await visit.shot("a board", { fullPage: true });
    expect(describeSerious(await axeViolations(page)), `the board ${new URL(page.url()).pathname}`).toBe("");

    await page.goto("/dashboards");
    const dashboard = page.locator("main").getByRole("link").first();
    await Promise.all([page.waitForURL("**/dashboards/**"), dashboard.click()]);
    await page.locator("main svg").first().waitFor();
    await visit.shot("a dashboard", { fullPage: true });
    expect(describeSerious(await axeViolations(page)), `the dashboard ${new URL(page.url()).pathname}`).toBe("");

    const managerVisit = await demo.visit();
    await signIn(managerVisit, "manager", "/inbox");
    const task = managerVisit.page.getByRole("navigation", { name: "Waiting on you" }).getByRole("link").first();
    await Promise.all([managerVisit.page.waitForURL((url) => url.searchParams.has("task")), task.click()]);
    await managerVisit.page.getByRole("region", { name: "Your decision" }).waitFor();
    await managerVisit.shot("the inbox with a task open", { fullPage: true });
    expect(describeSerious(await axeViolations(managerVisit.page)), "the inbox").toBe("");
  });
});
