import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";

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
    expect(view.body.processes[0].timeline.map((e: { event: string }) => e.event)).toEqual([
      "start",
      "xstate.after.PT24H.complaint_escalation.open",
      "xstate.after.PT48H.complaint_escalation.escalated_supervisor",
    ]);
    const inbox = await fx.as("svc.director")("GET", "/notifications");
    expect(JSON.stringify(inbox.body)).toContain("escalated to the director");
  });
});
