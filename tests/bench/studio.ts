/// <reference lib="dom" />
// The studio's list page in a real Chromium. Parts of this module run in the page (init scripts, page.evaluate).
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { cp, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";
import { buildStudio, studioBuildState, studioLocation } from "../../engine/src/cli/studio.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import { hashPassword } from "../../engine/src/users/passwords.ts";
import { addUser } from "../../engine/src/users/service.ts";
import { chromiumArgs, chromiumExecutable } from "../e2e/harness/chromium.ts";
import { type Latency, latency, round, table, timed } from "./stats.ts";
import { managerPassword, type Team } from "./team.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const watchdog = fileURLToPath(new URL("../e2e/harness/exit-with-parent.ts", import.meta.url));
const server = fileURLToPath(new URL("./studio-server.ts", import.meta.url));

/** The list page measured: every customer the user may read, newest first (the API's default order). */
export const listPath = "/customer?view=all_customers&sort=-updated_at";
/** The same rows through the API alone. */
export const apiPath = "/api/v1/records/customer?limit=50";
const pageRows = 50;

/** Someone who signs in to the studio, and how much of the customers their role lets them read. */
export interface StudioUser {
  /** "a sales rep", "a sales manager", "an executive". */
  who: string;
  /** The role's read scope on customers. */
  scope: "own" | "subtree" | "all";
  username: string;
  password: string;
  /** The customers they may read. */
  rows: number;
}

/** Bytes of one kind of response of a first load: how many, as sent (headers and encoded body) and uncompressed. */
export interface Sent {
  files: number;
  transferred: number;
  uncompressed: number;
  /** The content encodings seen ("br", "gzip", "identity"). */
  encodings: string[];
}

/** Where a page load's time went, in ms from the navigation's start (medians over the runs). */
export interface Breakdown {
  /** The first byte of the HTML: the studio's server side rendering the page, the API calls included. */
  firstByte: number;
  /** The last byte of the HTML. */
  html: number;
  /** The 50 rows in the document. */
  rows: number;
  /** The last JavaScript file received. */
  scripts: number;
  /** SvelteKit's client router started: the page hydrated. */
  hydrated: number;
  /** How long the page's main thread was busy until usable (Chromium's Performance metrics), ms: all its tasks, */
  mainThread: number;
  /** the part running JavaScript (compiling, the page's data, hydrating), */
  script: number;
  /** the part computing styles and layout. */
  layout: number;
}

/** The list page's figures for one user. */
export interface StudioUserResult {
  who: string;
  scope: StudioUser["scope"];
  rows: number;
  /** First load in a fresh browser context (empty cache) until usable. */
  cold: Latency;
  /** A second load of the page in the same tab (the browser's cache filled) until usable. */
  warm: Latency;
  /** A click on the "Customer number" header until the re-sorted rows are shown, without a page load. */
  resort: Latency;
  /** The page's HTML alone (the server-side render), fetched outside the browser. */
  html: Latency;
  /** `GET /api/v1/records/customer?limit=50` with the user's token: the same rows, the API alone. */
  api: Latency;
  /** cold p50 / api p50. */
  ratio: number;
  breakdown: { cold: Breakdown; warm: Breakdown };
  /** What the first load downloads, by kind. */
  sent: { js: Sent; css: Sent; html: Sent; other: Sent };
}

export interface StudioResult {
  page: string;
  api: string;
  usable: string;
  /** The machine's 1-minute load average when the timed loads started and when they ended. */
  load: { before: number; after: number };
  users: StudioUserResult[];
}

/** What "usable" means here, as the table and results.json say it. */
export const usableMeans =
  "the table's rows are in the document and SvelteKit's client router has started (the page is hydrated: a click on a column header is handled in the page)";

/**
 * Gives three people of the seeded workspace a password and a role: a rep
 * of the team (sales_rep: their own customers), the team's manager
 * (sales_manager: the team's subtree) and a new executive (every customer).
 *
 * @example
 * const users = await studioUsers(storage, "bench", team);
 */
export async function studioUsers(storage: Storage, workspaceId: string, team: Team): Promise<StudioUser[]> {
  const { sql } = storage;
  const password = "bench studio password";
  const repId = team.members[1];
  if (!repId) throw new Error("the benchmark's sales team has no rep");
  const [rep] = await sql<[{ username: string }]>`update temper.users
    set roles = '{sales_rep}', password_hash = ${await hashPassword(password)}
    where id = ${repId} returning username`;
  const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count
    from ${sql(`ws_${workspaceId}`)}.customer where owner = ${repId}`;
  const [{ total }] = await sql<[{ total: number }]>`select count(*)::int as total
    from ${sql(`ws_${workspaceId}`)}.customer`;
  await addUser(storage, { workspaceId, username: "bench.executive", password, roles: ["executive"] });
  return [
    { who: "a sales rep", scope: "own", username: rep.username, password, rows: count },
    {
      who: "a sales manager",
      scope: "subtree",
      username: team.manager.username,
      password: managerPassword,
      rows: team.rows,
    },
    { who: "an executive", scope: "all", username: "bench.executive", password, rows: total },
  ];
}

/** The studio build to serve: built first when missing or older than its source, then copied into `work`. */
async function studioBuild(work: string, log: (message: string) => void): Promise<string> {
  const location = studioLocation();
  const state = studioBuildState(location);
  if (state !== "current") {
    log(state === "missing" ? "building the studio" : "rebuilding the studio: its source changed");
    await buildStudio(location);
  }
  // A copy, so that a rebuild of studio/build while the benchmark runs does not change what it serves.
  const copy = join(work, "studio-build");
  await cp(location.build, copy, { recursive: true });
  // Its modules are ES modules, as the studio's package.json says for the original.
  await writeFile(join(copy, "package.json"), '{ "type": "module" }\n');
  return copy;
}

interface Served {
  url: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * The API and the studio build in one process of their own, as `temper
 * serve` composes them but without its workers (./studio-server.ts), on
 * 127.0.0.1 and a free port, on the database at `databaseUrl`. Its output
 * goes to `logFile`; it stops by itself if this process dies.
 */
async function serve(databaseUrl: string, build: string, logFile: string): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, TEMPER_STUDIO_BUILD: build };
  for (const name of ["PORT", "HOST", "TEMPER_API_URL", "ORIGIN", "TEMPER_TEST_CONTROLS"]) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "--import", watchdog, server], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile);
  const lines: string[] = [];
  const stop = async () => {
    if (!(await exited(child, 0))) {
      child.kill("SIGTERM");
      if (!(await exited(child, 30_000))) {
        child.kill("SIGKILL");
        await exited(child, 10_000);
      }
    }
    await new Promise((closed) => log.end(closed));
  };
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the studio server did not serve within 120 s")), 120_000);
    const read = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString("utf8").split("\n")) {
        lines.push(line);
        const served = /^Temper studio on (http:\/\/\S+?)\/?$/.exec(line.trim());
        if (served) {
          clearTimeout(timer);
          resolve(served[1]!);
        }
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start the studio server: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`the studio server stopped (${signal ?? `exit ${String(code)}`}):\n${lines.slice(-25).join("\n")}`),
      );
    });
  });
  try {
    return { url: await url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in through the studio's sign-in form, as a browser does: the session cookie's value. */
async function studioSession(url: string, workspace: string, user: StudioUser): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: url, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ workspace, username: user.username, password: user.password, next: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("temper_session="));
  if (response.status !== 303 || !cookie) throw new Error(`${user.username} could not sign in to the studio`);
  return cookie.slice("temper_session=".length).split(";")[0]!;
}

/** Signs in to the API: a bearer token. */
async function apiToken(url: string, workspace: string, user: StudioUser): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    body: JSON.stringify({ workspace, username: user.username, password: user.password }),
  });
  if (!response.ok) throw new Error(`${user.username} could not sign in to the API: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

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
interface Load extends Breakdown {
  usable: number;
  /** The navigation's type, as the page saw it ("navigate", "reload"). */
  type: string;
}

/** A page whose main thread's work is counted (Chromium's Performance metrics). */
interface Tab {
  page: Page;
  cdp: CDPSession;
}

async function newTab(context: BrowserContext): Promise<Tab> {
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
async function load({ page, cdp }: Tab, url: string): Promise<Load> {
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
async function resort(page: Page, expected: number): Promise<number> {
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
async function firstLoad(
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
      `the list page shows other rows than ${apiPath}: ${ids.slice(0, 3).join(", ")}… against ${expectedIds.slice(0, 3).join(", ")}…`,
    );
  }
  await page.close();
  return sent;
}

function median(values: number[]): number {
  return latency(values).p50;
}

function breakdownOf(loads: Breakdown[]): Breakdown {
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

interface Signed {
  user: StudioUser;
  cookie: string;
  token: string;
  expectedIds: string[];
}

async function newContext(browser: Browser, url: string, signed: Signed): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US" });
  await context.addCookies([{ name: "temper_session", value: signed.cookie, url }]);
  // tsx compiles this module with esbuild's keepNames, which wraps the named functions inside the
  // functions sent to the page in __name(): the page gets a __name that does nothing.
  await context.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
  await context.addInitScript(probe, signed.expectedIds.length);
  return context;
}

/**
 * The studio's list page benchmark: serves the studio and the API as
 * `temper serve` does (without its workers) on the seeded database; then,
 * for a rep, a sales manager and an executive in turn, `runs` times: loads
 * the list of 50 customers in Chromium cold (a fresh browser context) and
 * warm (again in the same tab), clicks a column header, and fetches the
 * page's HTML and the API's list outside the browser, so that the
 * machine's load treats them alike. Everything it starts is stopped before
 * it returns, failed or not.
 *
 * @example
 * const results = await benchStudio({ databaseUrl, storage, workspaceId: "bench", team, work, runs: 20, log: console.error });
 */
export async function benchStudio(options: {
  databaseUrl: string;
  storage: Storage;
  workspaceId: string;
  team: Team;
  work: string;
  runs: number;
  log: (message: string) => void;
}): Promise<StudioResult> {
  const { log, runs, workspaceId } = options;
  const executablePath = chromiumExecutable();
  const users = await studioUsers(options.storage, workspaceId, options.team);
  const build = await studioBuild(options.work, log);
  log("serving the API and the studio on the benchmark's database");
  const served = await serve(options.databaseUrl, build, join(options.work, "studio-server.log"));
  let browser: Browser | undefined;
  try {
    const { url } = served;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: chromiumArgs,
      // The benchmark stops Chromium itself, after its PostgreSQL, on Ctrl-C as on success.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const signed: Signed[] = [];
    for (const user of users) {
      const token = await apiToken(url, workspaceId, user);
      const page = (await (
        await fetch(`${url}${apiPath}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        records: Array<{ id: string }>;
      };
      const expectedIds = page.records.map((r) => r.id);
      if (expectedIds.length !== Math.min(pageRows, user.rows))
        throw new Error(
          `${apiPath} gave ${user.username} ${expectedIds.length} rows, not ${Math.min(pageRows, user.rows)}`,
        );
      signed.push({ user, cookie: await studioSession(url, workspaceId, user), token, expectedIds });
    }
    const sent = new Map<Signed, StudioUserResult["sent"]>();
    for (const s of signed) {
      // A first load per user, not timed: it warms the server and counts what a first load downloads.
      const context = await newContext(browser, url, s);
      sent.set(s, await firstLoad(context, `${url}${listPath}`, s.expectedIds));
      await context.close();
    }
    log(`loading the list page ${runs} times per user in Chromium, cold and warm, beside the API's list call`);
    const loadBefore = round(loadavg()[0] ?? 0);
    const figures = new Map(
      signed.map((s) => [
        s,
        { cold: [] as Load[], warm: [] as Load[], resort: [] as number[], html: [] as number[], api: [] as number[] },
      ]),
    );
    for (let i = 0; i < runs; i++) {
      for (const s of signed) {
        const f = figures.get(s)!;
        const context = await newContext(browser, url, s);
        try {
          const tab = await newTab(context);
          f.cold.push(await load(tab, `${url}${listPath}`));
          // The same list again in the same tab: the browser's cache holds its scripts and styles.
          const warm = await load(tab, `${url}${listPath}`);
          if (warm.type !== "navigate") throw new Error(`the second load was a "${warm.type}", not a navigation`);
          f.warm.push(warm);
          f.resort.push(await resort(tab.page, s.expectedIds.length));
        } finally {
          await context.close();
        }
        f.html.push(
          await timed(async () => {
            const response = await fetch(`${url}${listPath}`, { headers: { cookie: `temper_session=${s.cookie}` } });
            if (!response.ok) throw new Error(`GET ${listPath} answered ${response.status}`);
            await response.text();
          }),
        );
        f.api.push(
          await timed(async () => {
            const response = await fetch(`${url}${apiPath}`, { headers: { authorization: `Bearer ${s.token}` } });
            if (!response.ok) throw new Error(`GET ${apiPath} answered ${response.status}`);
            await response.json();
          }),
        );
      }
    }
    const results = signed.map((s): StudioUserResult => {
      const f = figures.get(s)!;
      const cold = latency(f.cold.map((l) => l.usable));
      const api = latency(f.api);
      return {
        who: s.user.who,
        scope: s.user.scope,
        rows: s.user.rows,
        cold,
        warm: latency(f.warm.map((l) => l.usable)),
        resort: latency(f.resort),
        html: latency(f.html),
        api,
        ratio: round(cold.p50 / api.p50),
        breakdown: { cold: breakdownOf(f.cold), warm: breakdownOf(f.warm) },
        sent: sent.get(s)!,
      };
    });
    const machineLoad = { before: loadBefore, after: round(loadavg()[0] ?? 0) };
    return { page: listPath, api: apiPath, usable: usableMeans, load: machineLoad, users: results };
  } finally {
    await browser?.close().catch(() => {});
    await served.stop();
  }
}

/**
 * The studio benchmark's rows of the bench table: benchmark, figure, temper, baseline, ratio.
 *
 * @example
 * table([["benchmark", "", "temper", "baseline", "ratio"], ...studioRows(results, 1_000_000)]);
 */
export function studioRows(results: StudioResult, customers: number): string[][] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const rows: string[][] = [];
  const of = customers.toLocaleString("en");
  for (const u of results.users) {
    const pair = (name: string, value: Latency, withApi: boolean) => {
      const api = (p: "p50" | "p95") => (withApi ? [ms(u.api[p]), (value[p] / u.api[p]).toFixed(1)] : ["", ""]);
      rows.push([name, "p50", ms(value.p50), ...api("p50")]);
      rows.push(["", "p95", ms(value.p95), ...api("p95")]);
    };
    const who = `${u.who} (${u.scope}: ${u.rows.toLocaleString("en")})`;
    pair(`studio list page, 50 of ${of} customers, as ${who}: cold → usable, vs the API list call`, u.cold, true);
    pair(`  warm (a second load, cache filled) → usable`, u.warm, true);
    pair(`  the page's HTML alone (server-side render)`, u.html, true);
    pair(`  click a column header → re-sorted rows (in the page)`, u.resort, false);
  }
  return rows;
}

/**
 * The studio benchmark's second table: where a cold load's time goes
 * (medians from the navigation's start) and what a first load downloads,
 * per user; then what "usable" means and the machine's load.
 *
 * @example
 * console.log(studioDetails(results));
 */
export function studioDetails(results: StudioResult): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const sent = (s: Sent) => `${kb(s.transferred)} (${kb(s.uncompressed)}, ${s.encodings.join("/")})`;
  const timeline = [
    [
      "studio list page: medians from navigation start",
      "first byte",
      "HTML",
      "50 rows",
      "last JS",
      "hydrated",
      "main thread busy",
      "of it JS",
      "style+layout",
    ],
  ];
  const sizes = [["studio list page, first load", "JS files", "JS sent (uncompressed)", "CSS sent", "HTML sent"]];
  for (const u of results.users) {
    for (const which of ["cold", "warm"] as const) {
      const b = u.breakdown[which];
      timeline.push([
        `${which}, as ${u.who}`,
        ms(b.firstByte),
        ms(b.html),
        ms(b.rows),
        ms(b.scripts),
        ms(b.hydrated),
        ms(b.mainThread),
        ms(b.script),
        ms(b.layout),
      ]);
    }
    const { js, css, html } = u.sent;
    sizes.push([`as ${u.who}`, String(js.files), sent(js), `${css.files} files, ${sent(css)}`, sent(html)]);
  }
  return [
    table(timeline),
    "",
    table(sizes),
    "",
    `usable = ${results.usable}`,
    `1-minute load average while the pages were timed: ${results.load.before} → ${results.load.after}`,
  ].join("\n");
}
