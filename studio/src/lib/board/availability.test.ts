import { describe, expect, it } from "vitest";
import { type Availability, blockedColumns, moveTargets, planEvents, refusal } from "./availability";
import { movePlan } from "./moves";
import { pipeline } from "./testing";

const columns = ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation", "won", "lost"];
const label = (state: string) => state.toUpperCase();
const event = (name: string) => pipeline().events.find((e) => e.name === name)!;

describe("what the server says a card may do now", () => {
  it("refuses a move when it refuses every event leading there, with the first one's reason", () => {
    const known: Availability = new Map([
      ["negotiate", { available: false, reason: "Needs a quote." }],
      ["fast_track", { available: false }],
      ["propose", { available: false, reason: "Needs an amount greater than zero." }],
    ]);
    expect(refusal([event("propose")], known)).toBe("Needs an amount greater than zero.");
    expect(refusal([event("negotiate"), event("fast_track")], known)).toBe("Needs a quote.");
    expect(refusal([event("fast_track")], known)).toBe("");
  });

  it("lets it be tried while one of them may be fired, or nothing is known yet", () => {
    const known: Availability = new Map([
      ["negotiate", { available: false, reason: "Needs a quote." }],
      ["fast_track", { available: true }],
    ]);
    expect(refusal([event("negotiate"), event("fast_track")], known)).toBeUndefined();
    expect(refusal([event("propose")], undefined)).toBeUndefined();
    // An event the server did not mention is not refused.
    expect(refusal([event("win")], known)).toBeUndefined();
    expect(refusal([], known)).toBeUndefined();
  });

  it("marks the columns a dragged card may not go to now, and why", () => {
    const known: Availability = new Map([
      ["propose", { available: false, reason: "Needs an amount greater than zero." }],
      ["lose", { available: true }],
      ["move_back", { available: true }],
    ]);
    const reachable = ["qualification", "proposal", "lost"];
    expect([...blockedColumns(pipeline(), "needs_analysis", reachable, known)]).toEqual([
      ["proposal", "Needs an amount greater than zero."],
    ]);
    expect(blockedColumns(pipeline(), "needs_analysis", reachable, undefined).size).toBe(0);
  });
});

describe("the columns the Move to dialog offers", () => {
  it("are those an event the user may fire leads to, in the board's order, marked with why not", () => {
    const known: Availability = new Map([["lose", { available: false, reason: "Closed deals stay closed." }]]);
    expect(moveTargets(pipeline(), "qualification", columns, known, label)).toEqual([
      { state: "prospecting", label: "PROSPECTING" },
      { state: "needs_analysis", label: "NEEDS_ANALYSIS" },
      { state: "lost", label: "LOST", unavailable: "Closed deals stay closed." },
    ]);
    expect(
      moveTargets(
        pipeline((e) => e === "qualify"),
        "prospecting",
        columns,
        undefined,
        label,
      ),
    ).toEqual([{ state: "qualification", label: "QUALIFICATION" }]);
  });

  it("each come with the events their move may fire", () => {
    expect(planEvents(movePlan(pipeline(), "proposal", "negotiation")).map((e) => e.name)).toEqual([
      "negotiate",
      "fast_track",
    ]);
    expect(planEvents(movePlan(pipeline(), "proposal", "needs_analysis")).map((e) => e.name)).toEqual(["move_back"]);
    expect(planEvents(movePlan(pipeline(), "prospecting", "won"))).toEqual([]);
  });
});
