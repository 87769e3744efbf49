import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ApiClient, apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { demoName, signIn } from "./harness/sign-in.ts";

const demo = useDemo();

/** Creates an East China web lead as the manager and answers who the round robin gave it to. */
async function eastLeadGoesTo(manager: ApiClient): Promise<string> {
  const lead = (await manager.post("/records/lead", {
    name: `Website enquiry ${randomInt(1000, 9999)}`,
    company_name: "Enquiry from the website",
    contact_name: "Visitor",
    source: "website",
    region: "east",
  })) as { owner: string };
  return lead.owner;
}

/**
 * New East China leads go round robin to the East China reps. Lets web
 * leads come in until the rep's turn is next, so that the lead he creates
 * himself is his.
 */
async function makeTheRepNextInTurn(repId: string): Promise<void> {
  const manager = await apiAs(demo.url, "manager");
  let before: string | undefined;
  let owner = await eastLeadGoesTo(manager);
  for (let tries = 0; owner !== repId || before === undefined; tries++) {
    if (tries > 20) throw new Error("the East China round robin never reached the rep");
    before = owner;
    owner = await eastLeadGoesTo(manager);
  }
  // `before` is who comes just before the rep in the turn.
  while ((await eastLeadGoesTo(manager)) !== before);
}

describe("a rep works a lead to conversion", () => {
  it("the rep creates a lead, contacts it, qualifies it once it has a budget and converts it into a customer, a contact and an opportunity", async () => {
    const rep = await apiAs(demo.url, "rep");
    await makeTheRepNextInTurn((await rep.get("/me")).id as string);
    const n = randomInt(1000, 9999);
    const lead = {
      name: `Five-axis machining centres for Jiaxing ${n}`,
      company: `Jiaxing Precision Moulds ${n}`,
      contact: "Chen Jing",
      title: "Purchasing manager",
      email: `chen.jing.${n}@jiaxing-moulds.example.cn`,
    };

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", "/lead/new");
    await page.getByLabel("Lead name").fill(lead.name);
    await page.getByLabel("Source").selectOption("trade_show");
    await page.getByLabel("Sales region").selectOption("east");
    await page.getByLabel("Industry").selectOption("machinery");
    await page.getByLabel("Company").fill(lead.company);
    await page.getByLabel("Contact name").fill(lead.contact);
    await page.getByLabel("Job title").fill(lead.title);
    await page.getByLabel("Email").fill(lead.email);
    await visit.shot("the new lead form, filled in", { fullPage: true });
    await Promise.all([
      page.waitForURL((url) => /^\/lead\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole("button", { name: "Create Lead" }).click(),
    ]);
    const leadPath = new URL(page.url()).pathname;
    const bar = page.getByRole("region", { name: "Lead conversion" });
    expect(await page.locator("h1").innerText()).toBe(lead.name);
    expect(await bar.innerText()).toContain("New");
    expect(await page.locator("main").innerText()).toContain(`Assigned to ${demoName("rep")}`);
    await visit.shot("the lead, new and assigned to the rep");

    await bar.getByRole("button", { name: "Mark as contacted" }).click();
    await bar.getByText("Contacted", { exact: true }).waitFor();
    // Without a budget the lead cannot be qualified, and the page says why.
    const qualify = bar.getByRole("button", { name: "Qualify" });
    expect(await qualify.isDisabled()).toBe(true);
    expect(await bar.innerText()).toContain("Needs an estimated budget.");
    await visit.shot("contacted, qualify waiting for a budget");

    await Promise.all([
      page.waitForURL(`**${leadPath}/edit`),
      page.getByRole("link", { name: "Edit", exact: true }).click(),
    ]);
    await page.getByLabel("Estimated budget").fill("1850000");
    await visit.shot("the budget typed in");
    await Promise.all([page.waitForURL(`**${leadPath}`), page.getByRole("button", { name: "Save" }).click()]);
    expect(await page.locator("main").innerText()).toContain("1,850,000");

    await bar.getByRole("button", { name: "Qualify" }).click();
    await bar.getByText("Qualified", { exact: true }).waitFor();
    await visit.shot("qualified");

    await bar.getByRole("button", { name: "Convert" }).click();
    await bar.getByText("Converted", { exact: true }).waitFor();
    const converted = await page.locator("main").innerText();
    expect(converted).toContain("Lead converted into a customer, a contact and an opportunity");
    await visit.shot("converted", { fullPage: true });

    // The lead's page links the three records it made; each opens and shows what came from the lead.
    const main = page.locator("main");
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith("/customer/")),
      main.getByRole("link", { name: lead.company, exact: true }).first().click(),
    ]);
    const customer = await main.innerText();
    expect(customer).toContain(lead.company);
    expect(customer).toContain("East China");
    expect(customer).toContain("Prospect");
    expect(customer).toContain(lead.contact);
    expect(customer).toContain(lead.name);
    await visit.shot("the customer, with its contact and opportunity", { fullPage: true });

    await page.goto(leadPath);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith("/contact/")),
      main.getByRole("link", { name: lead.contact, exact: true }).first().click(),
    ]);
    const contact = await main.innerText();
    expect(contact).toContain(lead.title);
    expect(contact).toContain(lead.email);
    expect(contact).toContain(lead.company);
    await visit.shot("the contact");

    await page.goto(leadPath);
    await Promise.all([
      page.waitForURL((url) => url.pathname.startsWith("/opportunity/")),
      main.getByRole("link", { name: lead.name, exact: true }).first().click(),
    ]);
    const opportunity = await main.innerText();
    expect(opportunity).toContain(lead.company);
    expect(opportunity).toContain(lead.contact);
    expect(opportunity).toContain("1,850,000");
    expect(opportunity).toContain("Converted lead");
    expect(await page.getByRole("region", { name: "Opportunity pipeline" }).innerText()).toContain("Prospecting");
    await visit.shot("the opportunity", { fullPage: true });
  });
});
