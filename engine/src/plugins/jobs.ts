import type { JobDefinition, JobRunContext, Plugin, PluginRecords } from "@temper/plugin-sdk";
import { EngineError } from "../errors.ts";
import { addDuration } from "../process/duration.ts";
import type { Actor, RecordService, WorkspaceContext } from "../records/service.ts";
import type { Clock } from "../runtime/clock.ts";
import type { Storage } from "../storage/platform/database.ts";
import { pluginConfigOf } from "./catalog.ts";
import { pluginLogger, pluginRecords, withTimeout } from "./context.ts";
import { finishJob, type JobRow, jobRows, type KnownJob, scheduleJobs, takeDueJob, takeJobNow } from "./job-rows.ts";
import { pluginSettingsOf } from "./settings.ts";
import { pluginState } from "./state.ts";

/** What plugin jobs need from the engine around them. */
export interface JobServices {
  storage: Storage;
  clock: Clock;
  plugins: Plugin[];
  /** The records service of a workspace, processes included. */
  records(context: WorkspaceContext): RecordService;
  /** A workspace at its published version, and its system user. */
  workspace(workspaceId: string): Promise<{ context: WorkspaceContext; system: Actor }>;
}

/** How one run went. */
export interface JobRun {
  workspace: string;
  plugin: string;
  job: string;
  status: "ok" | "failed";
  /** What the job returned, or `{ error }` with why it failed. */
  result: Record<string, unknown>;
  ranAt: Date;
  nextRunAt: Date | null;
}

/** A plugin's job in a workspace as the API lists it. */
export interface JobStatus {
  name: string;
  description: string;
  every: string | null;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastStatus: "running" | "ok" | "failed" | null;
  lastResult: Record<string, unknown> | null;
  /** Failed runs in a row. */
  attempts: number;
}

const defaultTimeoutMs = 300_000;
const maxBackoffMs = 3_600_000;

/** When a failed run is tried again: 1, 2, 4… minutes, at most an hour, never later than the next regular run. */
function retryAt(now: Date, attempts: number, every: string): Date {
  const backoff = new Date(now.getTime() + Math.min(60_000 * 2 ** Math.min(attempts - 1, 10), maxBackoffMs));
  const regular = addDuration(now, every);
  return backoff < regular ? backoff : regular;
}

/**
 * The records a job sees: every record of the workspace, as its system user.
 * Like a process, a job may set read-only fields ("set by processes": a
 * score, a segment) when it changes a record; the change is validated, its
 * history kept and audited as the job's.
 */
function jobRecords(records: RecordService, system: Actor, job: string): PluginRecords {
  return {
    ...pluginRecords(records, system),
    update: (entity, id, input) =>
      records.batch(
        system,
        async (batch) => {
          const [before] = await batch.find(entity, "id", [id], { lock: true });
          if (!before) throw new EngineError("not_found", `no ${entity} "${id}"`);
          const [result] = await batch.write(entity, [{ kind: "update", before, input }]);
          return result!.status === "rejected" ? before : result!.record;
        },
        { process: true, atomic: true, via: `job ${job}` },
      ),
  };
}

/** Rejects when the workers stop: the run is recorded as failed and tried again after the backoff. */
function stopped(halt: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new Error("the worker stopped before the run finished"));
    if (halt.aborted) fail();
    else halt.addEventListener("abort", fail, { once: true });
  });
}

function workspaceOf(context: WorkspaceContext): JobRunContext["workspace"] {
  const { app } = context.definition;
  return {
    id: context.workspaceId,
    locale: app.locales[0] ?? "en",
    locales: [...app.locales],
    timezone: app.timezone ?? "UTC",
  };
}

/**
 * The plugin jobs of a runtime: each job of each loaded plugin runs every
 * `every` in each workspace whose published version enables the plugin,
 * once per due time however many workers in however many processes poll
 * (rows taken with SKIP LOCKED and leased while they run), and on demand.
 * A job acts as the workspace's system user, and may set read-only fields as
 * a process does. A run that throws or passes its timeout is recorded as
 * failed and tried again with backoff (1 minute, doubling, at most an hour);
 * it never stops the worker.
 *
 * @example
 * const jobs = pluginJobs({ storage, clock, plugins, records, workspace });
 * await jobs.runDue(); // { ran: 1, failed: 0 }
 * await jobs.run("acme", "scoring", "recompute"); // { status: "ok", result: { scored: 120, … } }
 */
export function pluginJobs(services: JobServices) {
  const { storage, clock } = services;
  const { sql } = storage;
  const definitions = new Map<string, JobDefinition>();
  const known: KnownJob[] = [];
  for (const plugin of services.plugins)
    for (const job of plugin.jobs ?? []) {
      definitions.set(`${plugin.name}.${job.name}`, job);
      known.push({ plugin: plugin.name, job: job.name, every: job.every ?? null });
    }
  const timeoutOf = (plugin: string, job: string) => definitions.get(`${plugin}.${job}`)?.timeoutMs ?? defaultTimeoutMs;
  // A run is cut off at its timeout: past it (and a minute's grace), its row is due again.
  const leaseUntil = (job: KnownJob) => new Date(clock.now().getTime() + timeoutOf(job.plugin, job.job) + 60_000);

  async function execute(row: JobRow, halt?: AbortSignal): Promise<JobRun> {
    const definition = definitions.get(`${row.plugin}.${row.job}`)!;
    const key = `${row.plugin}.${row.job}`;
    let status: JobRun["status"] = "ok";
    let result: Record<string, unknown>;
    try {
      const { context, system } = await services.workspace(row.workspaceId);
      const base: Omit<JobRunContext, "signal"> = {
        workspace: workspaceOf(context),
        config: pluginConfigOf(context.definition, row.plugin),
        settings: await pluginSettingsOf(sql, row.workspaceId, row.plugin),
        records: jobRecords(services.records(context), system, key),
        state: pluginState(sql, row.workspaceId, row.plugin),
        log: pluginLogger(`job ${key}`, row.workspaceId),
        now: () => clock.now(),
      };
      const returned = await withTimeout(`job ${key}`, timeoutOf(row.plugin, row.job), (signal) =>
        halt
          ? Promise.race([definition.run({ ...base, signal: AbortSignal.any([signal, halt]) }), stopped(halt)])
          : definition.run({ ...base, signal }),
      );
      // Kept as JSON: what cannot be is a failure of the job, not of the worker.
      result = JSON.parse(JSON.stringify(returned ?? {})) as Record<string, unknown>;
    } catch (error) {
      status = "failed";
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    const now = clock.now();
    const every = definition.every;
    const nextRunAt = !every ? null : status === "ok" ? addDuration(now, every) : retryAt(now, row.attempts + 1, every);
    await finishJob(sql, row, { status, result, nextRunAt });
    if (status === "failed") console.error(`job ${key} failed in ${row.workspaceId}: ${String(result.error)}`);
    return { workspace: row.workspaceId, plugin: row.plugin, job: row.job, status, result, ranAt: now, nextRunAt };
  }

  function jobOrThrow(plugin: string, job: string): KnownJob {
    if (!services.plugins.some((p) => p.name === plugin))
      throw new EngineError("not_found", `no plugin "${plugin}" runs in this engine`);
    const found = known.find((k) => k.plugin === plugin && k.job === job);
    if (!found) throw new EngineError("not_found", `the plugin "${plugin}" has no job "${job}"`);
    return found;
  }

  return {
    /**
     * Runs the jobs due now, `concurrency` at a time and at most `limit` in
     * all, after scheduling those of workspaces seen for the first time.
     * `signal` (the workers stopping) takes no more, and ends the runs under
     * way as failed, to be tried again.
     *
     * @example
     * const round = await runtime.jobs.runDue(); // { ran: 2, failed: 0 }
     */
    async runDue(
      options: { limit?: number; concurrency?: number; signal?: AbortSignal } = {},
    ): Promise<{ ran: number; failed: number }> {
      const limit = options.limit ?? 20;
      const round = { ran: 0, failed: 0 };
      if (known.length === 0) return round;
      await scheduleJobs(sql, known, clock.now());
      let taken = 0;
      const lane = async () => {
        while (taken < limit && !options.signal?.aborted) {
          taken++;
          const row = await takeDueJob(sql, known, clock.now(), leaseUntil);
          if (!row) return;
          const run = await execute(row, options.signal);
          round[run.status === "ok" ? "ran" : "failed"]++;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, lane));
      return round;
    },

    /**
     * Runs one job of a workspace now, due or not, and records it like a
     * scheduled run (its next regular run counts from now). A run already
     * under way is a conflict; so is a workspace that does not enable the plugin.
     *
     * @example
     * const run = await runtime.jobs.run("acme", "scoring", "recompute"); // { status: "ok", result: {...} }
     */
    async run(workspaceId: string, plugin: string, job: string): Promise<JobRun> {
      const found = jobOrThrow(plugin, job);
      const { context } = await services.workspace(workspaceId);
      if (!(context.definition.app.plugins ?? []).includes(plugin))
        throw new EngineError("conflict", `the workspace "${workspaceId}" does not enable the plugin "${plugin}"`);
      const row = await takeJobNow(sql, workspaceId, found, clock.now(), leaseUntil(found));
      if (!row) throw new EngineError("conflict", `the job ${plugin}.${job} is running in "${workspaceId}" already`);
      return execute(row);
    },

    /**
     * A plugin's jobs in a workspace: when each runs next, how its last run went.
     *
     * @example
     * await runtime.jobs.list("acme", "scoring"); // [{ name: "recompute", every: "P1D", lastStatus: "ok", … }]
     */
    async list(workspaceId: string, plugin: string): Promise<JobStatus[]> {
      const found = services.plugins.find((p) => p.name === plugin);
      if (!found) throw new EngineError("not_found", `no plugin "${plugin}" runs in this engine`);
      const rows = await jobRows(sql, workspaceId, plugin);
      return (found.jobs ?? []).map((job) => {
        const row = rows.get(job.name);
        return {
          name: job.name,
          description: job.description,
          every: job.every ?? null,
          nextRunAt: row?.nextRunAt?.toISOString() ?? null,
          lastRunAt: row?.lastRunAt?.toISOString() ?? null,
          lastStatus: row?.lastStatus ?? null,
          lastResult: row?.lastResult ?? null,
          attempts: row?.attempts ?? 0,
        };
      });
    },
  };
}

export type PluginJobs = ReturnType<typeof pluginJobs>;
