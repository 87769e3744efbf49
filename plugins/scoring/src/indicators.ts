import type { PluginRecords, RecordValues } from "@temper/plugin-sdk";
import { type AggregateIndicator, type Indicator, isFieldIndicator, type ScoringConfig } from "./config.ts";
import { durationBefore } from "./duration.ts";

/** Each indicator's raw value (a field's value, points, a count or a sum) by indicator name. */
export type RawValues = Record<string, number>;

/**
 * Every indicator of a configuration, whatever its dimension.
 *
 * @example
 * indicatorsOf(config).map((i) => i.name); // ["company_size", "annual_revenue", "deals_won", …]
 */
export function indicatorsOf(config: ScoringConfig): Indicator[] {
  return Object.values(config.dimensions).flatMap((dimension) => dimension?.indicators ?? []);
}

/** An indicator on the scored record's own fields: a number as it is (empty is 0), or the points of an enum's value. */
function fieldValue(indicator: Indicator & { field: string }, record: RecordValues): number {
  const value = record[indicator.field];
  if ("points" in indicator) return indicator.points[String(value)] ?? 0;
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
}

/** The list filters of an aggregate indicator: its own, its window counted back from now, and one customer when given. */
function filtersOf(indicator: AggregateIndicator, reference: string, now: Date, customer?: string) {
  const where: Record<string, string> = { ...indicator.where };
  if (indicator.window)
    where[`${indicator.window.field}.gte`] = durationBefore(now, indicator.window.period).toISOString();
  if (customer !== undefined) where[reference] = customer;
  return where;
}

/**
 * The raw value of every indicator for each of the given records of the
 * scored entity (by id): fields read from the records, and for each
 * aggregate indicator one grouped query over its entity, counted or summed
 * per referenced record in SQL. With `only`, the queries are limited to
 * that one record. Records that nothing references count 0.
 *
 * @example
 * const raw = await rawValues(ctx.records, config, customers, ctx.now());
 * raw.get(customerId); // { company_size: 80, deals_won: 3, paid: 1250000, complaints: 1, … }
 */
export async function rawValues(
  records: PluginRecords,
  config: ScoringConfig,
  scored: RecordValues[],
  now: Date,
  only?: string,
): Promise<Map<string, RawValues>> {
  const values = new Map<string, RawValues>(scored.map((record) => [String(record.id), {}]));
  for (const indicator of indicatorsOf(config)) {
    if (isFieldIndicator(indicator)) {
      for (const record of scored) values.get(String(record.id))![indicator.name] = fieldValue(indicator, record);
      continue;
    }
    for (const raw of values.values()) raw[indicator.name] = 0;
    const reference = indicator.reference ?? config.entity;
    const rows = await records.aggregate(indicator.entity, {
      group: [reference],
      ...(indicator.aggregate === "sum" ? { sum: [indicator.field!] } : {}),
      where: filtersOf(indicator, reference, now, only),
    });
    for (const row of rows) {
      const raw = values.get(String(row[reference]));
      if (raw) raw[indicator.name] = indicator.aggregate === "sum" ? Number(row[`sum_${indicator.field}`]) : row.count;
    }
  }
  return values;
}

/**
 * Every record the configuration scores (its `where`), read a page at a time in id order.
 *
 * @example
 * const customers = await scoredRecords(ctx.records, config, ctx.signal);
 */
export async function scoredRecords(
  records: PluginRecords,
  config: ScoringConfig,
  signal: AbortSignal,
): Promise<RecordValues[]> {
  const all: RecordValues[] = [];
  for (let last: string | undefined; ;) {
    if (signal.aborted) throw new Error("stopped reading the records to score: the run timed out");
    const page = await records.list(config.entity, {
      ...config.where,
      sort: "id",
      limit: "200",
      ...(last ? { "id.gt": last } : {}),
    });
    all.push(...page);
    if (page.length < 200) return all;
    last = String(page.at(-1)!.id);
  }
}
