import { describe, expect, it } from "vitest";
import { axeViolations, describeSerious } from "./harness/axe.ts";
import { useDemo } from "./harness/demo.ts";
import { signIn } from "./harness/sign-in.ts";

const demo = useDemo();

describe("accessibility (axe-core)", () => {
  it("the sign-in page, the home page and a list have no serious or critical violations", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    await page.goto("/login");
    await visit.shot("sign-in page");
    expect(describeSerious(await axeViolations(page)), "the sign-in page").toBe("");

    await signIn(visit, "rep");
    await visit.shot("home");
    expect(describeSerious(await axeViolations(page)), "the home page").toBe("");

    await page.goto("/customer?view=all_customers");
    await page.locator("main table").waitFor();
    await visit.shot("customer list");
    expect(describeSerious(await axeViolations(page)), "the customer list").toBe("");
  });

  it("the sign-in page refusing a password has no serious or critical violations", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByLabel("Workspace").fill("demo");
    await page.getByLabel("Username").fill("rep");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await visit.shot("refused");
    expect(await page.getByRole("alert").innerText()).toBe("The workspace, username or password is not right.");
    expect(describeSerious(await axeViolations(page)), "the refused sign-in").toBe("");
  });
});
