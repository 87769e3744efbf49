import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { demoPassword } from "../../engine/src/seed/org-chart.ts";
import { useDemo } from "./harness/demo.ts";
import { demoName } from "./harness/sign-in.ts";

const demo = useDemo();

/** The studio's scripts, held back until `release()`, as on a slow connection; `asked` once the page wants one. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let wanted!: () => void;
  const asked = new Promise<void>((resolve) => (wanted = resolve));
  await page.route("**/_app/immutable/**/*.js", async (route) => {
    wanted();
    await released;
    await route.continue();
  });
  return { asked, release };
}

const isSignIn = (request: Request) => request.method() === "POST" && new URL(request.url()).pathname === "/login";

describe("the sign-in page", () => {
  it("keeps what was typed before its scripts ran; with them, refuses a wrong password and signs in without reloading the page", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    const scripts = await holdScripts(page);
    // A link that proposes another workspace: the person corrects it, and types the rest, before the page is ready.
    await page.goto(`/login?workspace=elsewhere&next=${encodeURIComponent("/lead")}`, {
      waitUntil: "domcontentloaded",
    });
    await scripts.asked;
    await page.getByLabel("Workspace").fill("demo");
    await page.getByLabel("Username").fill("rep");
    await page.getByLabel("Password").fill(demoPassword);
    // Showing the password needs the scripts: not there yet.
    const showPassword = page.getByRole("button", { name: "Show password" });
    expect(await showPassword.count()).toBe(0);
    await visit.shot("typed before the scripts ran");

    scripts.release();
    await showPassword.waitFor();
    expect(await page.getByLabel("Workspace").inputValue()).toBe("demo");
    expect(await page.getByLabel("Username").inputValue()).toBe("rep");
    expect(await page.getByLabel("Password").inputValue()).toBe(demoPassword);
    await showPassword.click();
    expect(await page.getByLabel("Password").getAttribute("type")).toBe("text");
    await visit.shot("the scripts ran: what was typed is still there");

    // A wrong password is refused in the page, what was typed kept.
    await page.getByLabel("Password").fill("not-the-password");
    const [refused] = await Promise.all([
      page.waitForRequest(isSignIn),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(await page.getByRole("alert").innerText()).toBe("The workspace, username or password is not right.");
    expect(refused.resourceType()).toBe("fetch");
    expect(await page.getByLabel("Workspace").inputValue()).toBe("demo");
    expect(await page.getByLabel("Username").inputValue()).toBe("rep");
    await visit.shot("refused in the page");

    await page.getByLabel("Password").fill(demoPassword);
    const [signingIn] = await Promise.all([
      page.waitForRequest(isSignIn),
      page.waitForURL((url) => url.pathname === "/lead"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    // Sent by the page's scripts (use:enhance), not as a new document.
    expect(signingIn.resourceType()).toBe("fetch");
    expect(await page.getByRole("banner").innerText()).toContain(demoName("rep"));
    expect(await page.locator("h1").innerText()).toBe("Leads");
  });

  it("works as a plain form without scripts: a wrong password is refused with the username kept, the right one signs in", async () => {
    const visit = await demo.visit();
    const { page } = visit;
    await page.route("**/_app/immutable/**/*.js", (route) => route.abort());
    await page.goto(`/login?next=${encodeURIComponent("/customer")}`);
    await page.getByLabel("Workspace").fill("demo");
    await page.getByLabel("Username").fill("rep");
    await page.getByLabel("Password").fill("not-the-password");
    const [refused] = await Promise.all([
      page.waitForRequest(isSignIn),
      page.waitForURL((url) => url.pathname === "/login"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(refused.resourceType()).toBe("document");
    expect(await page.getByRole("alert").innerText()).toBe("The workspace, username or password is not right.");
    expect(await page.getByLabel("Username").inputValue()).toBe("rep");
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await page.getByRole("button", { name: "Show password" }).count()).toBe(0);
    await visit.shot("refused without scripts, the username kept");

    await page.getByLabel("Password").fill(demoPassword);
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/customer"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(await page.getByRole("banner").innerText()).toContain(demoName("rep"));
    await visit.shot("signed in without scripts");
  });
});
