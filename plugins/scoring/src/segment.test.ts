import { describe, expect, it } from "vitest";
import { paretoSegments, segmentOf } from "./segment.ts";

const segmentsOf = (values: Record<string, number>, a = 0.8, b = 0.95) =>
  Object.fromEntries(paretoSegments(new Map(Object.entries(values)), a, b).segments);

describe("paretoSegments", () => {
  it("puts in A those before whom less than 80% of the value is held, in B up to 95%, the rest in C", () => {
    // Shares before each: 0, 0.5, 0.75 (A); 0.85, 0.9 (B); 0.95 and on (C).
    const values = { v: 50, w: 25, x: 10, y: 5, z: 5, q: 3, r: 2, s: 0 };
    expect(segmentsOf(values)).toEqual({ v: "a", w: "a", x: "a", y: "b", z: "b", q: "c", r: "c", s: "c" });
    expect(paretoSegments(new Map(Object.entries(values)), 0.8, 0.95).cutoffs).toEqual({ a: 10, b: 5 });
    expect(segmentsOf(values, 0.5, 0.6)).toMatchObject({ v: "a", w: "b", x: "c" });
  });

  it("gives equal values one segment, and nothing of value C", () => {
    expect(segmentsOf({ x: 40, y: 40, z: 20 }, 0.3, 0.5)).toEqual({ x: "a", y: "a", z: "c" });
    expect(segmentsOf({ x: 0, y: 0 })).toEqual({ x: "c", y: "c" });
    expect(segmentsOf({ x: 10, y: -5 })).toEqual({ x: "a", y: "c" });
  });

  it("places one value against the cutoffs as the whole curve would", () => {
    const values = new Map(Object.entries({ v: 50, w: 25, x: 10, y: 5, z: 5, q: 3 }));
    const { segments, cutoffs } = paretoSegments(values, 0.8, 0.95);
    for (const [key, value] of values) expect(segmentOf(value, cutoffs)).toBe(segments.get(key));
    expect(segmentOf(0, { a: null, b: null })).toBe("c");
  });
});
