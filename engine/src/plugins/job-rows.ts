import type postgres from "postgres";

/** One scheduled job of a plugin in a workspace, as `temper.plugin_jobs` keeps it. */
export interface JobRow {
  workspaceId: string;
  plugin: string;
  job: string;
  /** When it runs next; null for a job that runs on demand only. */
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  /** `running` while a run is under way, then `ok` or `failed`. */
  lastStatus: "running" | "ok" | "failed" | null;
  lastResult: Record<string, unknown> | null;
  /** Failed runs in a row (0 after a run that went well). */
  attempts: number;
}

/** A job this engine can run: the plugin's name, the job's name, and how often (null: on demand only). */
export interface KnownJob {
  plugin: string;
  job: string;
  every: string | null;
}

const columns = (sql: postgres.Sql) => sql`j.workspace_id, j.plugin, j.job,
  nullif(j.next_run_at, 'infinity') as next_run_at, j.last_run_at, j.last_status, j.last_result, j.attempts`;

function rowOf(row: postgres.Row): JobRow {
  return {
    workspaceId: row.workspace_id,
    plugin: row.plugin,
    job: row.job,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastStatus: row.last_status,
    lastResult: row.last_result,
    attempts: row.attempts,
  };
}

/** Workspaces whose published version enables the job's plugin (`plugins` in app.json). */
const enabled = (sql: postgres.Sql) => sql`exists (select 1 from temper.workspaces w
  join temper.definition_versions v on v.id = w.current_version_id
  where w.id = j.workspace_id and coalesce((v.bundle -> 'app.json' -> 'plugins')::jsonb, '[]'::jsonb) ? j.plugin)`;

/**
 * Gives every scheduled job (one with `every`) of every workspace that
 * enables its plugin a row, due at once: a workspace's jobs are scheduled
 * when the workers first see it. Rows that exist are left as they are.
 *
 * @example
 * await scheduleJobs(sql, [{ plugin: "scoring", job: "recompute", every: "P1D" }], clock.now());
 */
export async function scheduleJobs(sql: postgres.Sql, jobs: KnownJob[], now: Date): Promise<void> {
  const scheduled = jobs.filter((j) => j.every !== null);
  if (scheduled.length === 0) return;
  await sql`insert into temper.plugin_jobs (workspace_id, plugin, job, next_run_at)
    select w.id, k.plugin, k.job, ${now} from temper.workspaces w
    join temper.definition_versions v on v.id = w.current_version_id
    cross join unnest(${scheduled.map((j) => j.plugin)}::text[], ${scheduled.map((j) => j.job)}::text[]) as k(plugin, job)
    where coalesce((v.bundle -> 'app.json' -> 'plugins')::jsonb, '[]'::jsonb) ? k.plugin
    on conflict (workspace_id, plugin, job) do nothing`;
}

/** Marks the candidate row (locked with SKIP LOCKED by `candidates`) running until its lease ends, and returns it. */
async function take(
  sql: postgres.Sql,
  candidates: postgres.PendingQuery<postgres.Row[]>,
  now: Date,
): Promise<JobRow | undefined> {
  const [row] = await sql`with taken as (${candidates})
    update temper.plugin_jobs j set next_run_at = taken.lease, last_status = 'running', last_run_at = ${now}
    from taken where j.workspace_id = taken.workspace_id and j.plugin = taken.plugin and j.job = taken.job
    returning ${columns(sql)}`;
  return row ? rowOf(row) : undefined;
}

/**
 * Takes the most overdue job run, if any, for this worker: the row is locked
 * with SKIP LOCKED (a row another worker is taking is passed over) and moved
 * past its lease with status `running` in the same statement, so that no
 * other worker, in this process or another, finds it due while it runs. A
 * worker that dies mid-run leaves the row due again once the lease is over.
 *
 * @example
 * const taken = await takeDueJob(sql, jobs, clock.now(), (job) => new Date(Date.now() + 360_000));
 */
export async function takeDueJob(
  sql: postgres.Sql,
  jobs: KnownJob[],
  now: Date,
  leaseUntil: (job: KnownJob) => Date,
): Promise<JobRow | undefined> {
  if (jobs.length === 0) return undefined;
  const leases = jobs.map((j) => leaseUntil(j).toISOString());
  return take(
    sql,
    sql`select j.workspace_id, j.plugin, j.job, k.lease from temper.plugin_jobs j
      join unnest(${jobs.map((j) => j.plugin)}::text[], ${jobs.map((j) => j.job)}::text[], ${leases}::timestamptz[])
        as k(plugin, job, lease) on k.plugin = j.plugin and k.job = j.job
      where j.next_run_at <= ${now} and ${enabled(sql)}
      order by j.next_run_at limit 1 for update of j skip locked`,
    now,
  );
}

/**
 * Takes one job of a workspace for a run on demand, due or not: its row is
 * made if it has none; a run under way (status `running` within its lease)
 * is not taken twice.
 *
 * @example
 * const taken = await takeJobNow(sql, "acme", known, clock.now(), lease);
 */
export async function takeJobNow(
  sql: postgres.Sql,
  workspaceId: string,
  job: KnownJob,
  now: Date,
  leaseUntil: Date,
): Promise<JobRow | undefined> {
  await sql`insert into temper.plugin_jobs (workspace_id, plugin, job, next_run_at)
    values (${workspaceId}, ${job.plugin}, ${job.job}, ${job.every === null ? sql`'infinity'::timestamptz` : now})
    on conflict (workspace_id, plugin, job) do nothing`;
  return take(
    sql,
    sql`select workspace_id, plugin, job, ${leaseUntil}::timestamptz as lease from temper.plugin_jobs
      where workspace_id = ${workspaceId} and plugin = ${job.plugin} and job = ${job.job}
        and (last_status is distinct from 'running' or next_run_at <= ${now})
      for update skip locked`,
    now,
  );
}

/**
 * Records how a run went and when the job runs next (null: on demand only).
 *
 * @example
 * await finishJob(sql, taken, { status: "ok", result: { scored: 120 }, nextRunAt: tomorrow });
 */
export async function finishJob(
  sql: postgres.Sql,
  row: JobRow,
  outcome: { status: "ok" | "failed"; result: Record<string, unknown>; nextRunAt: Date | null },
): Promise<void> {
  const next = outcome.nextRunAt ?? sql`'infinity'::timestamptz`;
  await sql`update temper.plugin_jobs set last_status = ${outcome.status},
      last_result = ${sql.json(outcome.result as postgres.JSONValue)}, next_run_at = ${next},
      attempts = ${outcome.status === "ok" ? 0 : row.attempts + 1}
    where workspace_id = ${row.workspaceId} and plugin = ${row.plugin} and job = ${row.job}`;
}

/**
 * The rows of a plugin's jobs in a workspace, by job name.
 *
 * @example
 * (await jobRows(sql, "acme", "scoring")).get("recompute")?.lastStatus; // "ok"
 */
export async function jobRows(sql: postgres.Sql, workspaceId: string, plugin: string): Promise<Map<string, JobRow>> {
  const rows = await sql`select ${columns(sql)} from temper.plugin_jobs j
    where j.workspace_id = ${workspaceId} and j.plugin = ${plugin}`;
  return new Map(rows.map((row) => [row.job as string, rowOf(row)]));
}
