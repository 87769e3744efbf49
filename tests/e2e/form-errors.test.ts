/// <reference lib="dom" />
import { describe, expect, it } from "vitest";
import { apiAs } from "./harness/api.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

describe("a form and the server's refusal", () => {
  it("a quote number another quote already has is refused by the server, shown beside the field, and what was typed is kept", async () => {
    const rep = await apiAs(demo.url, "rep");
    const { records } = (await rep.get("/records/quote?limit=1")) as {
      records: Array<{ number: string; opportunity: string; customer: string }>;
    };
    const taken = records[0]!;
    const customer = ((await rep.get(`/records/customer/${taken.customer}`)) as { name: string }).name;
    const subject = "Spare spindles for the second line";

    const visit = await demo.visit();
    const { page } = visit;
    await signIn(visit, "rep", `/quote/new?opportunity=${taken.opportunity}`);
    const opportunity = await page.getByRole("combobox", { name: "Opportunity" }).inputValue();
    expect(opportunity).not.toBe("");
    const customerBox = page.getByRole("combobox", { name: "Customer" });
    await customerBox.fill(customer);
    await page.getByRole("option", { name: customer }).first().click();
    await page.getByLabel("Quote number").fill(taken.number);
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Subtotal").fill("48000");
    await page.getByLabel("Discount").fill("5");
    await page.getByLabel("Payment terms").fill("30% on order, 70% before shipment");
    await visit.shot("a quote with a number already taken", { fullPage: true });
    await page.getByRole("button", { name: "Create Quote" }).click();

    const number = page.getByLabel("Quote number");
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await visit.shot("the server refuses the number", { fullPage: true });
    expect(new URL(page.url()).pathname).toBe("/quote/new");
    expect(await number.getAttribute("aria-invalid")).toBe("true");
    const description = await number.evaluate((input) =>
      (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
    expect(description).toContain("Another record already has this");
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);

    expect(await number.inputValue()).toBe(taken.number);
    expect(await page.getByLabel("Subject").inputValue()).toBe(subject);
    expect(await page.getByLabel("Subtotal").inputValue()).toBe("48000");
    expect(await page.getByLabel("Discount").inputValue()).toBe("5");
    expect(await page.getByLabel("Payment terms").inputValue()).toBe("30% on order, 70% before shipment");
    expect(await page.getByRole("combobox", { name: "Opportunity" }).inputValue()).toBe(opportunity);
    expect(await customerBox.inputValue()).toBe(customer);

    await number.fill(`${taken.number}-B`);
    await Promise.all([
      page.waitForURL((url) => /^\/quote\/[0-9a-f-]{36}$/.test(url.pathname)),
      page.getByRole("button", { name: "Create Quote" }).click(),
    ]);
    expect(await page.locator("h1").innerText()).toBe(`${taken.number}-B`);
    await visit.shot("saved under a new number");
  });
});
