import { defineJob, definePlugin } from "@temper/plugin-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../api/app.ts";
import { builtInCatalog, installCatalog } from "../definitions/index.ts";
import { helpdeskDefinition, toTexts } from "../definitions/testing.ts";
import { type Actor, recordService, type WorkspaceContext } from "../records/service.ts";
import { manualClock } from "../runtime/clock.ts";
import { createRuntime, type Runtime } from "../runtime/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser, signIn } from "../users/service.ts";
import { pluginCatalog } from "./catalog.ts";
import { setPluginSettings } from "./settings.ts";

interface TallyRun {
  workspace: string;
  config: Record<string, unknown>;
  settings: Record<string, unknown>;
  runs: number;
}

const tallies: TallyRun[] = [];
let flakyFailures = 0;
let flakyRuns = 0;

const chores = definePlugin({
  name: "chores",
  version: "1.0.0",
  steps: [],
  config: {
    schema: {
      type: "object",
      properties: { label: { type: "string" } },
      additionalProperties: false,
    },
  },
  settings: { schema: { type: "object", properties: { greeting: { type: "string" } } } },
  jobs: [
    defineJob({
      name: "tally",
      description: "Counts and sums tickets by status, as the system, and counts its runs.",
      every: "PT1H",
      async run(ctx) {
        const rows = await ctx.records.aggregate("ticket", { group: ["status"], sum: ["amount"] });
        const runs = ((await ctx.state.get<number>("runs")) ?? 0) + 1;
        await ctx.state.set("runs", runs);
        // Slow enough for two workers polling at once to overlap.
        await new Promise((resolve) => setTimeout(resolve, 150));
        tallies.push({ workspace: ctx.workspace.id, config: ctx.config, settings: ctx.settings, runs });
        return { rows, runs, at: ctx.now().toISOString() };
      },
    }),
    defineJob({
      name: "flaky",
      description: "Throws while told to.",
      every: "P1D",
      async run() {
        flakyRuns++;
        if (flakyFailures > 0) {
          flakyFailures--;
          throw new Error("the ERP is down");
        }
        return { done: true };
      },
    }),
    defineJob({
      name: "stall",
      description: "Runs on demand only, and never finishes.",
      timeoutMs: 100,
      run: (ctx) => new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve({ late: true }))),
    }),
  ],
});

let napping = false;

/** A plugin of its own runtime, enabled in a workspace of its own: its job ignores its signal. */
const sleepy = definePlugin({
  name: "sleepy",
  version: "1.0.0",
  steps: [],
  jobs: [
    defineJob({
      name: "nap",
      description: "Never finishes, whatever its signal says.",
      every: "P1D",
      run: () => {
        napping = true;
        return new Promise(() => {});
      },
    }),
  ],
});

const en = (text: string) => ({ en: text });

function definition(plugins: string[]) {
  const objects = helpdeskDefinition();
  objects["app.json"]!.plugins = plugins;
  objects["roles/admin.json"] = {
    name: "admin",
    label: en("Admin"),
    capabilities: ["manage_definition"],
    permissions: [],
  };
  if (plugins.includes("chores")) objects["plugins/chores.json"] = { label: "front desk" };
  return toTexts(objects);
}

let database: TestDatabase;
let storage: Storage;
let other: Storage;
let runtime: Runtime;
let system: Actor;
let context: WorkspaceContext;
const clock = manualClock(new Date("2026-03-02T09:00:00Z"));

beforeAll(async () => {
  database = await createTestDatabase("plugin_jobs");
  storage = await openStorage(database.url, { max: 6 });
  other = await openStorage(database.url, { max: 4 });
  installCatalog(pluginCatalog(builtInCatalog(), [chores, sleepy]));
  for (const [workspace, plugins] of [
    ["acme", ["chores"]],
    ["globex", []],
    ["initech", ["sleepy"]],
  ] as const) {
    await createWorkspace(storage, workspace);
    await publishDefinition(storage, { workspaceId: workspace, texts: definition([...plugins]), publishedBy: "test" });
  }
  await setPluginSettings(storage.sql, chores, "acme", { greeting: "hello" }, "test");
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users
    where workspace_id = 'acme' and username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock, plugins: [chores] });
  const { id: agentId } = await addUser(storage, {
    workspaceId: "acme",
    username: "agent",
    password: "correct horse battery",
    roles: ["agent"],
  });
  // Owned by someone else than the system: a job sees every record all the same.
  // Without their process: the workers' timers would close them.
  await recordService(storage, context).createMany(system, "ticket", [
    { subject: "Printer", amount: 100, owner: agentId },
    { subject: "Network", amount: 250.5 },
  ]);
}, 120_000);
afterAll(async () => {
  await other?.close();
  await storage?.close();
  await database?.drop();
});

async function jobRow(job: string) {
  const [row] = await storage.sql`select nullif(next_run_at, 'infinity') as next_run_at, last_run_at, last_status,
    last_result, attempts from temper.plugin_jobs where workspace_id = 'acme' and plugin = 'chores' and job = ${job}`;
  return row;
}

describe("plugin jobs", () => {
  it("schedules the jobs of workspaces that enable the plugin and runs each due job once, however many workers poll", async () => {
    flakyFailures = 0;
    const elsewhere = createRuntime({ storage: other, clock, plugins: [chores] });
    const rounds = await Promise.all([runtime.jobs.runDue(), elsewhere.jobs.runDue(), runtime.jobs.runDue()]);
    expect(rounds.reduce((sum, r) => sum + r.ran + r.failed, 0)).toBe(2);
    expect(tallies).toEqual([
      { workspace: "acme", config: { label: "front desk" }, settings: { greeting: "hello" }, runs: 1 },
    ]);
    expect(flakyRuns).toBe(1);
    const rows = await storage.sql`select workspace_id, job from temper.plugin_jobs order by job`;
    expect(rows.map((r) => [r.workspace_id, r.job])).toEqual([
      ["acme", "flaky"],
      ["acme", "tally"],
    ]);
    const tally = await jobRow("tally");
    expect(tally).toMatchObject({
      last_status: "ok",
      attempts: 0,
      last_run_at: new Date("2026-03-02T09:00:00Z"),
      next_run_at: new Date("2026-03-02T10:00:00Z"),
    });
    expect(tally!.last_result).toEqual({
      rows: [{ status: "open", count: 2, sum_amount: 350.5 }],
      runs: 1,
      at: "2026-03-02T09:00:00.000Z",
    });

    expect(await runtime.jobs.runDue()).toEqual({ ran: 0, failed: 0 });
    clock.advance("PT1H");
    expect(await runtime.jobs.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(tallies.at(-1)).toMatchObject({ runs: 2 });
  });

  it("records a throwing job as failed and tries it again later with backoff, then on schedule", async () => {
    flakyFailures = 2;
    clock.advance("P1D");
    expect(await runtime.jobs.runDue()).toEqual({ ran: 1, failed: 1 });
    const failedAt = clock.now().getTime();
    expect(await jobRow("flaky")).toMatchObject({
      last_status: "failed",
      last_result: { error: "the ERP is down" },
      attempts: 1,
      next_run_at: new Date(failedAt + 60_000),
    });
    expect(await runtime.jobs.runDue()).toEqual({ ran: 0, failed: 0 });
    clock.advance("PT1M");
    expect(await runtime.jobs.runDue()).toEqual({ ran: 0, failed: 1 });
    expect(await jobRow("flaky")).toMatchObject({ attempts: 2, next_run_at: new Date(failedAt + 60_000 + 120_000) });
    clock.advance("PT2M");
    expect(await runtime.jobs.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(await jobRow("flaky")).toMatchObject({
      last_status: "ok",
      last_result: { done: true },
      attempts: 0,
      next_run_at: new Date(failedAt + 180_000 + 86_400_000),
    });
  });

  it("runs a job on demand, cuts one off at its timeout, and refuses what cannot run", async () => {
    const run = await runtime.jobs.run("acme", "chores", "tally");
    expect(run).toMatchObject({
      status: "ok",
      result: { runs: 4 },
      nextRunAt: new Date(clock.now().getTime() + 3_600_000),
    });
    const stalled = await runtime.jobs.run("acme", "chores", "stall");
    expect(stalled).toMatchObject({
      status: "failed",
      result: { error: "job chores.stall did not finish within 100 ms" },
      nextRunAt: null,
    });
    expect(await jobRow("stall")).toMatchObject({ last_status: "failed", next_run_at: null, attempts: 1 });
    // A job that runs on demand only is never due.
    clock.advance("P30D");
    await runtime.jobs.runDue();
    expect(await jobRow("stall")).toMatchObject({ attempts: 1 });
    await expect(runtime.jobs.run("acme", "chores", "nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(runtime.jobs.run("globex", "chores", "tally")).rejects.toMatchObject({ code: "conflict" });
    await storage.sql`update temper.plugin_jobs set last_status = 'running', next_run_at = ${clock.now()}::timestamptz + interval '1 minute'
      where workspace_id = 'acme' and job = 'tally'`;
    await expect(runtime.jobs.run("acme", "chores", "tally")).rejects.toMatchObject({
      code: "conflict",
      message: 'the job chores.tally is running in "acme" already',
    });
    // A run whose worker died is due again once its lease is over.
    clock.advance("PT2M");
    expect(await runtime.jobs.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(await jobRow("tally")).toMatchObject({ last_status: "ok", last_run_at: clock.now() });
  });

  it("runs due jobs from the runtime's workers until they stop", async () => {
    const runs = tallies.length;
    clock.advance("PT1H");
    const workers = runtime.startWorkers({ pollMs: 20 });
    try {
      for (let i = 0; i < 250 && tallies.length === runs; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await workers.stop();
    }
    expect(tallies.length).toBe(runs + 1);
    expect(await jobRow("tally")).toMatchObject({ last_status: "ok", last_run_at: clock.now() });
  });

  it("ends a run under way when the workers stop, as failed, to be tried again", async () => {
    const sleeper = createRuntime({ storage, clock, plugins: [sleepy] });
    const workers = sleeper.startWorkers({ pollMs: 20 });
    try {
      for (let i = 0; i < 250 && !napping; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await workers.stop();
    }
    const [row] = await storage.sql`select last_status, last_result, attempts, next_run_at from temper.plugin_jobs
      where workspace_id = 'initech' and plugin = 'sleepy'`;
    expect(row).toEqual({
      last_status: "failed",
      last_result: { error: "the worker stopped before the run finished" },
      attempts: 1,
      next_run_at: new Date(clock.now().getTime() + 60_000),
    });
  });

  it("lists and runs a plugin's jobs over the API for those who manage the definition", async () => {
    const api = createApi({ storage, runtime });
    await addUser(storage, {
      workspaceId: "acme",
      username: "admin",
      password: "correct horse battery",
      roles: ["admin"],
    });
    const call = async (username: string, method: string, path: string) => {
      const { token } = await signIn(storage, { workspace: "acme", username, password: "correct horse battery" });
      const response = await api.request(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await call("agent", "GET", "/plugins/chores/jobs")).status).toBe(403);
    expect((await call("agent", "POST", "/plugins/chores/jobs/tally")).status).toBe(403);
    const listed = await call("admin", "GET", "/plugins/chores/jobs");
    expect(listed.body.jobs).toMatchObject([
      { name: "tally", every: "PT1H", lastStatus: "ok", attempts: 0, lastResult: { runs: expect.any(Number) } },
      { name: "flaky", every: "P1D", lastStatus: "ok" },
      { name: "stall", every: null, nextRunAt: null, lastStatus: "failed" },
    ]);
    const ran = await call("admin", "POST", "/plugins/chores/jobs/tally");
    expect(ran).toMatchObject({ status: 200, body: { plugin: "chores", job: "tally", status: "ok" } });
    expect((ran.body.result as { rows: unknown }).rows).toEqual([{ status: "open", count: 2, sum_amount: 350.5 }]);
    expect((await call("admin", "POST", "/plugins/chores/jobs/nope")).status).toBe(404);
    expect((await call("admin", "GET", "/plugins/nope/jobs")).status).toBe(404);
    const document = (await call("admin", "GET", "/openapi.json")).body as { paths: Record<string, unknown> };
    expect(document.paths["/plugins/{name}/jobs/{job}"]).toMatchObject({ post: { summary: "Run a plugin's job now" } });
    expect(document.paths["/plugins/{name}/jobs"]).toMatchObject({ get: { responses: { 200: {} } } });
    const plugins = await call("admin", "GET", "/plugins");
    expect(plugins.body.plugins).toMatchObject([{ name: "chores", jobs: [{ name: "tally", every: "PT1H" }, {}, {}] }]);
  });
});
