import { describe, expect, it } from "vitest";
import { boardStates, columnTotals, groupCards } from "./columns";
import { pipeline } from "./testing";

describe("a board's columns", () => {
  it("are the view's columns that are states, else every state not final in the process's order", () => {
    expect(boardStates(pipeline(), { columns: ["proposal", "gone", "won"] })).toEqual(["proposal", "won"]);
    expect(boardStates(pipeline(), {})).toEqual([
      "prospecting",
      "qualification",
      "needs_analysis",
      "proposal",
      "negotiation",
    ]);
  });

  it("count and sum every record in each state from the stats", () => {
    const rows = [
      { stage: "proposal", count: 4, sum_amount: 1250000 },
      { stage: "won", count: 2, sum_amount: 300 },
      { stage: "lost", count: 9, sum_amount: 1 },
    ];
    const totals = columnTotals(rows, ["proposal", "negotiation", "won"], "stage", "amount");
    expect([...totals]).toEqual([
      ["proposal", { count: 4, sum: 1250000 }],
      ["negotiation", { count: 0, sum: 0 }],
      ["won", { count: 2, sum: 300 }],
    ]);
    expect(columnTotals(rows, ["won"], "stage").get("won")).toEqual({ count: 2, sum: null });
  });
});

describe("grouping cards", () => {
  const cards = [
    { id: "a", state: "proposal", sumValue: 100 },
    { id: "b", state: "proposal", sumValue: 50 },
    { id: "c", state: "negotiation", sumValue: 10 },
    { id: "d", state: "lost", sumValue: 5 },
  ];
  const states = ["proposal", "negotiation"];
  const totals = () =>
    new Map([
      ["proposal", { count: 12, sum: 1000 }],
      ["negotiation", { count: 3, sum: 70 }],
    ]);

  it("puts each card in its state's column, in order, and leaves out states not shown", () => {
    const groups = groupCards(states, cards, totals());
    expect(groups.map((g) => [g.state, g.cards.map((c) => c.id), g.count, g.sum])).toEqual([
      ["proposal", ["a", "b"], 12, 1000],
      ["negotiation", ["c"], 3, 70],
    ]);
  });

  it("shows a card being moved in its new column first, its count and sum with it", () => {
    const groups = groupCards(states, cards, totals(), new Map([["b", "negotiation"]]));
    expect(groups.map((g) => [g.state, g.cards.map((c) => c.id), g.count, g.sum])).toEqual([
      ["proposal", ["a"], 11, 950],
      ["negotiation", ["b", "c"], 4, 120],
    ]);
  });

  it("springs a card back when its move is forgotten, and drops one moved off the board", () => {
    const moved = groupCards(states, cards, totals(), new Map([["a", "won"]]));
    expect(moved[0]).toMatchObject({ cards: [{ id: "b" }], count: 11, sum: 900 });
    const back = groupCards(states, cards, totals(), new Map());
    expect(back[0]!.cards.map((c) => c.id)).toEqual(["a", "b"]);
  });
});
