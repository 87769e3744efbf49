import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFinished } from "vitest";
import { launchChromium } from "./chromium.ts";
import { demoServerUrl, outputFolder } from "./run.ts";

/** A browser tab of its own for one test, and its screenshots. */
export interface Visit {
  page: Page;
  /** Saves what the tab shows as `output/<test>/<nn>-<step>.png`. */
  shot(step: string, options?: { fullPage?: boolean }): Promise<string>;
}

/** The test run's demo as a test file sees it. */
export interface Demo {
  /** The server's address, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** A fresh browser context (no cookies, English, 1280×800) and tab for the running test, closed after it. */
  visit(): Promise<Visit>;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/**
 * Ties a test file to the run's demo server and to a Chromium of its own,
 * launched before its tests and closed after them. A test that fails
 * leaves a screenshot of where it stopped (`<nn>-failed.png`).
 *
 * @example
 * const demo = useDemo();
 * it("signs in", async () => {
 *   const visit = await demo.visit();
 *   await visit.page.goto("/login");
 *   await visit.shot("login");
 * });
 */
export function useDemo(): Demo {
  let browser: Browser | undefined;
  let url = "";
  // Numbered per test, across the visits it opens, in the order they were taken.
  const shotsIn = new Map<string, number>();
  // Why there is no demo or no browser: every test of the file then fails with it, in one line.
  let problem: Error | undefined;
  beforeAll(async () => {
    try {
      url = await demoServerUrl();
      browser = await launchChromium();
    } catch (error) {
      problem = error as Error;
    }
  }, 360_000);
  afterAll(async () => {
    await browser?.close();
  });
  const ready = () => {
    if (problem) throw new Error(problem.message);
    return browser!;
  };
  return {
    get url() {
      ready();
      return url;
    },
    async visit() {
      const browser = ready();
      const test = slug(expect.getState().currentTestName ?? "test");
      const folder = join(outputFolder, test);
      await mkdir(folder, { recursive: true });
      const context = await browser.newContext({
        baseURL: url,
        locale: "en-US",
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      const shot: Visit["shot"] = async (step, options = {}) => {
        const n = (shotsIn.get(folder) ?? 0) + 1;
        shotsIn.set(folder, n);
        const path = join(folder, `${String(n).padStart(2, "0")}-${slug(step)}.png`);
        await page.screenshot({ path, fullPage: options.fullPage ?? false });
        return path;
      };
      onTestFinished(async ({ task }) => {
        if (task.result?.state === "fail") await shot("failed").catch(() => {});
        await context.close();
      });
      return { page, shot };
    },
  };
}
