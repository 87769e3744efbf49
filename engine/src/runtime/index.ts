import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Plugin } from "@temper/plugin-sdk";
import { pluginRegistries } from "../plugins/adapt.ts";
import { pluginJobs } from "../plugins/jobs.ts";
import { installedPlugins } from "../plugins/installed.ts";
import type { GuardRegistry } from "../process/guards.ts";
import { type RecordHooks, recordService, type WorkspaceContext } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { RuntimeDeps } from "./deps.ts";
import { processEvents } from "./events.ts";
import { outboxWorker } from "./outbox.ts";
import { processView } from "./process-view.ts";
import { startProcesses } from "./start.ts";
import { builtInSteps } from "./steps/index.ts";
import type { StepRegistry } from "./steps/types.ts";
import { approvalTasks } from "./tasks.ts";
import { workspaceContexts } from "./workspace.ts";
import { timerWorker } from "./timers.ts";

/** How to build a runtime: the database, and optionally a clock, extra steps and guards, a worker name. */
export interface RuntimeOptions {
  storage: Storage;
  clock?: Clock;
  /** Plugins loaded for this engine: their steps and guards under `<plugin>.<name>` (default: the installed ones, `installPlugins`). */
  plugins?: Plugin[];
  /** Step implementations beyond the built-in ones and the plugins', by type (tests replace built-ins here). */
  steps?: StepRegistry;
  guards?: GuardRegistry;
  workerId?: string;
}

/** Background work: timers and the outbox, polled, and woken at once by this process's own commits. */
export interface Workers {
  stop(): Promise<void>;
}

/**
 * The process runtime of one engine process: events, approvals, timers and
 * the outbox over one database. Stateless between calls: several engine
 * processes can run against one database.
 *
 * @example
 * const runtime = createRuntime({ storage });
 * const records = runtime.records(context); // creating a record starts its processes
 * await runtime.events.fire(user, context, "complaint", id, { type: "start_handling" });
 * const workers = runtime.startWorkers();
 * await workers.stop();
 */
export function createRuntime(options: RuntimeOptions) {
  const wake = { outbox: () => {}, timers: () => {}, jobs: () => {} };
  const deps: RuntimeDeps = {
    storage: options.storage,
    clock: options.clock ?? systemClock,
    steps: new Map([...builtInSteps(), ...(options.steps ?? [])]),
    guards: new Map(options.guards ?? []),
    workerId: options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    // Called inside a transaction: the wake-up waits a moment so that the work is committed when looked for.
    nudge: (queue) => void setTimeout(() => wake[queue](), 20).unref(),
  };
  function hooks(context: WorkspaceContext): RecordHooks {
    return recordHooks(context);
  }
  const plugins = options.plugins ?? installedPlugins();
  const plugged = pluginRegistries(plugins, {
    storage: options.storage,
    clock: deps.clock,
    records: (context, tx) => recordService(options.storage, context, hooks(context), tx ? { tx } : {}),
    workspace: workspaceContexts(options.storage),
  });
  for (const [type, step] of plugged.steps) if (!options.steps?.has(type)) deps.steps.set(type, step);
  for (const [type, guard] of plugged.guards) if (!options.guards?.has(type)) deps.guards.set(type, guard);
  const recordHooks = (context: WorkspaceContext): RecordHooks => ({
    afterCreate: (tx, actor, entity, record) => startProcesses(deps, tx, context, actor, entity, record),
    beforeDelete: async (tx, entity, id) => {
      await tx`delete from temper.process_instances where workspace_id = ${context.workspaceId}
        and entity = ${entity.name} and record_id = ${id}`;
    },
  });
  const timers = timerWorker(deps);
  const outbox = outboxWorker(deps);
  const jobs = pluginJobs({
    storage: options.storage,
    clock: deps.clock,
    plugins,
    records: (context) => recordService(options.storage, context, hooks(context)),
    workspace: workspaceContexts(options.storage),
  });

  function loop(work: () => Promise<boolean>, name: keyof typeof wake, pollMs: number) {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let resolveSleep: (() => void) | undefined;
    wake[name] = () => resolveSleep?.();
    const running = (async () => {
      while (!stopped) {
        let busy = false;
        try {
          busy = await work();
        } catch (error) {
          if (!stopped) console.error(`${name} worker:`, error instanceof Error ? error.message : error);
        }
        if (busy || stopped) continue;
        await new Promise<void>((resolve) => {
          resolveSleep = resolve;
          timer = setTimeout(resolve, pollMs);
        });
        clearTimeout(timer);
      }
    })();
    return async () => {
      stopped = true;
      resolveSleep?.();
      await running;
    };
  }

  return {
    deps,
    clock: deps.clock,
    /** The plugins this runtime runs. */
    plugins,
    /** The records service of a workspace with processes started and ended with records. */
    records: (context: WorkspaceContext) => recordService(options.storage, context, hooks(context)),
    hooks,
    events: processEvents(deps),
    tasks: approvalTasks(deps),
    process: (...args: Parameters<typeof processView> extends [unknown, ...infer Rest] ? Rest : never) =>
      processView(deps, ...args),
    timers,
    outbox,
    /** Plugin jobs: `runDue()` as the workers do, `run(workspace, plugin, job)` on demand, `list(workspace, plugin)`. */
    jobs,
    /**
     * Runs the timer, outbox and plugin job workers until stopped: a round as soon as the
     * previous one found a full batch, else every `pollMs`, or at once when
     * this process queues work.
     */
    /** Polls timers, the outbox and plugins' jobs (`jobs: false` leaves the jobs to other processes). */
    startWorkers(workerOptions: { pollMs?: number; concurrency?: number; jobs?: boolean } = {}): Workers {
      const pollMs = workerOptions.pollMs ?? 1000;
      const concurrency = workerOptions.concurrency ?? 4;
      const stopTimers = loop(
        async () => {
          const round = await timers.runDue({ limit: 200, concurrency });
          return round.fired + round.failed >= 200;
        },
        "timers",
        pollMs,
      );
      const stopOutbox = loop(
        async () => {
          const round = await outbox.deliverDue({ limit: 100, concurrency });
          return round.delivered + round.retried + round.failed >= 100;
        },
        "outbox",
        pollMs,
      );
      const halt = new AbortController();
      const stopJobs =
        workerOptions.jobs === false
          ? async () => {}
          : loop(async () => (await jobs.runDue({ signal: halt.signal })).ran > 0, "jobs", pollMs);
      return {
        stop: async () => {
          halt.abort();
          await Promise.all([stopTimers(), stopOutbox(), stopJobs()]);
        },
      };
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
export { type Clock, type ManualClock, manualClock, systemClock } from "./clock.ts";
export type { DeliveryContext, StepContext, StepImplementation, StepRegistry } from "./steps/types.ts";
