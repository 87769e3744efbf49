import type { Logger, PluginRecords, PluginUser } from "@temper/plugin-sdk";
import { listQueryOf } from "../records/list-query.ts";
import { statsGroupsOf } from "../records/stats.ts";
import type { Actor, RecordService } from "../records/service.ts";

/** The records service as a plugin step sees it, acting as `actor` (their permissions apply). */
export function pluginRecords(records: RecordService, actor: Actor): PluginRecords {
  return {
    get: (entity, id) => records.get(actor, entity, id),
    async list(entity, query = {}) {
      return (await records.list(actor, entity, listQueryOf(new URLSearchParams(query)))).records;
    },
    create: (entity, input) => records.create(actor, entity, input),
    async update(entity, id, input) {
      const current = await records.get(actor, entity, id);
      return records.update(actor, entity, id, input, Number(current.version));
    },
    async aggregate(entity, request) {
      // Every group, however many: a job scores each customer of a workspace from one grouped query.
      const { filters = [], search } = listQueryOf(new URLSearchParams(request.where ?? {}));
      const stats = await records.stats(
        actor,
        entity,
        {
          groups: statsGroupsOf(request.group),
          sums: request.sum ?? [],
          query: { filters, ...(search !== undefined ? { search } : {}) },
        },
        { maxGroups: Number.POSITIVE_INFINITY, timeout: "60s" },
      );
      return stats.rows;
    },
  };
}

/** The user a plugin sees: nobody for the system. */
export function pluginUser(actor: Actor): PluginUser | null {
  return actor.system ? null : { id: actor.id, username: actor.username, roles: [...actor.roles] };
}

/** A logger that prefixes each line with the plugin step and the record. */
export function pluginLogger(step: string, record: string): Logger {
  const line = (level: string, message: string, data?: Record<string, unknown>) =>
    `${step} [${record}] ${level}: ${message}${data ? ` ${JSON.stringify(data)}` : ""}`;
  return {
    info: (message, data) => console.log(line("info", message, data)),
    warn: (message, data) => console.warn(line("warn", message, data)),
    error: (message, data) => console.error(line("error", message, data)),
  };
}

/**
 * Runs a plugin's code with a time limit: past it the signal is aborted and
 * the run fails, whatever the code does next.
 */
export async function withTimeout<T>(
  what: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected before the abort: code that returns when aborted must not win the race.
      reject(new Error(`${what} did not finish within ${timeoutMs} ms`));
      controller.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
