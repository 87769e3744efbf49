import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { customer } from "../testing";
import type { EventOption, ProcessDef, ProcessView } from "../types";
import { processBars } from "./process-bar";

const definition: ProcessDef = {
  name: "quote_approval",
  label: { en: "Quote approval", zh: "报价审批" },
  entity: "customer",
  stateField: "status",
  initial: "draft",
  states: [
    {
      name: "pending",
      label: { en: "Pending approval", zh: "待审批" },
      final: false,
      approval: true,
      transitions: [
        { event: "withdraw", targets: ["draft"] },
        { event: "cancel", targets: ["cancelled"] },
      ],
    },
  ],
  events: [],
};

const view: ProcessView = {
  process: "quote_approval",
  label: { en: "Quote approval", zh: "报价审批" },
  definitionVersion: "1.0.0",
  state: "pending",
  stateLabel: { en: "Pending approval", zh: "待审批" },
  status: "active",
  version: 3,
  stateSince: "2026-11-20T03:24:00.000Z",
  lastError: null,
  outbox: [],
  timeline: [],
  timers: [{ kind: "approval_timeout", key: "l0", dueAt: "2026-11-24T03:24:00.000Z", payload: {} }],
  approvals: [
    {
      id: "a-1",
      state: "pending",
      status: "pending",
      level: "director",
      submitter: "rep",
      startedAt: "2026-11-20T03:24:00.000Z",
      tasks: [
        { id: "t-1", approver: "director", level: "director", status: "pending", comment: null, decidedAt: null },
        { id: "t-2", approver: "manager", level: "manager", status: "approved", comment: null, decidedAt: "x" },
      ],
    },
  ],
};

const option = (event: string, extra: Partial<EventOption>): EventOption => ({
  process: "quote_approval",
  event,
  label: { en: event, zh: `${event}（中文）` },
  available: false,
  ...extra,
});

const options: EventOption[] = [
  option("withdraw", { available: true }),
  option("reopen", {
    available: true,
    data: { type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 1 } } },
  }),
  option("send", {
    refused: "guard",
    reason: 'the conditions of "send" do not hold',
    description: { en: "Only once approved.", zh: "批准后才能发送。" },
  }),
  option("approve", { refused: "guard", reason: 'the conditions of "approve" in state "pending" do not hold' }),
  option("cancel", { refused: "forbidden", reason: "your roles may not fire it" }),
  option("revise", { refused: "forbidden", reason: "your roles may not fire it" }),
  option("accept", { refused: "not_in_state", reason: '"accept" is not possible in state "pending"' }),
];

const ctx = (locale: string) => ({
  locale,
  fallbacks: ["en", "zh"],
  t: translator(locale),
  timezone: "Asia/Shanghai",
  names: new Map([["director", "Zhou Min"]]),
});

describe("processBars", () => {
  it("shows the state, the events the user may fire, and why the state's other events are not theirs now", () => {
    const [bar] = processBars([view], options, new Map([["quote_approval", definition]]), customer(), ctx("zh"));
    expect(bar).toMatchObject({ label: "报价审批", state: "待审批", version: 3, status: "active" });
    expect(bar!.actions.map((a) => [a.event, a.label, a.fields?.map((f) => f.name) ?? null])).toEqual([
      ["withdraw", "withdraw（中文）", null],
      ["reopen", "reopen（中文）", ["reason"]],
    ]);
    expect(bar!.blocked).toEqual([
      { key: "quote_approval.send", label: "send（中文）", reason: "批准后才能发送。" },
      {
        key: "quote_approval.approve",
        label: "approve（中文）",
        reason: 'the conditions of "approve" in state "pending" do not hold',
      },
      { key: "quote_approval.cancel", label: "cancel（中文）", reason: "您的角色无权执行此操作" },
    ]);
    expect(bar!.waiting).toEqual({ names: "Zhou Min", level: "director" });
    expect(bar!.due).toBe("2026年11月24日 11:24");
  });

  it("sends no instance version for a process that has not started", () => {
    const notStarted: ProcessView = {
      ...view,
      state: null,
      stateLabel: null,
      status: "not_started",
      version: 0,
      approvals: [],
    };
    const [bar] = processBars([notStarted], [], new Map(), customer(), ctx("en"));
    expect(bar).toMatchObject({ state: null, version: null, waiting: null, actions: [], blocked: [] });
  });
});
