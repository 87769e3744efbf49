import { describe, expect, it } from "vitest";
import { loadDefinition } from "../definitions/index.ts";
import { compileProcess } from "./machine.ts";
import { isRefusal, planEvent, planStart } from "./plan.ts";

const crm = new URL("../../../definitions/examples/crm", import.meta.url).pathname;
const user = { id: "u1", username: "rep", roles: ["sales_rep"] };
const now = new Date("2026-03-02T09:00:00Z");

describe("planning transitions", async () => {
  const { definition } = await loadDefinition(crm);
  if (!definition) throw new Error("the reference CRM does not load");

  it("starts a complaint in open with its entry steps and its 24 h timer", () => {
    const plan = planStart(compileProcess(definition, "complaint_escalation"));
    expect(plan.to).toBe("open");
    expect(plan.steps.map((s) => (s.kind === "step" ? s.type : s.kind))).toEqual([
      "assignment.assign",
      "notify",
      "schedule_timer",
    ]);
    expect(plan.steps[2]).toMatchObject({ after: "PT24H", event: "xstate.after.PT24H.complaint_escalation.open" });
  });

  it("leaving a state cancels its timers, and the timer's event escalates", () => {
    const compiled = compileProcess(definition, "complaint_escalation");
    const handled = planEvent(compiled, "open", "start_handling", {}, { record: {}, user, now });
    if (isRefusal(handled)) throw new Error(handled.message);
    expect(handled.to).toBe("in_handling");
    expect(handled.steps[0]).toEqual({ kind: "cancel_timer", key: "xstate.after.PT24H.complaint_escalation.open" });
    const escalated = planEvent(
      compiled,
      "open",
      "xstate.after.PT24H.complaint_escalation.open",
      {},
      {
        record: { escalation_level: 0 },
        user,
        now,
      },
    );
    if (isRefusal(escalated)) throw new Error(escalated.message);
    expect(escalated.to).toBe("escalated_supervisor");
  });

  it("chooses the first guarded transition that holds, and names guards that do not", () => {
    const compiled = compileProcess(definition, "quote_approval");
    const big = planEvent(compiled, "draft", "submit", {}, { record: { subtotal: 1000, discount: 25 }, user, now });
    expect(!isRefusal(big) && big.to).toBe("pending_approval");
    expect(!isRefusal(big) && big.steps.some((s) => s.kind === "approval_start")).toBe(true);
    const small = planEvent(compiled, "draft", "submit", {}, { record: { subtotal: 1000, discount: 5 }, user, now });
    expect(!isRefusal(small) && small.to).toBe("approved");
    const empty = planEvent(compiled, "draft", "submit", {}, { record: { discount: 5 }, user, now });
    expect(empty).toMatchObject({ refused: "guard" });
    expect(planEvent(compiled, "approved", "submit", {}, { record: {}, user, now })).toMatchObject({
      refused: "not_in_state",
    });
    expect(planEvent(compiled, "draft", "launch", {}, { record: {}, user, now })).toMatchObject({
      refused: "unknown_event",
    });
  });
});
