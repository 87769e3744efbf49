import { describe, expect, it } from "vitest";
import { durationBefore, isDuration } from "./duration.ts";

describe("durations", () => {
  it("reads ISO-8601 durations and counts them back by the calendar", () => {
    expect(["P365D", "P1Y6M", "PT12H", "P2W", "P1DT1H"].every(isDuration)).toBe(true);
    expect(["P", "PT", "365D", "P1.5D", "P1DT"].some(isDuration)).toBe(false);
    const at = new Date("2026-03-31T09:00:00Z");
    expect(durationBefore(at, "P365D")).toEqual(new Date("2025-03-31T09:00:00Z"));
    expect(durationBefore(at, "P1M")).toEqual(new Date("2026-02-28T09:00:00Z"));
    expect(durationBefore(at, "P1Y1M2DT3H")).toEqual(new Date("2025-02-26T06:00:00Z"));
    expect(() => durationBefore(at, "a year")).toThrow('"a year" is not an ISO-8601 duration');
  });
});
