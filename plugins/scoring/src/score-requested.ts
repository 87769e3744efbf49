import { defineJob } from "@temper/plugin-sdk";
import { fingerprintOf, type KeptPopulation, populationKey } from "./apply.ts";
import type { ScoringConfig } from "./config.ts";
import { markScored, pendingRequests } from "./requests.ts";
import { scoreOne } from "./score-one.ts";

/**
 * `scoring.score_requested`, every minute: scores the customers that
 * `scoring.score_customer` asked for, one by one, against the population the
 * last recompute kept. Until a recompute has kept one for the current
 * configuration, requests wait (the recompute scores everyone anyway).
 *
 * @example
 * await runtime.jobs.run("acme", "scoring", "score_requested"); // { status: "ok", result: { scored: 1, changed: 1 } }
 */
export const scoreRequested = defineJob({
  name: "score_requested",
  description: "Scores the customers processes asked for, against the population of the last recompute.",
  every: "PT1M",
  async run(ctx) {
    const config = ctx.config as unknown as ScoringConfig;
    const { ids, upTo } = await pendingRequests(ctx.state);
    if (ids.length === 0) return { scored: 0, changed: 0 };
    const kept = await ctx.state.get<KeptPopulation>(populationKey);
    if (!kept || kept.config !== fingerprintOf(config)) return { scored: 0, changed: 0, waiting: ids.length };
    let changed = 0;
    const failed: Record<string, string> = {};
    for (const id of ids) {
      if (ctx.signal.aborted) throw new Error("stopped: the run timed out");
      try {
        if ((await scoreOne(ctx.records, config, kept, id, ctx.now())).changed) changed++;
      } catch (error) {
        // A customer deleted or refused since is left to the next recompute: it does not hold up the others.
        failed[id] = error instanceof Error ? error.message : String(error);
      }
    }
    await markScored(ctx.state, upTo);
    const failures = Object.keys(failed).length;
    return { scored: ids.length - failures, changed, ...(failures > 0 ? { failed } : {}) };
  },
});
