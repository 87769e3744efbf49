import type { PluginRecords } from "@temper/plugin-sdk";
import { applyScore, type KeptPopulation, segmentValue } from "./apply.ts";
import type { ScoringConfig } from "./config.ts";
import { rawValues } from "./indicators.ts";
import { measureOf, scoreOf } from "./score.ts";
import { segmentOf } from "./segment.ts";

/**
 * Scores one customer against a kept population: its indicators from its
 * own records (one grouped query per aggregate indicator, limited to it),
 * ranked among the population's values as they were at the last recompute,
 * its segment from the kept Pareto cutoffs; written where it changed.
 *
 * @example
 * await scoreOne(ctx.records, config, kept, customerId, ctx.now()); // { score: 64, segment: "b", changed: true }
 */
export async function scoreOne(
  records: PluginRecords,
  config: ScoringConfig,
  kept: KeptPopulation,
  id: string,
  now: Date,
): Promise<{ score: number; segment: string; changed: boolean }> {
  const customer = await records.get(config.entity, id);
  const raw = (await rawValues(records, config, [customer], now, id)).get(id)!;
  const score = scoreOf(config, raw, kept.samples);
  const segment = segmentOf(measureOf(config, score, raw), kept.cutoffs);
  const changed = await applyScore(records, config, customer, score.total, segment);
  return { score: score.total, segment: segmentValue(config, segment), changed };
}
