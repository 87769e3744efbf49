import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import { create, customerOf, fire, processOf, read, timelineEvents } from "./helpers.ts";

let fx: ProcessFixture;
let customer: string;
beforeAll(async () => {
  fx = await openProcessFixture("process-concurrency");
  customer = await customerOf(fx, "rep.e1", "Tianjin Heavy Industry");
}, 120_000);
afterAll(() => fx?.close());

const parallel = 200;

/** Sends the same request `parallel` times at once; returns the statuses and problem codes, counted. */
async function storm(username: string, path: string, body: (i: number) => unknown) {
  const as = fx.as(username);
  const responses = await Promise.all(Array.from({ length: parallel }, (_, i) => as("POST", path, body(i))));
  const count = (status: number, code?: string) =>
    responses.filter((r) => r.status === status && (code === undefined || r.body?.code === code)).length;
  return { responses, count };
}

async function payment(name: string) {
  const records = fx.runtime.records(fx.context);
  const owner = fx.ids.get("rep.e1");
  const contract = await records.create(fx.system, "contract", {
    number: `C-${name}`,
    name,
    customer,
    value: 1_000_000,
    start_date: "2026-03-01",
    end_date: "2027-02-28",
    owner,
  });
  const plan = await records.create(fx.system, "payment_plan", {
    name,
    contract: contract.id,
    customer,
    total: 1_000_000,
    first_due_date: "2026-04-01",
    owner,
  });
  const created = await records.create(fx.system, "payment", {
    name,
    payment_plan: plan.id,
    contract: contract.id,
    customer,
    installment_no: 1,
    due_date: "2026-04-01",
    amount: 1_000_000,
    owner,
  });
  return String(created.id);
}

describe("concurrent events on one instance", () => {
  it("applies exactly one of 200 simultaneous identical transitions; the others get 409", async () => {
    const created = await create(fx, "supervisor", "complaint", {
      subject: "Gearbox failure",
      customer,
      description: "Gearbox failed under load.",
      category: "product_quality",
    });
    const agent = created.owner === fx.ids.get("agent1") ? "agent1" : "agent2";
    const before = await processOf(fx, agent, "complaint", created.id);

    const { responses, count } = await storm(agent, `/records/complaint/${created.id}/events`, () => ({
      type: "start_handling",
    }));
    expect(count(200)).toBe(1);
    expect(count(409, "state_conflict")).toBe(parallel - 1);
    const accepted = responses.find((r) => r.status === 200)!.body;
    expect(accepted).toMatchObject({ from: "open", state: "in_handling", version: before.version + 1 });

    const view = await processOf(fx, agent, "complaint", created.id);
    expect(view).toMatchObject({ state: "in_handling", version: before.version + 1 });
    expect(timelineEvents(view)).toEqual(["start", "start_handling"]);
    const record = await read(fx, agent, "complaint", created.id);
    expect(record).toMatchObject({ status: "in_handling", version: created.version + 1 });
    expect(accepted.record.version).toBe(record.version);
  });

  it("applies exactly one of 200 events racing out of the same state when either rules the other out", async () => {
    const opportunity = await create(fx, "rep.e1", "opportunity", {
      name: "Boring mill",
      customer,
      expected_close: "2026-06-30",
      amount: 800_000,
    });
    const quote = await create(fx, "rep.e1", "quote", {
      number: "Q-RACE-1",
      name: "Boring mill, 5% off",
      opportunity: opportunity.id,
      customer,
      subtotal: 800_000,
      discount: 5,
      valid_until: "2026-04-30",
    });
    // A submitted quote cannot be cancelled, a cancelled one cannot be submitted.
    const { responses, count } = await storm("rep.e1", `/records/quote/${quote.id}/events`, (i) => ({
      type: i % 2 === 0 ? "submit" : "cancel",
    }));
    expect(count(200)).toBe(1);
    expect(count(409, "state_conflict")).toBe(parallel - 1);
    const accepted = responses.find((r) => r.status === 200)!.body;
    expect(accepted.state).toBe(accepted.event === "submit" ? "approved" : "cancelled");
    const view = await processOf(fx, "rep.e1", "quote", quote.id);
    expect(view.state).toBe(accepted.state);
    expect(timelineEvents(view)).toEqual(["start", accepted.event]);
    expect((await read(fx, "rep.e1", "quote", quote.id)).version).toBe(quote.version + 1);
  });

  it("applies exactly the accepted ones of 200 mixed events, in the order of their versions", async () => {
    const created = await create(fx, "supervisor", "complaint", {
      subject: "Paint defects",
      customer,
      description: "Paint peels off the housing.",
      category: "product_quality",
    });
    // Taking it up, then withdrawing it, is a valid sequence; withdrawing first ends it.
    const { responses, count } = await storm("supervisor", `/records/complaint/${created.id}/events`, (i) =>
      i % 2 === 0 ? { type: "start_handling" } : { type: "withdraw", data: { reason: `Withdrawn ${i}` } },
    );
    const accepted = responses
      .filter((r) => r.status === 200)
      .map((r) => r.body)
      .sort((a, b) => a.version - b.version);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(count(409, "state_conflict")).toBe(parallel - accepted.length);
    expect(accepted.at(-1).state).toBe("withdrawn");
    const view = await processOf(fx, "supervisor", "complaint", created.id);
    expect(view.state).toBe("withdrawn");
    expect(timelineEvents(view)).toEqual(["start", ...accepted.map((a) => a.event)]);
    expect(view.version).toBe(accepted.at(-1).version);
    expect((await read(fx, "supervisor", "complaint", created.id)).version).toBe(created.version + accepted.length);
  });

  it("applies exactly one of 200 events sent with the same expected version; the others get version_conflict", async () => {
    const id = await payment("Expected version storm");
    await fire(fx, "finance", "payment", id, "issue_invoice");
    const before = await processOf(fx, "finance", "payment", id);
    const record = await read(fx, "finance", "payment", id);

    // A partial payment keeps the installment due, so only the expected version tells the events apart.
    const { responses, count } = await storm("finance", `/records/payment/${id}/events`, () => ({
      type: "record_payment",
      data: { amount: 1000 },
      expectedVersion: before.version,
    }));
    expect(count(200)).toBe(1);
    expect(count(409, "version_conflict")).toBe(parallel - 1);
    const conflict = responses.find((r) => r.status === 409)!.body;
    expect(conflict.currentVersion).toBe(before.version + 1);

    const view = await processOf(fx, "finance", "payment", id);
    expect(view).toMatchObject({ state: "due", version: before.version + 1 });
    expect(timelineEvents(view).filter((e) => e === "record_payment")).toHaveLength(1);
    expect(await read(fx, "finance", "payment", id)).toMatchObject({
      paid_amount: 1000,
      version: record.version + 1,
    });
  });

  it("applies all of 200 simultaneous partial payments one after the other, losing none", async () => {
    const id = await payment("Serial payment storm");
    await fire(fx, "finance", "payment", id, "issue_invoice");
    const before = await processOf(fx, "finance", "payment", id);
    const record = await read(fx, "finance", "payment", id);

    const { responses, count } = await storm("finance", `/records/payment/${id}/events`, () => ({
      type: "record_payment",
      data: { amount: 1000 },
    }));
    expect(count(200)).toBe(parallel);
    // Each accepted event saw its own version: they were applied one at a time.
    const versions = responses.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: parallel }, (_, i) => before.version + 1 + i));

    const view = await processOf(fx, "finance", "payment", id);
    expect(view.version).toBe(before.version + parallel);
    expect(timelineEvents(view).filter((e) => e === "record_payment")).toHaveLength(parallel);
    expect(await read(fx, "finance", "payment", id)).toMatchObject({
      status: "due",
      paid_amount: parallel * 1000,
      outstanding: 1_000_000 - parallel * 1000,
      version: record.version + parallel,
    });
  });
});
