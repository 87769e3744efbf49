import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  create,
  customerOf,
  fire,
  notificationsOf,
  optionsOf,
  processOf,
  read,
  refused,
  timelineEvents,
  timerKeys,
} from "./helpers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("opportunities")), 120_000);
afterAll(() => fx?.close());

async function opportunity(name: string, amount?: number) {
  const customer = await customerOf(fx, "rep.e1", `${name} Group`);
  return create(fx, "rep.e1", "opportunity", {
    name,
    customer,
    expected_close: "2026-06-30",
    ...(amount === undefined ? {} : { amount }),
  });
}

describe("opportunity pipeline", () => {
  it("moves through the stages, each setting its probability, and is won", async () => {
    const created = await opportunity("Line 4 retrofit");
    expect(created).toMatchObject({ stage: "prospecting", probability: 10, amount: 0 });

    const probabilities: Array<[string, string, number]> = [
      ["qualify", "qualification", 20],
      ["analyze_needs", "needs_analysis", 40],
    ];
    for (const [event, stage, probability] of probabilities) {
      const result = await fire(fx, "rep.e1", "opportunity", created.id, event);
      expect(result.record).toMatchObject({ stage, probability });
    }

    // No proposal without an amount.
    expect(await refused(fx, "rep.e1", "opportunity", created.id, "propose")).toEqual({
      status: 422,
      code: "guard_failed",
    });
    expect((await optionsOf(fx, "rep.e1", "opportunity", created.id)).get("propose")).toEqual({
      available: false,
      reason: "Needs an amount greater than zero.",
    });
    const current = await read(fx, "rep.e1", "opportunity", created.id);
    const patched = await fx.as("rep.e1")("PATCH", `/records/opportunity/${created.id}`, {
      amount: 2_400_000,
      version: current.version,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.weighted_amount).toBe(960_000);

    const proposed = await fire(fx, "rep.e1", "opportunity", created.id, "propose");
    expect(proposed.record).toMatchObject({ stage: "proposal", probability: 60, weighted_amount: 1_440_000 });
    const negotiating = await fire(fx, "rep.e1", "opportunity", created.id, "negotiate");
    expect(negotiating.record).toMatchObject({ stage: "negotiation", probability: 80 });
    expect(timerKeys(await processOf(fx, "rep.e1", "opportunity", created.id))).toEqual([
      "xstate.after.P30D.opportunity_pipeline.negotiation",
    ]);

    const won = await fire(fx, "rep.e1", "opportunity", created.id, "win");
    expect(won).toMatchObject({ from: "negotiation", state: "won" });
    expect(won.record).toMatchObject({
      stage: "won",
      probability: 100,
      closed_on: fx.clock.now().toISOString().slice(0, 10),
    });
    const view = await processOf(fx, "rep.e1", "opportunity", created.id);
    expect(view).toMatchObject({ state: "won", status: "done", timers: [] });
    expect(timelineEvents(view)).toEqual(["start", "qualify", "analyze_needs", "propose", "negotiate", "win"]);
    await fx.settle();
    expect(await notificationsOf(fx, "mgr.east")).toContain("Won: Line 4 retrofit, 2,400,000 CNY.");
  });

  it("moves back a stage, with the earlier probability", async () => {
    const created = await opportunity("Press shop extension", 500_000);
    await fire(fx, "rep.e1", "opportunity", created.id, "qualify");
    await fire(fx, "rep.e1", "opportunity", created.id, "analyze_needs");
    const back = await fire(fx, "rep.e1", "opportunity", created.id, "move_back");
    expect(back).toMatchObject({ from: "needs_analysis", state: "qualification" });
    expect(back.record.probability).toBe(20);
    expect(await refused(fx, "rep.e1", "opportunity", created.id, "win")).toEqual({
      status: 409,
      code: "state_conflict",
    });
  });

  it("is lost with a reason and the competitor, which a loss needs", async () => {
    const created = await opportunity("Robot cell tender", 900_000);
    await fire(fx, "rep.e1", "opportunity", created.id, "qualify");
    expect(await refused(fx, "rep.e1", "opportunity", created.id, "lose")).toEqual({
      status: 422,
      code: "validation_failed",
    });
    expect(await refused(fx, "rep.e1", "opportunity", created.id, "lose", { reason: "" })).toEqual({
      status: 422,
      code: "validation_failed",
    });
    const lost = await fire(fx, "rep.e1", "opportunity", created.id, "lose", {
      reason: "Price 15% above the competitor",
      competitor: "Trumpf",
    });
    expect(lost.record).toMatchObject({
      stage: "lost",
      probability: 0,
      lost_reason: "Price 15% above the competitor",
      competitor: "Trumpf",
    });
    // Once lost, the rep may no longer change it, and nothing more may happen in the pipeline.
    const patch = await fx.as("rep.e1")("PATCH", `/records/opportunity/${created.id}`, {
      next_step: "call again",
      version: lost.record.version,
    });
    expect(patch.status).toBe(403);
    expect(await refused(fx, "rep.e1", "opportunity", created.id, "qualify")).toEqual({
      status: 409,
      code: "state_conflict",
    });
  });

  it("keeps the competitor it knew when a loss names none", async () => {
    const customer = await customerOf(fx, "rep.e1", "Foshan Metals Group");
    const created = await create(fx, "rep.e1", "opportunity", {
      name: "Foshan press line",
      customer,
      expected_close: "2026-09-30",
      competitor: "Amada",
    });
    const lost = await fire(fx, "rep.e1", "opportunity", created.id, "lose", { reason: "Project postponed" });
    expect(lost.record).toMatchObject({ stage: "lost", lost_reason: "Project postponed", competitor: "Amada" });
    const other = await opportunity("No competitor known");
    const lostToo = await fire(fx, "rep.e1", "opportunity", other.id, "lose", { reason: "No budget" });
    expect(lostToo.record).toMatchObject({ stage: "lost", competitor: null });
  });
});
