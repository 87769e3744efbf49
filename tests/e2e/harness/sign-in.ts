import { expect } from "vitest";
import { demoPassword, demoPeople } from "../../../engine/src/seed/org-chart.ts";
import type { Visit } from "./demo.ts";

/** A demo login's display name, as the studio shows it. */
export function demoName(username: string): string {
  const person = demoPeople.find((p) => p.username === username);
  if (!person) throw new Error(`no demo user "${username}"`);
  return person.displayName;
}

/**
 * Signs in to the demo workspace through the studio's sign-in page, as a
 * person does: fills the form, sends it, and waits for the page it leads
 * to, which names the signed-in user. Screenshots the form and the result.
 *
 * @example
 * await signIn(visit, "rep"); // on the home page as Li Wei
 * await signIn(visit, "rep", "/customer"); // on the customer list
 */
export async function signIn(visit: Visit, username: string, next = "/"): Promise<void> {
  const { page } = visit;
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Workspace").fill("demo");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(demoPassword);
  await visit.shot(`sign in as ${username}`);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/login"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  const landed = new URL(page.url());
  expect(landed.pathname + landed.search).toBe(next);
  expect(await page.getByRole("banner").innerText()).toContain(demoName(username));
}
