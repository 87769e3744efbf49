/** The first index in a sorted list whose value is at least (or, `after`, beyond) `value`. */
function boundOf(sorted: readonly number[], value: number, after: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value || (after && sorted[middle] === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A value's percentile rank in a population, 0–100: the share of the
 * population below it, ties counted half. The lowest of many scores near 0,
 * the highest near 100, a population of equal values 50. An outlier moves no
 * one else's score, which is why scores are ranks rather than scaled values.
 *
 * @example
 * percentileRank([0, 0, 10, 40, 1000], 40); // 70
 */
export function percentileRank(sorted: readonly number[], value: number): number {
  if (sorted.length === 0) return 50;
  const below = boundOf(sorted, value, false);
  const equal = boundOf(sorted, value, true) - below;
  return (100 * (below + equal / 2)) / sorted.length;
}

/** How many values a kept population holds at most. */
export const sampleSize = 1001;

/**
 * A sorted population as kept between runs: all of it when small, else
 * its values at 1,001 evenly spaced ranks, so that a percentile rank
 * against the sample is within 0.1 of the rank against the whole.
 *
 * @example
 * sampleOf([5, 1, 3]); // [1, 3, 5]
 */
export function sampleOf(values: readonly number[]): number[] {
  const sorted = [...values].sort((x, y) => x - y);
  if (sorted.length <= sampleSize) return sorted;
  return Array.from(
    { length: sampleSize },
    (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (sampleSize - 1))]!,
  );
}

/**
 * Rounds a score to the decimals it is written with: what is compared with what is there.
 *
 * @example
 * roundScore(72.449, 1); // 72.4
 */
export function roundScore(score: number, decimals = 0): number {
  const scale = 10 ** decimals;
  return Math.round(score * scale) / scale;
}
