import { describe, expect, it } from "vitest";
import { dataInputs, eventData, eventsToReach, movePlan, reachableColumns } from "./moves";
import { pipeline } from "./testing";

describe("the event that moves a card to a column", () => {
  it("is the transition from the card's state whose targets include the column", () => {
    expect(eventsToReach(pipeline(), "needs_analysis", "proposal").map((e) => e.name)).toEqual(["propose"]);
    expect(eventsToReach(pipeline(), "negotiation", "proposal").map((e) => e.name)).toEqual(["move_back"]);
    // A guarded transition that may lead to either column counts for both.
    expect(eventsToReach(pipeline(), "proposal", "won").map((e) => e.name)).toEqual(["fast_track"]);
  });

  it("is none when nothing leads there, the card stays, or the user may not fire it", () => {
    expect(eventsToReach(pipeline(), "prospecting", "won")).toEqual([]);
    expect(eventsToReach(pipeline(), "proposal", "proposal")).toEqual([]);
    expect(eventsToReach(pipeline(), "no_such_state", "won")).toEqual([]);
    expect(
      eventsToReach(
        pipeline((e) => e !== "propose"),
        "needs_analysis",
        "proposal",
      ),
    ).toEqual([]);
    expect(movePlan(pipeline(), "prospecting", "negotiation")).toEqual({ kind: "none" });
  });

  it("is fired at once when it is the only one and carries no data", () => {
    const plan = movePlan(pipeline(), "proposal", "needs_analysis");
    expect(plan.kind).toBe("fire");
    expect(plan.kind === "fire" && plan.event.name).toBe("move_back");
  });

  it("is asked for when several lead there, or it needs data", () => {
    const several = movePlan(pipeline(), "proposal", "negotiation");
    expect(several.kind === "ask" && several.events.map((e) => e.name)).toEqual(["negotiate", "fast_track"]);
    const withData = movePlan(pipeline(), "qualification", "lost");
    expect(withData.kind === "ask" && withData.events.map((e) => e.name)).toEqual(["lose"]);
    // Taking one of the two away leaves the other to fire.
    const one = movePlan(
      pipeline((e) => e !== "fast_track"),
      "proposal",
      "negotiation",
    );
    expect(one.kind === "fire" && one.event.name).toBe("negotiate");
  });

  it("marks the columns a card may be dropped on", () => {
    const columns = ["prospecting", "qualification", "needs_analysis", "proposal", "negotiation", "won", "lost"];
    expect(reachableColumns(pipeline(), "proposal", columns)).toEqual(["needs_analysis", "negotiation", "won", "lost"]);
    expect(
      reachableColumns(
        pipeline(() => false),
        "proposal",
        columns,
      ),
    ).toEqual([]);
  });
});

describe("an event's data", () => {
  const lose = pipeline().events.find((e) => e.name === "lose")!.data;

  it("is asked for with an input per property, long texts in a text area", () => {
    expect(dataInputs(lose)).toEqual([
      { name: "reason", kind: "long_text", required: true, options: [], maxLength: 2000 },
      { name: "competitor", kind: "text", required: false, options: [], maxLength: 200 },
    ]);
    expect(
      dataInputs({
        type: "object",
        properties: { level: { type: "integer" }, urgent: { type: "boolean" }, via: { enum: ["phone", "email"] } },
      }).map((i) => [i.name, i.kind, i.options]),
    ).toEqual([
      ["level", "number", []],
      ["urgent", "boolean", []],
      ["via", "choice", ["phone", "email"]],
    ]);
    expect(dataInputs(undefined)).toEqual([]);
  });

  it("is read from the form, typed, empty optional inputs left out", () => {
    const form = new FormData();
    form.set("data.reason", "  Price too high ");
    form.set("data.competitor", "");
    form.set("other", "ignored");
    expect(eventData(lose, form)).toEqual({ reason: "Price too high" });
    const typed = new FormData();
    typed.set("data.level", "3");
    typed.set("data.urgent", "on");
    const schema = { type: "object", properties: { level: { type: "number" }, urgent: { type: "boolean" } } };
    expect(eventData(schema, typed)).toEqual({ level: 3, urgent: true });
    expect(eventData(schema, new FormData())).toEqual({ urgent: false });
  });
});
