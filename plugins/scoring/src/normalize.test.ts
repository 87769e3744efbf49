import { describe, expect, it } from "vitest";
import { percentileRank, sampleOf } from "./normalize.ts";

describe("percentileRank", () => {
  it("ranks a value by the share of the population below it, ties counted half", () => {
    const population = [0, 0, 10, 40, 1000];
    expect(population.map((v) => percentileRank(population, v))).toEqual([20, 20, 50, 70, 90]);
    expect(percentileRank(population, 5)).toBe(40);
    expect(percentileRank(population, 5000)).toBe(100);
    expect(percentileRank(population, -1)).toBe(0);
    expect(percentileRank([7, 7, 7], 7)).toBe(50);
    expect(percentileRank([], 7)).toBe(50);
  });

  it("is not moved by an outlier, unlike a scale from the minimum to the maximum", () => {
    expect(percentileRank([1, 2, 3, 4], 3)).toBe(percentileRank([1, 2, 3, 4_000_000], 3));
  });
});

describe("sampleOf", () => {
  it("keeps a small population whole and sorted, and samples a large one within a tenth of a point", () => {
    expect(sampleOf([3, 1, 2])).toEqual([1, 2, 3]);
    const large = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 20_000);
    const sample = sampleOf(large);
    expect(sample).toHaveLength(1001);
    const sorted = [...large].sort((x, y) => x - y);
    for (const value of [0, 137, 5_000, 12_345, 19_999])
      expect(Math.abs(percentileRank(sample, value) - percentileRank(sorted, value))).toBeLessThanOrEqual(0.1);
  });
});
