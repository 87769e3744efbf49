import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { type Visit, useDemo } from "./harness/demo.ts";
import { demoName, signIn } from "./harness/sign-in.ts";

const demo = useDemo();

/** Types into a reference box and picks the record offered under that title. */
async function pick(visit: Visit, field: string, title: string): Promise<void> {
  const box = visit.page.getByRole("combobox", { name: field });
  await box.fill(title);
  await visit.page.getByRole("option", { name: title }).first().click();
}

/** Opens the quote's task in the inbox, approves it and answers the notice the inbox shows. */
async function approveFromInbox(visit: Visit, number: string, level: string): Promise<string> {
  const { page } = visit;
  const tasks = page.getByRole("navigation", { name: "Waiting on you" });
  const task = tasks.getByRole("link").filter({ hasText: number });
  expect(await task.innerText()).toContain(`Quote · ${level}`);
  expect(await task.innerText()).toContain(`Submitted by ${demoName("rep")}`);
  await Promise.all([page.waitForURL((url) => url.searchParams.has("task")), task.click()]);
  const details = await page.locator("main").innerText();
  expect(details).toContain("25");
  await visit.shot(`the ${level.toLowerCase()} opens the quote's task`, { fullPage: true });
  await page.getByRole("radio", { name: "Approve" }).check();
  await page.getByLabel("Comment (optional)").fill(`Approved at ${level.toLowerCase()} level for the framework deal.`);
  await page.getByRole("region", { name: "Your decision" }).getByRole("button", { name: "Approve" }).click();
  const notice = page.getByRole("status").filter({ hasText: `You approved ${number}.` });
  await notice.waitFor();
  await visit.shot(`approved by the ${level.toLowerCase()}`);
  return notice.innerText();
}

describe("a quote with a 25% discount goes through two approvals", () => {
  it("the rep submits it, his manager then the sales director approve it from their inboxes, and the rep sees it approved", async () => {
    const rep = await apiAs(demo.url, "rep");
    const { records } = (await rep.get("/records/customer?limit=1")) as { records: Array<{ name: string }> };
    const customer = records[0]!.name;
    const n = randomInt(1000, 9999);
    const deal = `Press line retrofit ${n}`;
    const number = `Q-E2E-${n}`;

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", "/opportunity/new");
    await page.getByLabel("Opportunity name").fill(deal);
    await pick(visit, "Customer", customer);
    await page.getByLabel("Amount").fill("960000");
    await page.getByLabel("Expected close date").fill("2027-03-31");
    await visit.shot("the new opportunity", { fullPage: true });
    await Promise.all([
      page.waitForURL((url) => /^\/opportunity\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole("button", { name: "Create Opportunity" }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe(deal);

    // The opportunity's related quotes offer a new quote with the opportunity filled in.
    await Promise.all([
      page.waitForURL("**/quote/new?**"),
      page.locator("main").getByRole("link", { name: "New Quote", exact: true }).click(),
    ]);
    expect(await page.getByRole("combobox", { name: "Opportunity" }).inputValue()).toBe(deal);
    await page.getByLabel("Quote number").fill(number);
    await page.getByLabel("Subject").fill(`Retrofit of the 800 t press line (${n})`);
    const customerBox = page.getByRole("combobox", { name: "Customer" });
    if ((await customerBox.inputValue()) !== customer) await pick(visit, "Customer", customer);
    await page.getByLabel("Subtotal").fill("960000");
    await page.getByLabel("Discount").fill("25");
    await visit.shot("the new quote with a 25% discount", { fullPage: true });
    await Promise.all([
      page.waitForURL((url) => /^\/quote\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole("button", { name: "Create Quote" }).click(),
    ]);
    const quotePath = new URL(page.url()).pathname;
    const bar = page.getByRole("region", { name: "Quote approval" });
    expect(await bar.innerText()).toContain("Draft");
    expect(await page.locator("main").innerText()).toContain("720,000");

    await bar.getByRole("button", { name: "Submit" }).click();
    await bar.getByText("Pending approval", { exact: true }).waitFor();
    expect(await bar.innerText()).toContain(demoName("manager"));
    await visit.shot("submitted, waiting for the manager");

    const managerVisit = await demo.visit();
    await signIn(managerVisit, "manager", "/inbox");
    const first = await approveFromInbox(managerVisit, number, "Sales manager");
    expect(first).toContain("It is now: Pending approval.");

    await page.reload();
    expect(await bar.innerText()).toContain("Pending approval");
    expect(await bar.innerText()).toContain(demoName("director"));
    await visit.shot("waiting for the director");

    const directorVisit = await demo.visit();
    await signIn(directorVisit, "director", "/inbox");
    const second = await approveFromInbox(directorVisit, number, "Sales director");
    expect(second).toContain("It is now: Approved.");

    await page.goto(quotePath);
    expect(await bar.innerText()).toContain("Approved");
    expect(await bar.getByRole("button", { name: "Send to customer" }).isEnabled()).toBe(true);
    const timeline = await page.locator("main").innerText();
    expect(timeline).toContain(demoName("manager"));
    expect(timeline).toContain(demoName("director"));
    expect(timeline).toContain("Approved at sales director level for the framework deal.");
    await visit.shot("the rep sees the quote approved", { fullPage: true });

    // Notifications are delivered from the outbox, just after the approval's transaction: the page may come first.
    await page.goto("/notifications");
    const approved = `Quote ${number} is approved and can be sent to the customer.`;
    await expect
      .poll(
        async () => {
          if ((await page.locator("main").innerText()).includes(approved)) return true;
          await page.reload();
          return false;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await visit.shot("the rep's notification");
  });
});
