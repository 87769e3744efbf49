import { describe, expect, it } from "vitest";
import { context, customer } from "../testing";
import type { ProcessDef } from "../types";
import { timelineRows } from "./timeline-rows";

const pipeline: ProcessDef = {
  name: "pipeline",
  label: { en: "Pipeline", zh: "商机推进" },
  entity: "customer",
  stateField: "region",
  initial: "east",
  states: [
    { name: "east", label: { en: "East", zh: "华东" }, final: false, approval: false, transitions: [] },
    { name: "north", label: { en: "North", zh: "华北" }, final: false, approval: false, transitions: [] },
  ],
  events: [
    {
      name: "move",
      label: { en: "Move north", zh: "迁往华北" },
      mayFire: true,
      data: { type: "object", properties: { reason: { type: "string" }, note: { type: "string" } } },
    },
  ],
};

describe("timelineRows", () => {
  it("tells who did what in the user's language, each value as its field reads", () => {
    const rows = timelineRows(
      [
        {
          kind: "transition",
          at: "2026-11-02T01:30:00.000Z",
          by: { id: "u-1", username: "li.wei" },
          process: "pipeline",
          cause: "event",
          event: "move",
          from: "east",
          to: "north",
          data: { reason: "Closer to the plant", note: "Call first" },
          changes: [
            { field: "notes", from: null, to: "Closer to the plant" },
            { field: "annual_revenue", from: 1000, to: 2500.5 },
          ],
        },
        {
          kind: "changes",
          at: "2026-11-01T01:30:00.000Z",
          by: { id: "u-system" },
          changes: [{ field: "active", from: false, to: true }],
        },
        { kind: "annotation", at: "2026-11-01T00:30:00.000Z", by: { username: "min.jun" }, body: "Good work" },
      ],
      {
        entity: customer(),
        activity: undefined,
        processes: new Map([["pipeline", pipeline]]),
        display: context("zh"),
        usernames: new Map([["min.jun", "Min-jun Manager"]]),
      },
    );
    expect(rows[0]).toMatchObject({
      title: "Li Wei：迁往华北",
      states: { from: "华东", to: "华北" },
      when: "2026年11月2日 09:30",
      lines: [
        // The reason the event wrote into a field reads once, as that field's change.
        { label: "Note", to: { text: "Call first" } },
        { label: "Notes", from: { text: "" }, to: { text: "Closer to the plant" } },
        { label: "Annual revenue", from: { text: "¥1,000.00" }, to: { text: "¥2,500.50" } },
      ],
    });
    expect(rows[1]).toMatchObject({
      title: "由系统修改",
      lines: [{ label: "Active", from: { text: "否" }, to: { text: "是" } }],
    });
    expect(rows[2]).toMatchObject({ title: "Min-jun Manager添加了批注", body: "Good work" });
  });

  it("says what a level's timeout did: the managers an escalation asked, or the outcome", () => {
    const timeout = (then: string, escalatedTo?: string[]) => ({
      kind: "decision" as const,
      at: "2026-11-22T03:24:00.000Z",
      by: null,
      process: "pipeline",
      decision: "timeout",
      level: "director",
      comment: null,
      to: null,
      then,
      ...(escalatedTo ? { escalatedTo } : {}),
    });
    const approving: ProcessDef = {
      ...pipeline,
      states: [
        ...pipeline.states,
        {
          name: "pending",
          label: { en: "Pending approval" },
          final: false,
          approval: true,
          levels: [{ name: "director", label: { en: "Sales director", zh: "销售总监审批" } }],
          transitions: [],
        },
      ],
    };
    const timelineOf = (locale: string) =>
      timelineRows([timeout("escalate", ["vp", "coo"]), timeout("reject"), timeout("escalate", [])], {
        entity: customer(),
        activity: undefined,
        processes: new Map([["pipeline", approving]]),
        display: context(locale),
        usernames: new Map([
          ["vp", "Wang Haitao"],
          ["coo", "Zhou Min"],
        ]),
      });
    const rows = (locale: string) => timelineOf(locale).map((row) => row.title);
    expect(rows("en")).toEqual([
      "No decision in time: also asked Wang Haitao, Zhou Min",
      "No decision in time: rejected",
      // Nobody above to ask.
      "No decision in time",
    ]);
    expect(rows("zh")[0]).toBe("未在时限内审批：已升级至Wang Haitao、Zhou Min");
    // The level as the definition labels it.
    expect(timelineOf("zh")[0]?.lines).toEqual([{ label: "审批级别", to: { text: "销售总监审批" } }]);
  });
});
