import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { axeViolations, describeSerious } from "./harness/axe.ts";
import { chromiumExecutable, launchChromium, missingChromium } from "./harness/chromium.ts";

describe("the end-to-end harness", () => {
  let browser: Browser | undefined;
  afterAll(() => browser?.close());

  it("says in one line how to install Chromium when there is none", () => {
    expect(() => chromiumExecutable({ PATH: "/nonexistent" })).toThrow(missingChromium);
    expect(missingChromium).not.toContain("\n");
    expect(missingChromium).toContain("apt-get install -y chromium");
  });

  it("finds serious accessibility violations with axe-core, and passes a page without them", async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent(
      `<!doctype html><html><head><title>Bad</title></head><body><main><img src="x.png"><button></button></main></body></html>`,
    );
    const bad = describeSerious(await axeViolations(page));
    expect(bad).toMatch(/^critical image-alt: /m);
    expect(bad).toMatch(/^critical button-name: /m);
    await page.setContent(
      `<!doctype html><html lang="en"><head><title>Good</title></head><body><main><h1>Fine</h1><img src="x.png" alt="A lathe"><button>Save</button></main></body></html>`,
    );
    expect(describeSerious(await axeViolations(page))).toBe("");
    await page.close();
  });
});
