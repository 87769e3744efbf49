/// <reference lib="dom" />
// The studio's list page in a real Chromium, timed. Parts of this module run in the page (init scripts, page.evaluate).
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { latency } from "./stats.ts";
import type { Breakdown, Sent, StudioUserResult } from "./studio-results.ts";

/** What the in-page probe records, in ms from the navigation's start. */
interface Marks {
  rows?: number;
  router?: number;
  usable?: number;
}

/**
 * Runs in the page before its own scripts: records when the table holds
 * `expected` rows (a MutationObserver on the document as it is parsed) and
 * when SvelteKit's client router starts. SvelteKit's `start()` hydrates the
 * page, then starts the router, whose first step registers the page's
 * `beforeunload` listener (nothing else in the studio does): that
 * registration is the moment the page is hydrated. The first click of each
 * run checks it: the header click must be handled without a page load.
 */
function probe(expected: number) {
  const marks: Marks = {};
  (window as unknown as { __benchMarks: Marks }).__benchMarks = marks;
  const settle = () => {
    if (marks.rows !== undefined && marks.router !== undefined) marks.usable ??= Math.max(marks.rows, marks.router);
  };
  const add = window.addEventListener;
  window.addEventListener = function (this: Window, ...args: Parameters<Window["addEventListener"]>) {
    if (args[0] === "beforeunload" && marks.router === undefined) {
      marks.router = performance.now();
      settle();
    }
    return add.apply(this, args);
  } as Window["addEventListener"];
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll("main table tbody tr:not(.empty)").length < expected) return;
    marks.rows = performance.now();
    observer.disconnect();
    settle();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** One load of the list page: where its time went, and when it was usable. */
export interface Load extends Breakdown {
  usable: number;
  /** The navigation's type, as the page saw it ("navigate", "reload"). */
  type: string;
}

/** A page whose main thread's work is counted (Chromium's Performance metrics). */
interface Tab {
  page: Page;
  cdp: CDPSession;
}

export async function newTab(context: BrowserContext): Promise<Tab> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  return { page, cdp };
}

/** The main thread's busy times so far, ms: every task, JavaScript, style and layout. */
async function busyTimes(cdp: CDPSession) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const busy = (...names: string[]) =>
    metrics.filter((m) => names.includes(m.name)).reduce((sum, m) => sum + m.value * 1000, 0);
  return {
    mainThread: busy("TaskDuration"),
    script: busy("ScriptDuration"),
    layout: busy("LayoutDuration", "RecalcStyleDuration"),
  };
}

/** Loads the list page in a tab and waits until it is usable. */
export async function load({ page, cdp }: Tab, url: string): Promise<Load> {
  const before = await busyTimes(cdp);
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(
    () => (window as unknown as { __benchMarks: Marks }).__benchMarks.usable !== undefined,
    undefined,
    { timeout: 120_000 },
  );
  const after = await busyTimes(cdp);
  // Counted per renderer process: a navigation that moved to another process starts from zero.
  const moved = after.mainThread < before.mainThread;
  const spent = (key: keyof typeof after) => Math.round(moved ? after[key] : after[key] - before[key]);
  const times = await page.evaluate(() => {
    const marks = (window as unknown as { __benchMarks: Marks }).__benchMarks;
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((r) => new URL(r.name).pathname.endsWith(".js") && r.responseEnd <= marks.router!)
      .map((r) => r.responseEnd);
    return {
      firstByte: navigation.responseStart,
      html: navigation.responseEnd,
      rows: marks.rows!,
      scripts: Math.max(navigation.responseEnd, ...scripts),
      hydrated: marks.router!,
      usable: marks.usable!,
      type: navigation.type,
    };
  });
  return { ...times, mainThread: spent("mainThread"), script: spent("script"), layout: spent("layout") };
}

/**
 * Clicks the "Customer number" column header of a usable list page and
 * waits for the list sorted by it: the address says so, the header shows
 * it and the table holds its rows again. Fails if the click loaded a new
 * page instead (the page was not interactive). The time in the page, ms.
 */
export async function resort(page: Page, expected: number): Promise<number> {
  try {
    return await page.evaluate(async (rows) => {
      const link = document.querySelector<HTMLAnchorElement>('main table thead a[href*="sort=customer_no"]');
      if (!link) throw new Error('the list has no sortable "Customer number" header');
      const start = performance.now();
      const shown = () =>
        new URL(location.href).searchParams.get("sort") === "customer_no" &&
        document.querySelector('main table thead th[aria-sort="ascending"] a[href*="sort=-customer_no"]') !== null &&
        document.querySelectorAll("main table tbody tr:not(.empty)").length >= rows;
      const done = new Promise<number>((resolve) => {
        const check = () => {
          if (!shown()) return;
          const at = performance.now();
          observer.disconnect();
          clearInterval(poll);
          resolve(at - start);
        };
        const observer = new MutationObserver(check);
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        const poll = setInterval(check, 5);
      });
      link.click();
      return done;
    }, expected);
  } catch (error) {
    if (/context was destroyed|navigation/i.test(String(error)))
      throw new Error(
        "a click on a column header loaded a new page: the list page was not hydrated when it counted as usable",
        { cause: error },
      );
    throw error;
  }
}

const emptySent = (): Sent => ({ files: 0, transferred: 0, uncompressed: 0, encodings: [] });

/**
 * A first load in a fresh context, counting every response until the
 * network is idle: JavaScript, CSS, the HTML, the rest. Also checks that
 * the page shows the rows the API lists for the same user, in order.
 */
export async function firstLoad(
  context: BrowserContext,
  url: string,
  expectedIds: string[],
): Promise<StudioUserResult["sent"]> {
  const sent = { js: emptySent(), css: emptySent(), html: emptySent(), other: emptySent() };
  const counted: Array<Promise<void>> = [];
  context.on("requestfinished", (request) => {
    counted.push(
      (async () => {
        const response = await request.response();
        if (!response) return;
        const [sizes, body, headers] = await Promise.all([request.sizes(), response.body(), response.allHeaders()]);
        const type = headers["content-type"] ?? "";
        const kind = /javascript/.test(type) ? "js" : /css/.test(type) ? "css" : /html/.test(type) ? "html" : "other";
        const tally = sent[kind];
        tally.files += 1;
        tally.transferred += sizes.responseHeadersSize + sizes.responseBodySize;
        tally.uncompressed += body.length;
        const encoding = headers["content-encoding"] ?? "identity";
        if (!tally.encodings.includes(encoding)) tally.encodings.push(encoding);
      })(),
    );
  });
  const tab = await newTab(context);
  const { page } = tab;
  await load(tab, url);
  await page.waitForLoadState("networkidle");
  await Promise.all(counted);
  const ids = await page.$$eval("main table tbody tr:not(.empty)", (rows) =>
    rows.map((row) => row.querySelector('a[href^="/customer/"]')?.getAttribute("href")?.split("/").pop() ?? ""),
  );
  if (ids.join() !== expectedIds.join()) {
    throw new Error(
      `the list page shows other rows than the API lists: ${ids.slice(0, 3).join(", ")}… against ${expectedIds.slice(0, 3).join(", ")}…`,
    );
  }
  await page.close();
  return sent;
}

function median(values: number[]): number {
  return latency(values).p50;
}

export function breakdownOf(loads: Breakdown[]): Breakdown {
  const at = (key: keyof Breakdown) => median(loads.map((l) => l[key]));
  return {
    firstByte: at("firstByte"),
    html: at("html"),
    rows: at("rows"),
    scripts: at("scripts"),
    hydrated: at("hydrated"),
    mainThread: at("mainThread"),
    script: at("script"),
    layout: at("layout"),
  };
}

/**
 * A fresh browser context signed in with a studio session cookie, whose
 * pages run the probe that marks when `expectedRows` rows are shown and the
 * page is hydrated.
 */
export async function newContext(
  browser: Browser,
  url: string,
  session: { cookie: string; expectedRows: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US" });
  await context.addCookies([{ name: "temper_session", value: session.cookie, url }]);
  // tsx compiles this module with esbuild's keepNames, which wraps the named functions inside the
  // functions sent to the page in __name(): the page gets a __name that does nothing.
  await context.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
  await context.addInitScript(probe, session.expectedRows);
  return context;
}
