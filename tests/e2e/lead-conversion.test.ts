import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { demoName, signIn } from "./harness/sign-in.ts";

const demo = useDemo();

describe("a rep works a lead to conversion", () => {
  it("a rep enters a North China lead and is back on his list, told whom it went to; that rep contacts it, qualifies it once it has a budget and converts it into a customer, a contact and an opportunity", async () => {
    const rep = await apiAs(demo.url, "rep");
    const director = await apiAs(demo.url, "director");
    const n = randomInt(1000, 9999);
    const lead = {
      name: `Five-axis machining centres for Tianjin ${n}`,
      company: `Tianjin Precision Moulds ${n}`,
      contact: "Chen Jing",
      title: "Purchasing manager",
      email: `chen.jing.${n}@tianjin-moulds.example.cn`,
    };

    const entering = await demo.visit();
    await signIn(entering, "rep", "/lead/new");
    const form = entering.page;
    await form.getByLabel("Lead name").fill(lead.name);
    await form.getByLabel("Source").selectOption("trade_show");
    await form.getByLabel("Sales region").selectOption("north");
    await form.getByLabel("Industry").selectOption("machinery");
    await form.getByLabel("Company").fill(lead.company);
    await form.getByLabel("Contact name").fill(lead.contact);
    await form.getByLabel("Job title").fill(lead.title);
    await form.getByLabel("Email").fill(lead.email);
    await entering.shot("the new lead form, filled in", { fullPage: true });
    await Promise.all([
      form.waitForURL((url) => url.pathname === "/lead"),
      form.getByRole("button", { name: "Create Lead" }).click(),
    ]);

    // The round robin gave it to a rep of the North China team, whom the rep does not cover: he cannot open it,
    // so the studio brings him back to his leads and says so, rather than to a page he may not see.
    const { records } = await director.get(`/records/lead?q=${encodeURIComponent(lead.name)}`);
    expect(records).toHaveLength(1);
    const { id, owner } = records[0] as { id: string; owner: string };
    const { users } = (await director.get("/users")) as { users: Array<{ id: string; username: string }> };
    const ownerUsername = users.find((u) => u.id === owner)!.username;
    expect(["liu.qiang", "ma.lina", "gao.peng"]).toContain(ownerUsername);
    await expect(rep.get(`/records/lead/${id}`)).rejects.toThrow(/404/);
    const notice = form.getByRole("status").filter({ hasText: lead.name });
    expect(await notice.innerText()).toBe(
      `Lead “${lead.name}” saved. It is assigned to ${demoName(ownerUsername)}, so it no longer shows in your list.`,
    );
    expect(await form.locator("h1").innerText()).toBe("Leads");
    expect(await form.locator("main table").first().innerText()).not.toContain(lead.name);
    await entering.shot("back on the rep's leads, told whom the lead went to");
    // The notice is said once.
    await form.reload();
    await form.locator("main table").first().waitFor();
    expect(await form.getByText(lead.name).count()).toBe(0);

    const visit = await demo.visit();
    const { page } = visit;
    const leadPath = `/lead/${id}`;
    await signIn(visit, ownerUsername, leadPath);
    const bar = page.getByRole("region", { name: "Lead conversion" });
    expect(await page.locator("h1").innerText()).toBe(lead.name);
    expect(await bar.innerText()).toContain("New");
    expect(await page.locator("main").innerText()).toContain(`Assigned to ${demoName(ownerUsername)}`);
    await visit.shot("the lead, new and assigned to the North China rep");

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
    expect(customer).toContain("North China");
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
