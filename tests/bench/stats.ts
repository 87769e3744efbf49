/** Latency figures of repeated runs, in milliseconds. */
export interface Latency {
  runs: number;
  p50: number;
  p95: number;
  mean: number;
}

/**
 * Summarizes durations (ms): the 50th and 95th percentiles (nearest rank) and the mean.
 *
 * @example
 * latency([1, 2, 3, 4, 100]); // { runs: 5, p50: 3, p95: 100, mean: 22 }
 */
export function latency(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { runs: sorted.length, p50: round(rank(0.5)), p95: round(rank(0.95)), mean: round(mean) };
}

/**
 * Rounds to three decimals, for reports.
 *
 * @example
 * round(1.23456); // 1.235
 */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Times an async function, in milliseconds.
 *
 * @example
 * const ms = await timed(() => sql`select 1`);
 */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Formats rows as an aligned text table.
 *
 * @example
 * table([["a", "b"], ["1", "22"]]); // "a  b\n1  22"
 */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
