// The studio's list page benchmark: its server, its users, and the runs (the page side is ./studio-page.ts).
import { cp, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { buildStudio, studioBuildState, studioLocation } from "../../engine/src/cli/studio.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import { hashPassword } from "../../engine/src/users/passwords.ts";
import { addUser } from "../../engine/src/users/service.ts";
import { chromiumArgs, chromiumExecutable } from "../e2e/harness/chromium.ts";
import { startStudioProcess, type StudioProcess } from "../e2e/harness/studio-process.ts";
import { latency, round, timed } from "./stats.ts";
import { breakdownOf, firstLoad, type Load, load, newContext, newTab, resort } from "./studio-page.ts";
import { type StudioResult, type StudioUserResult, usableMeans } from "./studio-results.ts";
import { managerPassword, type Team } from "./team.ts";

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

/**
 * The API and the studio build in one process of their own, as `temper
 * serve` composes them but without its workers (./studio-server.ts), on
 * 127.0.0.1 and a free port, on the database at `databaseUrl`. Its output
 * goes to `logFile`; it stops by itself if this process dies.
 */
function serve(databaseUrl: string, build: string, logFile: string): StudioProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, TEMPER_STUDIO_BUILD: build };
  for (const name of ["PORT", "HOST", "TEMPER_API_URL", "ORIGIN", "TEMPER_TEST_CONTROLS"]) delete env[name];
  return startStudioProcess({ name: "the studio server", args: [server], env, log: logFile, readyWithinMs: 120_000 });
}

/** A benchmark user signed in to the studio and the API, and the rows the API lists for them. */
interface Signed {
  user: StudioUser;
  cookie: string;
  token: string;
  expectedIds: string[];
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
  const served = serve(options.databaseUrl, build, join(options.work, "studio-server.log"));
  let browser: Browser | undefined;
  try {
    const url = await served.url;
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
      const context = await newContext(browser, url, { cookie: s.cookie, expectedRows: s.expectedIds.length });
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
        const context = await newContext(browser, url, { cookie: s.cookie, expectedRows: s.expectedIds.length });
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
