import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { demoName, signIn } from "./harness/sign-in.ts";
import { scrollTableToEnd, tableRows } from "./harness/table.ts";

const demo = useDemo();

describe("a sales rep and the customers of others", () => {
  it("the rep signs in and his lists show his own customers only, where his manager sees his team's", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep");
    await visit.shot("home");

    await page.locator("nav").getByRole("link", { name: "Customers", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/customer");
    const mine = await tableRows(page);
    await visit.shot("my customers");
    expect(mine.length).toBeGreaterThan(0);

    await page.getByRole("link", { name: "All customers" }).click();
    await page.waitForURL((url) => url.searchParams.get("view") === "all_customers");
    const all = await tableRows(page);
    await scrollTableToEnd(page);
    await visit.shot("all customers, to the owner column");
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((row) => row.Owner))).toEqual(new Set([demoName("rep")]));

    const managerVisit = await demo.visit();
    await signIn(managerVisit, "manager", "/customer?view=all_customers");
    const team = await tableRows(managerVisit.page);
    await scrollTableToEnd(managerVisit.page);
    await managerVisit.shot("the manager's all customers, to the owner column");
    const owners = new Set(team.map((row) => row.Owner));
    expect(owners).toContain(demoName("rep"));
    expect(owners.size).toBeGreaterThan(1);

    // The view he chose is the one the list opens on next time.
    await managerVisit.page.goto("/");
    await managerVisit.page.locator("nav").getByRole("link", { name: "Customers", exact: true }).click();
    await managerVisit.page.waitForURL((url) => url.pathname === "/customer");
    const current = managerVisit.page.getByRole("navigation", { name: "Lists" }).locator('a[aria-current="page"]');
    await expect.poll(() => current.innerText()).toBe("All customers");
    expect((await tableRows(managerVisit.page)).length).toBe(team.length);
    await managerVisit.shot("customers again: the view he chose");
  });

  it("a rep who types the address of a colleague's customer gets a not-found page that shows nothing of it", async () => {
    const manager = await apiAs(demo.url, "manager");
    const rep = await apiAs(demo.url, "rep");
    const repId = (await rep.get("/me")).id as string;
    const { records } = (await manager.get("/records/customer?limit=100")) as {
      records: Array<Record<string, string>>;
    };
    const colleagues = records.find((r) => r.owner !== repId && r.name && r.customer_no && r.phone)!;
    const own = records.find((r) => r.owner === repId)!;
    expect(colleagues, "the manager sees a customer of another rep").toBeDefined();
    expect(own, "the manager sees a customer of the rep").toBeDefined();

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep");
    const ownPage = await page.goto(`/customer/${own.id}`);
    expect(ownPage?.status()).toBe(200);
    expect(await page.locator("main").innerText()).toContain(own.name);
    await visit.shot("his own customer");

    const response = await page.goto(`/customer/${colleagues.id}`);
    await visit.shot("a colleague's customer");
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").innerText()).toBe("This page does not exist.");
    const shown = await page.locator("body").innerText();
    const title = await page.title();
    for (const value of [
      colleagues.name,
      colleagues.customer_no,
      colleagues.phone,
      colleagues.email,
      colleagues.address,
    ])
      if (value) {
        expect(shown).not.toContain(value);
        expect(title).not.toContain(value);
      }
  });
});
