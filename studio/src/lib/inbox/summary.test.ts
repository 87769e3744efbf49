import { describe, expect, it } from "vitest";
import type { ProcessView, Task } from "../types";
import { type SummaryContext, taskSummary } from "./summary";

const task: Task = {
  id: "t-2",
  entity: "quote",
  recordId: "q-1",
  title: "Q-2026-0042",
  process: "quote_approval",
  processLabel: { en: "Quote approval", zh: "报价审批" },
  state: "pending_approval",
  stateLabel: { en: "Pending approval" },
  level: "director",
  levelLabel: { en: "Sales director", zh: "销售总监审批" },
  submitter: "rep",
  from: null,
  since: "2026-11-03T02:00:00.000Z",
  dueAt: "2026-11-05T02:00:00.000Z",
  delegation: true,
  returnable: true,
};

const taskRow = (id: string, approver: string, level: string, status: string, comment: string | null = null) => ({
  id,
  approver,
  level,
  status,
  comment,
  decidedAt: status === "pending" ? null : "2026-11-03T02:00:00.000Z",
});

const view: ProcessView = {
  process: "quote_approval",
  label: { en: "Quote approval" },
  definitionVersion: "1.0.0",
  state: "pending_approval",
  stateLabel: { en: "Pending approval" },
  status: "active",
  version: 3,
  stateSince: "2026-11-02T01:30:00.000Z",
  lastError: null,
  timeline: [],
  timers: [],
  outbox: [],
  approvals: [
    {
      id: "a-0",
      state: "pending_approval",
      status: "returned",
      level: "manager",
      submitter: "rep",
      startedAt: "2026-10-20T01:00:00.000Z",
      tasks: [taskRow("t-0", "manager", "manager", "returned", "Fix the lines")],
    },
    {
      id: "a-1",
      state: "pending_approval",
      status: "pending",
      level: "director",
      submitter: "rep",
      startedAt: "2026-11-02T01:30:00.000Z",
      tasks: [
        taskRow("t-1", "manager", "manager", "approved", "Fine by me"),
        taskRow("t-2", "director", "director", "pending"),
        taskRow("t-3", "director2", "director", "pending"),
      ],
    },
  ],
};

const ctx = (locale = "en", now = "2026-11-04T00:00:00Z"): SummaryContext => ({
  locale,
  fallbacks: ["en", "zh", "ko"],
  timezone: "Asia/Shanghai",
  people: new Map([
    ["rep", "Li Wei"],
    ["manager", "Zhang Min"],
    ["director", "Chen Jie"],
  ]),
  me: "director",
  now: new Date(now),
});

describe("a task's summary", () => {
  it("says what it is about, who submitted it and when, in the user's language and the app's time zone", () => {
    const summary = taskSummary(task, view, ctx());
    expect(summary).toMatchObject({
      title: "Q-2026-0042",
      href: "/quote/q-1",
      process: "Quote approval",
      level: "Sales director",
      submitter: "Li Wei",
      submittedAt: "Nov 2, 2026, 9:30 AM",
      since: "Nov 3, 2026, 10:00 AM",
      due: "Nov 5, 2026, 10:00 AM",
      overdue: false,
      from: null,
    });
    const zh = taskSummary(task, view, ctx("zh"));
    expect(zh.level).toBe("销售总监审批");
    expect(zh.submittedAt).toBe("2026年11月2日 09:30");
  });

  it("names the others deciding at its level first, then who decided before, from the approval under way", () => {
    const { deciders } = taskSummary(task, view, ctx());
    expect(deciders.map((d) => [d.name, d.status, d.current, d.comment])).toEqual([
      ["director2", "pending", true, null],
      ["Zhang Min", "approved", false, "Fine by me"],
    ]);
    expect(deciders.some((d) => d.you)).toBe(false);
  });

  it("is overdue past its level's timeout, and says whom a delegated task came from", () => {
    const late = taskSummary({ ...task, from: "manager" }, view, ctx("en", "2026-11-06T00:00:00Z"));
    expect(late.overdue).toBe(true);
    expect(late.from).toBe("Zhang Min");
    const noTimeout = taskSummary({ ...task, dueAt: null }, view, ctx("en", "2027-01-01T00:00:00Z"));
    expect([noTimeout.due, noTimeout.overdue]).toEqual([null, false]);
  });

  it("falls back to the task's own submitter when the record's process cannot be read", () => {
    const summary = taskSummary(task, undefined, ctx());
    expect([summary.submitter, summary.submittedAt, summary.deciders]).toEqual(["Li Wei", null, []]);
  });
});
