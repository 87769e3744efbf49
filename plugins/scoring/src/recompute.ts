import { defineJob } from "@temper/plugin-sdk";
import { applyScore, fingerprintOf, type KeptPopulation, populationKey } from "./apply.ts";
import type { ScoringConfig } from "./config.ts";
import { rawValues, scoredRecords } from "./indicators.ts";
import { sampleOf } from "./normalize.ts";
import { markScored, pendingRequests } from "./requests.ts";
import { measureOf, populationsOf, type Score, scoreOf } from "./score.ts";
import { paretoSegments } from "./segment.ts";

/**
 * `scoring.recompute`, daily: reads every scored customer, computes each
 * aggregate indicator for all of them in one grouped query, ranks each
 * indicator across the customers, combines ranks into dimension and total
 * scores, segments by Pareto, and writes the score and segment of the
 * customers whose score or segment changed. Keeps the population for
 * `scoring.score_requested`.
 *
 * @example
 * await runtime.jobs.run("acme", "scoring", "recompute"); // { status: "ok", result: { scored: 120, changed: 7, segments: { a: 21, b: 30, c: 69 }, … } }
 */
export const recompute = defineJob({
  name: "recompute",
  description: "Scores every customer and segments them A, B, C by Pareto; writes what changed.",
  every: "P1D",
  timeoutMs: 1_800_000,
  async run(ctx) {
    const config = ctx.config as unknown as ScoringConfig;
    // Requests made before the customers are read are answered by this run.
    const { upTo } = await pendingRequests(ctx.state);
    const customers = await scoredRecords(ctx.records, config, ctx.signal);
    const raws = await rawValues(ctx.records, config, customers, ctx.now());
    const populations = populationsOf(config, raws.values());
    const scores = new Map<string, Score>();
    const measures = new Map<string, number>();
    for (const [id, raw] of raws) {
      const score = scoreOf(config, raw, populations);
      scores.set(id, score);
      measures.set(id, measureOf(config, score, raw));
    }
    const { a = 0.8, b = 0.95 } = config.segmentation;
    const { segments, cutoffs } = paretoSegments(measures, a, b);
    let changed = 0;
    for (const customer of customers) {
      if (ctx.signal.aborted) throw new Error(`stopped after writing ${changed} scores: the run timed out`);
      const id = String(customer.id);
      if (await applyScore(ctx.records, config, customer, scores.get(id)!.total, segments.get(id)!)) changed++;
    }
    const kept: KeptPopulation = {
      config: fingerprintOf(config),
      computedAt: ctx.now().toISOString(),
      size: customers.length,
      samples: Object.fromEntries(Object.entries(populations).map(([name, values]) => [name, sampleOf(values)])),
      cutoffs,
    };
    await ctx.state.set(populationKey, kept);
    await markScored(ctx.state, upTo);
    const counts = { a: 0, b: 0, c: 0 };
    const held = { a: 0, b: 0, c: 0 };
    for (const [id, segment] of segments) {
      counts[segment]++;
      held[segment] += Math.max(measures.get(id)!, 0);
    }
    const total = held.a + held.b + held.c;
    const share = (part: number) => (total > 0 ? Math.round((1000 * part) / total) / 1000 : 0);
    return {
      scored: customers.length,
      changed,
      segments: counts,
      shares: { a: share(held.a), b: share(held.b), c: share(held.c) },
      by: config.segmentation.by,
    };
  },
});
