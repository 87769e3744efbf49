export type Segment = "a" | "b" | "c";

/** The smallest value in A and in B: what places one customer without drawing the curve again. */
export interface Cutoffs {
  a: number | null;
  b: number | null;
}

/**
 * ABC segmentation by Pareto: customers sorted by value, largest first; A
 * while the share of the total held by those before a customer is under `a`
 * (0.8), B while under `b` (0.95), C after. The customer who crosses a line is
 * on its upper side, and equal values share a segment. Nothing of value
 * (zero or less) is C.
 *
 * @example
 * paretoSegments(new Map([["x", 70], ["y", 20], ["z", 10]]), 0.8, 0.95);
 * // { segments: Map { x → "a", y → "b", z → "c" }, cutoffs: { a: 70, b: 20 } }
 */
export function paretoSegments<Key>(
  values: Map<Key, number>,
  a: number,
  b: number,
): { segments: Map<Key, Segment>; cutoffs: Cutoffs } {
  const total = [...values.values()].reduce((sum, v) => sum + Math.max(v, 0), 0);
  const cutoffs: Cutoffs = { a: null, b: null };
  const sorted = [...values.entries()].sort((x, y) => y[1] - x[1]);
  let before = 0;
  let previous: { value: number; segment: Segment } | undefined;
  const segments = new Map<Key, Segment>();
  for (const [key, value] of sorted) {
    let segment: Segment;
    if (previous && previous.value === value) segment = previous.segment;
    else if (value <= 0 || total <= 0) segment = "c";
    else segment = before / total < a ? "a" : before / total < b ? "b" : "c";
    if (segment !== "c") cutoffs[segment] = value;
    segments.set(key, segment);
    before += Math.max(value, 0);
    previous = { value, segment };
  }
  return { segments, cutoffs };
}

/**
 * The segment of one value against the cutoffs of a population.
 *
 * @example
 * segmentOf(25, { a: 70, b: 20 }); // "b"
 */
export function segmentOf(value: number, cutoffs: Cutoffs): Segment {
  if (cutoffs.a !== null && value >= cutoffs.a) return "a";
  if (cutoffs.b !== null && value >= cutoffs.b) return "b";
  return "c";
}
