import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import { customerOf, fire, optionsOf, processOf, read, refused, timelineEvents } from "./helpers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("complaints")), 120_000);
afterAll(() => fx?.close());

describe("complaint escalation", () => {
  it("assigns an agent, escalates at 24 h to the supervisor and at 72 h to the director", async () => {
    const customer = await fx.runtime.records(fx.context).create(fx.system, "customer", {
      name: "Hanwha Machinery",
      region: "east",
      owner: fx.ids.get("rep.e1"),
    });
    const created = await fx.as("supervisor")("POST", "/records/complaint", {
      subject: "Spindle broke after a week",
      customer: customer.id,
      description: "The spindle of the lathe broke after a week of use.",
      severity: "major",
      category: "product_quality",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body.status).toBe("open");
    expect([fx.ids.get("agent1"), fx.ids.get("agent2")]).toContain(created.body.owner);
    let view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.processes[0]).toMatchObject({ state: "open", status: "active" });
    expect(view.body.processes[0].timers.map((t: { dueAt: string }) => t.dueAt)).toEqual(["2026-03-03T09:00:00.000Z"]);

    fx.clock.advance("PT23H");
    await fx.settle();
    view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.body.processes[0].state).toBe("open");

    fx.clock.advance("PT2H");
    await fx.settle();
    view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.body.processes[0].state).toBe("escalated_supervisor");
    const record = await fx.as("supervisor")("GET", `/records/complaint/${id}`);
    expect(record.body).toMatchObject({ status: "escalated_supervisor", escalation_level: 1 });

    fx.clock.advance("PT48H");
    await fx.settle();
    view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.body.processes[0].state).toBe("escalated_director");
    expect(timelineEvents(view.body.processes[0])).toEqual([
      "start",
      "xstate.after.PT24H.complaint_escalation.open",
      "xstate.after.PT48H.complaint_escalation.escalated_supervisor",
    ]);
    const inbox = await fx.as("svc.director")("GET", "/notifications");
    expect(JSON.stringify(inbox.body)).toContain("escalated to the director");
  });

  it("proposes a resolution and closes only once the customer's confirmation is recorded", async () => {
    const { id, agent } = await complaint("Late delivery of spare parts");
    expect((await fire(fx, agent, "complaint", id, "start_handling")).state).toBe("in_handling");
    expect(await refused(fx, agent, "complaint", id, "resolve", {})).toEqual({
      status: 422,
      code: "validation_failed",
    });
    const resolved = await fire(fx, agent, "complaint", id, "resolve", {
      resolution: "Parts shipped by air freight; 10% credit on the invoice.",
    });
    expect(resolved).toMatchObject({ from: "in_handling", state: "awaiting_confirmation" });
    expect(resolved.record).toMatchObject({
      status: "awaiting_confirmation",
      resolution: "Parts shipped by air freight; 10% credit on the invoice.",
      customer_confirmed: false,
    });

    expect(await refused(fx, agent, "complaint", id, "confirm_closure")).toEqual({ status: 422, code: "guard_failed" });
    expect((await optionsOf(fx, agent, "complaint", id)).get("confirm_closure")).toEqual({
      available: false,
      reason: "Allowed only once “Customer confirmed the resolution” is ticked.",
    });
    await confirm(agent, id);
    expect((await optionsOf(fx, agent, "complaint", id)).get("confirm_closure")).toEqual({ available: true });
    const closed = await fire(fx, agent, "complaint", id, "confirm_closure");
    expect(closed.record).toMatchObject({ status: "closed", closed_at: fx.clock.now().toISOString() });
    const view = await processOf(fx, agent, "complaint", id);
    expect(view).toMatchObject({ status: "done", timers: [] });
    expect(timelineEvents(view)).toEqual(["start", "start_handling", "resolve", "confirm_closure"]);
    // A closed complaint takes no more events, and its agent may no longer change it.
    expect(await refused(fx, agent, "complaint", id, "reopen", { reason: "Again" })).toEqual({
      status: 409,
      code: "state_conflict",
    });
    const patch = await fx.as(agent)("PATCH", `/records/complaint/${id}`, {
      root_cause: "Late",
      version: closed.record.version,
    });
    expect(patch.status).toBe(403);
  });

  it("is reopened by the customer, and a new resolution needs a new confirmation", async () => {
    const { id, agent } = await complaint("Wrong invoice amount", "billing");
    await fire(fx, agent, "complaint", id, "start_handling");
    await fire(fx, agent, "complaint", id, "resolve", { resolution: "Credit note issued" });
    await confirm(agent, id);
    expect(await refused(fx, agent, "complaint", id, "reopen")).toEqual({ status: 422, code: "validation_failed" });
    const reopened = await fire(fx, agent, "complaint", id, "reopen", { reason: "Credit note has the wrong amount" });
    expect(reopened).toMatchObject({ from: "awaiting_confirmation", state: "in_handling" });
    const again = await fire(fx, agent, "complaint", id, "resolve", { resolution: "Corrected credit note issued" });
    // Entering "awaiting confirmation" again clears the earlier confirmation.
    expect(again.record.customer_confirmed).toBe(false);
    expect(await refused(fx, agent, "complaint", id, "confirm_closure")).toEqual({ status: 422, code: "guard_failed" });
    await confirm(agent, id);
    expect((await fire(fx, agent, "complaint", id, "confirm_closure")).state).toBe("closed");
  });

  it("is escalated by hand, and withdrawn with a reason", async () => {
    const { id, agent } = await complaint("Rude technician on site", "staff_conduct");
    const escalated = await fire(fx, agent, "complaint", id, "escalate", {
      reason: "Customer asks for the supervisor",
    });
    expect(escalated.record).toMatchObject({ status: "escalated_supervisor", escalation_level: 1 });
    const withdrawn = await fire(fx, "supervisor", "complaint", id, "withdraw", { reason: "Settled by phone" });
    expect(withdrawn).toMatchObject({ from: "escalated_supervisor", state: "withdrawn" });
    expect((await processOf(fx, "supervisor", "complaint", id)).timers).toEqual([]);
  });
});

/** A complaint the supervisor logs; the process hands it to an agent. */
async function complaint(subject: string, category = "delivery") {
  const customer = await customerOf(fx, "rep.e1", `${subject} customer`);
  const created = await fx.as("supervisor")("POST", "/records/complaint", {
    subject,
    customer,
    description: `${subject}, reported by phone.`,
    severity: "minor",
    category,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const agent = created.body.owner === fx.ids.get("agent1") ? "agent1" : "agent2";
  expect(created.body.owner).toBe(fx.ids.get(agent));
  return { id: String(created.body.id), agent };
}

/** The agent ticks "customer confirmed the resolution". */
async function confirm(agent: string, id: string) {
  const current = await read(fx, agent, "complaint", id);
  const patched = await fx.as(agent)("PATCH", `/records/complaint/${id}`, {
    customer_confirmed: true,
    confirmation_note: "Confirmed by phone",
    version: current.version,
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
}
