import type { PluginRecords, RecordValues } from "@temper/plugin-sdk";
import type { ScoringConfig } from "./config.ts";
import type { Cutoffs, Segment } from "./segment.ts";

/** What a recompute keeps for scoring one customer later: each indicator's population (sampled) and the segment cutoffs. */
export interface KeptPopulation {
  /** The configuration it was computed with: another one makes it stale. */
  config: string;
  computedAt: string;
  size: number;
  samples: Record<string, number[]>;
  cutoffs: Cutoffs;
}

/** The plugin state key of the kept population. */
export const populationKey = "population";

/**
 * A configuration's fingerprint, to know a kept population belongs to it.
 *
 * @example
 * kept.config === fingerprintOf(config); // false once the definition changed the configuration
 */
export const fingerprintOf = (config: ScoringConfig): string => JSON.stringify(config);

/**
 * The segment field's value for a segment.
 *
 * @example
 * segmentValue({ ...config, segmentation: { by: "paid", values: { a: "gold", b: "silver", c: "bronze" } } }, "a"); // "gold"
 */
export function segmentValue(config: ScoringConfig, segment: Segment): string {
  return config.segmentation.values?.[segment] ?? segment;
}

/**
 * Writes a record's score and segment where either changed, through the
 * records service: both fields are tracked, so every change is kept with
 * who, when, the old and the new value. Returns whether it wrote.
 *
 * @example
 * await applyScore(ctx.records, config, customer, 72.4, "a"); // true
 */
export async function applyScore(
  records: PluginRecords,
  config: ScoringConfig,
  record: RecordValues,
  score: number,
  segment: Segment,
): Promise<boolean> {
  const changes: RecordValues = {};
  const current = record[config.scoreField];
  if (current === null || current === undefined || Number(current) !== score) changes[config.scoreField] = score;
  const value = segmentValue(config, segment);
  if (record[config.segmentField] !== value) changes[config.segmentField] = value;
  if (Object.keys(changes).length === 0) return false;
  await records.update(config.entity, String(record.id), changes);
  return true;
}
