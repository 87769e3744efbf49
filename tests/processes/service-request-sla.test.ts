import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  create,
  customerOf,
  fire,
  notificationsOf,
  processOf,
  read,
  refused,
  timelineEvents,
  timerKeys,
} from "./helpers.ts";

let fx: ProcessFixture;
let customer: string;
beforeAll(async () => {
  fx = await openProcessFixture("service");
  customer = await customerOf(fx, "rep.e1", "Dalian Shipyard");
}, 120_000);
afterAll(() => fx?.close());

// The tests run in order and share the agents' load: each says what it expects of it.

const request = (subject: string, priority = "normal") =>
  create(fx, "supervisor", "service_request", {
    subject,
    customer,
    priority,
    category: "repair",
    description: `${subject}: the customer reports it since Monday.`,
  });

describe("service request SLA", () => {
  it("is dispatched by the supervisor, worked by the agent, paused for the customer, resolved, and closes after 7 days", async () => {
    const created = await request("Spindle noise on VMC-850", "urgent");
    expect(created).toMatchObject({
      status: "new",
      sla_due: new Date(fx.clock.now().getTime() + 4 * 3_600_000).toISOString(),
      escalated: false,
    });
    await fx.settle();
    expect(
      (await notificationsOf(fx, "supervisor")).some((m) =>
        m.startsWith("New service request to dispatch: Spindle noise on VMC-850"),
      ),
    ).toBe(true);

    // Agents work requests; dispatching is the supervisor's.
    expect(await refused(fx, "agent1", "service_request", created.id, "assign")).toEqual({
      status: 404,
      code: "not_found",
    });
    const assigned = await fire(fx, "supervisor", "service_request", created.id, "assign");
    expect(assigned.record).toMatchObject({ status: "assigned", owner: fx.ids.get("agent1") });
    expect(await refused(fx, "agent1", "service_request", created.id, "assign")).toEqual({
      status: 403,
      code: "forbidden",
    });
    await fx.settle();
    expect(
      (await notificationsOf(fx, "agent1")).some((m) =>
        m.startsWith("Service request assigned to you: Spindle noise on VMC-850, priority Urgent – line down"),
      ),
    ).toBe(true);

    expect((await fire(fx, "agent1", "service_request", created.id, "start")).state).toBe("in_progress");
    expect((await fire(fx, "agent1", "service_request", created.id, "wait_for_customer")).state).toBe(
      "waiting_customer",
    );
    expect(timerKeys(await processOf(fx, "agent1", "service_request", created.id))).toEqual([
      "xstate.after.P5D.service_request_sla.waiting_customer",
    ]);
    expect((await fire(fx, "agent1", "service_request", created.id, "customer_replied")).state).toBe("in_progress");
    expect(await refused(fx, "agent1", "service_request", created.id, "resolve")).toEqual({
      status: 422,
      code: "validation_failed",
    });
    fx.clock.advance("PT2H");
    const resolved = await fire(fx, "agent1", "service_request", created.id, "resolve", {
      resolution: "Replaced the spindle bearing; noise gone on test run.",
    });
    expect(resolved.record).toMatchObject({
      status: "resolved",
      resolution: "Replaced the spindle bearing; noise gone on test run.",
      resolved_at: fx.clock.now().toISOString(),
    });

    fx.clock.advance("P6D");
    await fx.settle();
    expect((await read(fx, "agent1", "service_request", created.id)).status).toBe("resolved");
    fx.clock.advance("P1D");
    await fx.settle();
    const view = await processOf(fx, "agent1", "service_request", created.id);
    expect(view).toMatchObject({ state: "closed", status: "done", timers: [] });
    expect(timelineEvents(view)).toEqual([
      "start",
      "assign",
      "start",
      "wait_for_customer",
      "customer_replied",
      "resolve",
      "xstate.after.P7D.service_request_sla.resolved",
    ]);
  });

  it("is reopened within the 7 days and then closed by the agent", async () => {
    const created = await request("Coolant pump leaks");
    const { owner } = (await fire(fx, "supervisor", "service_request", created.id, "assign")).record;
    const worker = owner === fx.ids.get("agent1") ? "agent1" : "agent2";
    await fire(fx, worker, "service_request", created.id, "start");
    await fire(fx, worker, "service_request", created.id, "resolve", { resolution: "Tightened the fitting" });
    fx.clock.advance("P3D");
    await fx.settle();
    expect(await refused(fx, worker, "service_request", created.id, "reopen")).toEqual({
      status: 422,
      code: "validation_failed",
    });
    const reopened = await fire(fx, worker, "service_request", created.id, "reopen", { reason: "Leaks again" });
    expect(reopened).toMatchObject({ from: "resolved", state: "in_progress" });
    expect(timerKeys(await processOf(fx, worker, "service_request", created.id))).toEqual([
      "xstate.after.P3D.service_request_sla.in_progress",
    ]);
    await fire(fx, worker, "service_request", created.id, "resolve", { resolution: "Replaced the seal" });
    expect((await fire(fx, worker, "service_request", created.id, "close")).state).toBe("closed");
  });

  it("flags a request not dispatched within 8 hours, and one not started within 8 hours of dispatch", async () => {
    const waiting = await request("Hydraulic pressure drops");
    fx.clock.advance("PT7H");
    await fx.settle();
    expect((await read(fx, "supervisor", "service_request", waiting.id)).escalated).toBe(false);
    fx.clock.advance("PT2H");
    await fx.settle();
    expect((await read(fx, "supervisor", "service_request", waiting.id)).escalated).toBe(true);
    expect(await notificationsOf(fx, "supervisor")).toContain(
      "Service request Hydraulic pressure drops has not been dispatched for 8 hours.",
    );

    const idle = await request("Chuck does not clamp");
    const assigned = await fire(fx, "supervisor", "service_request", idle.id, "assign");
    const agent = assigned.record.owner === fx.ids.get("agent1") ? "agent1" : "agent2";
    fx.clock.advance("PT9H");
    await fx.settle();
    const flagged = await read(fx, agent, "service_request", idle.id);
    expect(flagged).toMatchObject({ status: "assigned", escalated: true });
    expect(await notificationsOf(fx, agent)).toContain(
      "Service request Chuck does not clamp was assigned 8 hours ago and work has not started.",
    );

    // Both end by cancellation, with a reason.
    for (const id of [waiting.id, idle.id]) {
      const cancelled = await fire(fx, "supervisor", "service_request", id, "cancel", { reason: "Duplicate" });
      expect(cancelled.state).toBe("cancelled");
    }
  });

  it("dispatches to the least loaded agent and reassigns to whoever is less loaded then", async () => {
    // Nothing is open now: the first goes to agent1 (ties go to the first in the pool), the second to agent2.
    const first = await request("Tool changer jams");
    const second = await request("Door interlock faulty");
    expect((await fire(fx, "supervisor", "service_request", first.id, "assign")).record.owner).toBe(
      fx.ids.get("agent1"),
    );
    expect((await fire(fx, "supervisor", "service_request", second.id, "assign")).record.owner).toBe(
      fx.ids.get("agent2"),
    );
    await fire(fx, "supervisor", "service_request", first.id, "cancel", { reason: "Customer fixed it" });

    // With agent1 free again, reassigning the second moves it to agent1, who is told.
    const moved = await fire(fx, "supervisor", "service_request", second.id, "reassign");
    expect(moved).toMatchObject({ from: "assigned", state: "assigned" });
    expect(moved.record.owner).toBe(fx.ids.get("agent1"));
    await fx.settle();
    expect(
      (await notificationsOf(fx, "agent1")).some((m) =>
        m.startsWith("Service request reassigned to you: Door interlock faulty"),
      ),
    ).toBe(true);
    // agent2 no longer sees the request.
    expect(await refused(fx, "agent2", "service_request", second.id, "start")).toEqual({
      status: 404,
      code: "not_found",
    });
    expect((await fire(fx, "agent1", "service_request", second.id, "start")).state).toBe("in_progress");
  });
});
