import { describe, expect, it } from "vitest";
import type { HistoryEntry, ProcessView } from "../types";
import { mergeTimeline, type TimelineSources } from "./timeline";

const rep = { id: "u-rep", username: "rep" };
const manager = { id: "u-mgr", username: "manager" };
const change = (field: string, oldValue: unknown, newValue: unknown, changedAt: string, changedBy = rep.id) =>
  ({ field, oldValue, newValue, changedAt, changedBy }) satisfies HistoryEntry;

const process: TimelineSources["processes"][number] = {
  process: "quote_approval",
  stateField: "status",
  timeline: [
    { at: "2026-11-19T05:11:04.355Z", kind: "start", event: "start", from: null, to: "draft", data: {}, actor: rep },
    {
      at: "2026-11-19T05:11:04.355Z",
      kind: "event",
      event: "submit",
      from: "draft",
      to: "pending_approval",
      data: {},
      actor: rep,
    },
    {
      at: "2026-11-19T05:11:04.400Z",
      kind: "note",
      event: "note",
      from: "pending_approval",
      to: "pending_approval",
      data: { text: "Assigned to manager (least loaded)" },
      actor: null,
    },
    {
      at: "2026-11-20T02:29:00.000Z",
      kind: "approval",
      event: "reject",
      from: "pending_approval",
      to: "pending_approval",
      data: { level: "manager" },
      actor: manager,
    },
    {
      at: "2026-11-20T02:29:00.000Z",
      kind: "approval",
      event: "approval.rejected",
      from: "pending_approval",
      to: "rejected",
      data: {},
      actor: manager,
    },
  ],
  approvals: [
    {
      id: "a-1",
      state: "pending_approval",
      status: "rejected",
      level: "manager",
      submitter: "rep",
      startedAt: "2026-11-19T05:11:04.355Z",
      tasks: [
        {
          id: "t-1",
          approver: "manager",
          level: "manager",
          status: "rejected",
          comment: "Discount too deep",
          decidedAt: "2026-11-20T02:29:00.000Z",
        },
      ],
    },
  ],
} satisfies Pick<ProcessView, "process" | "timeline" | "approvals"> & { stateField: string };

const sources: TimelineSources = {
  record: { created_at: "2026-11-19T05:11:04.356Z", created_by: rep.id },
  history: [
    change("status", "pending_approval", "rejected", "2026-11-20T02:29:00.001Z", "u-system"),
    change("decline_reason", null, "Discount too deep", "2026-11-20T02:29:00.001Z", "u-system"),
    change("discount", 5, 25, "2026-11-19T09:00:00.000Z"),
    change("subtotal", 1000, 1200, "2026-11-19T09:00:00.000Z"),
    change("status", "draft", "pending_approval", "2026-11-19T05:11:04.356Z"),
    change("status", null, "draft", "2026-11-19T05:11:04.356Z"),
    change("name", null, "Q-1", "2026-11-19T05:11:04.356Z"),
  ],
  processes: [process],
  activities: [
    { id: "act-1", at: "2026-11-21T03:00:00.000Z", owner: rep.id, subject: "Called the buyer", kind: "call" },
  ],
  annotations: [{ id: "n-1", author: "manager", body: "Push for 10%", createdAt: "2026-11-22T01:00:00.000Z" }],
};

describe("mergeTimeline", () => {
  const items = mergeTimeline(sources);

  it("puts every source in one list, newest first", () => {
    expect(items.map((i) => (i.kind === "transition" ? `${i.kind}:${i.event}` : i.kind))).toEqual([
      "annotation",
      "activity",
      "transition:approval.rejected",
      "decision",
      "changes",
      "note",
      "transition:submit",
      "transition:start",
      "created",
    ]);
  });

  it("gives a transition the field changes it made, without its state field", () => {
    const rejected = items.find((i) => i.kind === "transition" && i.event === "approval.rejected");
    expect(rejected).toMatchObject({
      from: "pending_approval",
      to: "rejected",
      changes: [{ field: "decline_reason", from: null, to: "Discount too deep" }],
    });
    const submit = items.find((i) => i.kind === "transition" && i.event === "submit");
    expect(submit).toMatchObject({ changes: [] });
  });

  it("keeps a decision's comment, groups changes by who and when, and leaves out the values a record was created with", () => {
    expect(items.find((i) => i.kind === "decision")).toMatchObject({
      decision: "reject",
      level: "manager",
      comment: "Discount too deep",
      by: { username: "manager" },
    });
    expect(items.filter((i) => i.kind === "changes")).toEqual([
      {
        kind: "changes",
        at: "2026-11-19T09:00:00.000Z",
        by: { id: rep.id },
        changes: [
          { field: "discount", from: 5, to: 25 },
          { field: "subtotal", from: 1000, to: 1200 },
        ],
      },
    ]);
    expect(items.find((i) => i.kind === "note")).toMatchObject({ text: "Assigned to manager (least loaded)" });
    expect(items.at(-1)).toEqual({ kind: "created", at: "2026-11-19T05:11:04.356Z", by: { id: rep.id } });
  });
});

describe("mergeTimeline on transitions made in one moment", () => {
  it("gives each transition the changes of its own state change", () => {
    const at = "2026-11-20T03:24:00.000Z";
    const pipeline = {
      process: "opportunity_pipeline",
      stateField: "stage",
      approvals: [],
      timeline: [
        { at, kind: "event", event: "qualify", from: "prospecting", to: "qualification", data: {}, actor: rep },
        {
          at,
          kind: "event",
          event: "analyze_needs",
          from: "qualification",
          to: "needs_analysis",
          data: {},
          actor: rep,
        },
      ],
    };
    const items = mergeTimeline({
      record: {},
      history: [
        change("stage", "prospecting", "qualification", "2026-11-20T03:24:00.001Z"),
        change("probability", 10, 20, "2026-11-20T03:24:00.001Z"),
        change("stage", "qualification", "needs_analysis", "2026-11-20T03:24:00.002Z"),
        change("probability", 20, 40, "2026-11-20T03:24:00.002Z"),
      ],
      processes: [pipeline],
      activities: [],
      annotations: [],
    });
    expect(items.map((i) => (i.kind === "transition" ? [i.event, i.changes] : i.kind))).toEqual([
      ["analyze_needs", [{ field: "probability", from: 20, to: 40 }]],
      ["qualify", [{ field: "probability", from: 10, to: 20 }]],
    ]);
  });
});

describe("mergeTimeline on timers", () => {
  it("gives a timer's transition the changes the system made with it", () => {
    const sla = {
      process: "service_request_sla",
      stateField: "status",
      approvals: [],
      timeline: [
        {
          at: "2026-11-19T02:00:00.000Z",
          kind: "timer",
          event: "sla_breached",
          from: "assigned",
          to: "assigned",
          data: {},
          actor: null,
        },
      ],
    };
    const items = mergeTimeline({
      record: {},
      history: [change("escalated", false, true, "2026-11-19T02:00:00.001Z", "u-system")],
      processes: [sla],
      activities: [],
      annotations: [],
    });
    expect(items).toMatchObject([{ kind: "transition", cause: "timer", changes: [{ field: "escalated", to: true }] }]);
  });
});
