import { type DimensionName, dimensionNames, type ScoringConfig } from "./config.ts";
import { indicatorsOf, type RawValues } from "./indicators.ts";
import { percentileRank, roundScore } from "./normalize.ts";

/** A customer's scores, 0–100: the total and each dimension's, rounded to the configuration's decimals. */
export interface Score {
  total: number;
  dimensions: Partial<Record<DimensionName, number>>;
}

/** Each normalized indicator's population: its raw values across the scored records, sorted. */
export type Populations = Record<string, readonly number[]>;

/**
 * The sorted raw values of each indicator across a population, for the
 * percentile ranks (enum points are scores already and need none).
 *
 * @example
 * populationsOf(config, raws); // { paid: [0, 0, 1200, 50000, …], complaints: [0, 0, 0, 1, …] }
 */
export function populationsOf(config: ScoringConfig, raws: Iterable<RawValues>): Populations {
  const ranked = indicatorsOf(config).filter((indicator) => !("points" in indicator));
  const populations: Record<string, number[]> = Object.fromEntries(ranked.map((i) => [i.name, []]));
  for (const raw of raws) for (const indicator of ranked) populations[indicator.name]!.push(raw[indicator.name] ?? 0);
  for (const values of Object.values(populations)) values.sort((x, y) => x - y);
  return populations;
}

/** The weighted mean of scores by weights; undefined when nothing weighs. */
function weightedMean(parts: Array<{ weight: number; score: number }>): number | undefined {
  const weight = parts.reduce((sum, p) => sum + p.weight, 0);
  return weight > 0 ? parts.reduce((sum, p) => sum + p.weight * p.score, 0) / weight : undefined;
}

/**
 * A customer's score from its raw indicator values: each indicator as its
 * percentile rank in the population (enum points as they are; turned over,
 * 100 − rank, when lower is better), each dimension the weighted mean of its
 * indicators, the total the weighted mean of the dimensions.
 *
 * @example
 * scoreOf(config, { paid: 50000, complaints: 0 }, populations); // { total: 72, dimensions: { financial: 80, contact: 58 } }
 */
export function scoreOf(config: ScoringConfig, raw: RawValues, populations: Populations): Score {
  const dimensions: Score["dimensions"] = {};
  const parts: Array<{ weight: number; score: number }> = [];
  for (const name of dimensionNames) {
    const dimension = config.dimensions[name];
    if (!dimension) continue;
    const score = weightedMean(
      dimension.indicators.map((indicator) => {
        const value = raw[indicator.name] ?? 0;
        const rank = "points" in indicator ? value : percentileRank(populations[indicator.name] ?? [], value);
        return { weight: indicator.weight, score: indicator.better === "lower" ? 100 - rank : rank };
      }),
    );
    if (score === undefined) continue;
    dimensions[name] = roundScore(score, config.decimals);
    parts.push({ weight: dimension.weight, score });
  }
  return { total: roundScore(weightedMean(parts) ?? 0, config.decimals), dimensions };
}

/**
 * What the Pareto curve is drawn on for a customer: the total score, a
 * dimension's score, or an indicator's raw value (money received, say), as
 * the configuration's `segmentation.by` says.
 *
 * @example
 * measureOf(config, score, raw); // 1250000 with "by": "paid"
 */
export function measureOf(config: ScoringConfig, score: Score, raw: RawValues): number {
  const { by } = config.segmentation;
  if (by === "score") return score.total;
  if (dimensionNames.includes(by as DimensionName)) return score.dimensions[by as DimensionName] ?? 0;
  return raw[by] ?? 0;
}
