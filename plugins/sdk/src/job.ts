import type { Logger, PluginRecords, PluginState, PluginWorkspace } from "./context.ts";
import { namePattern } from "./names.ts";

/** What a job's `run` gets: the workspace, the plugin's configuration and settings, records as the system. */
export interface JobRunContext {
  workspace: PluginWorkspace;
  /** This plugin's configuration in the workspace's current definition version, `{}` when it has none. */
  config: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Every record of the workspace: a job acts as the workspace's system user. */
  records: PluginRecords;
  state: PluginState;
  log: Logger;
  now(): Date;
  /** Aborted when the job runs past its timeout. */
  signal: AbortSignal;
}

/**
 * Work a plugin does for a whole workspace rather than for one record
 * (recomputing every customer's score): run every `every` by the engine's
 * workers in each workspace that enables the plugin, once per due time
 * whatever the number of workers, and on demand
 * (`POST /api/v1/plugins/<plugin>/jobs/<job>`, `temper plugin run`).
 */
export interface JobDefinition {
  /** Lower snake case. */
  name: string;
  description: string;
  /** How often it runs: an ISO-8601 duration (`"P1D"`, `"PT6H"`); omitted, it runs on demand only. */
  every?: string;
  /** How long a run may take (default 300,000 ms). */
  timeoutMs?: number;
  /** Runs the job; what it returns (counts, a summary) is kept as the run's result. */
  run(ctx: JobRunContext): Promise<Record<string, unknown> | void>;
}

/**
 * Declares a job.
 *
 * @example
 * export const recompute = defineJob({ name: "recompute", description: "Scores every customer.", every: "P1D", run: async (ctx) => ({ scored: 0 }) });
 */
export function defineJob(job: JobDefinition): JobDefinition {
  if (!namePattern.test(job.name)) throw new Error(`job name "${job.name}" must be lower snake case`);
  return job;
}
