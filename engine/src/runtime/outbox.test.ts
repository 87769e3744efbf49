import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineError } from "../errors.ts";
import { builtInSteps } from "./steps/index.ts";
import type { StepImplementation } from "./steps/types.ts";
import { openProcessFixture, type ProcessFixture } from "./testing.ts";

const realNotify = builtInSteps().get("notify")!;
const keys: string[] = [];
let failures = 0;
const flakyNotify: StepImplementation = {
  type: "notify",
  run: realNotify.run!,
  async deliver(payload, delivery) {
    keys.push(delivery.key);
    if (failures > 0) {
      failures -= 1;
      throw new Error("the notification service is down");
    }
    await realNotify.deliver!(payload, delivery);
  },
};
const brokenActivity: StepImplementation = {
  type: "append_activity",
  async run() {
    throw new EngineError("validation_failed", "the activity log refuses the entry");
  },
};

let fx: ProcessFixture;
beforeAll(
  async () =>
    (fx = await openProcessFixture("outbox", {
      steps: new Map([
        ["notify", flakyNotify],
        ["append_activity", brokenActivity],
      ]),
    })),
  120_000,
);
afterAll(() => fx?.close());

async function complaint() {
  const customer = await fx.runtime
    .records(fx.context)
    .create(fx.system, "customer", { name: "Kumho", region: "south" });
  const created = await fx.as("supervisor")("POST", "/records/complaint", {
    subject: "Late delivery",
    customer: customer.id,
    description: "The order arrived two weeks late.",
    severity: "minor",
    category: "delivery",
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; owner: string };
}

const notificationsOf = (userId: string) =>
  fx.storage.sql<Array<{ message: string }>>`select message from temper.notifications where user_id = ${userId}`;

describe("the outbox", () => {
  it("retries a failing side effect with backoff, shows the failure, and never touches the committed transition", async () => {
    failures = 2;
    const { id, owner } = await complaint();
    expect((await fx.runtime.outbox.deliverDue()).retried).toBe(1);
    const view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.body.processes[0]).toMatchObject({ state: "open", lastError: { source: "outbox", step: "notify" } });
    expect(view.body.processes[0].outbox[0]).toMatchObject({
      step: "notify",
      status: "pending",
      attempts: 1,
      lastError: "the notification service is down",
    });
    expect(await notificationsOf(owner)).toEqual([]);
    // Not due again before its backoff.
    expect(await fx.runtime.outbox.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    fx.clock.advance("PT3S");
    expect((await fx.runtime.outbox.deliverDue()).retried).toBe(1);
    fx.clock.advance("PT5S");
    expect((await fx.runtime.outbox.deliverDue()).delivered).toBe(1);
    expect(await notificationsOf(owner)).toHaveLength(1);
    const after = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(after.body.processes[0].outbox).toEqual([]);
    expect(new Set(keys).size).toBe(1);
  });

  it("gives up after its attempts and keeps the failure visible", async () => {
    failures = 100;
    const { id } = await complaint();
    for (let round = 0; round < 10; round++) {
      await fx.runtime.outbox.deliverDue();
      fx.clock.advance("PT2H");
    }
    const view = await fx.as("supervisor")("GET", `/records/complaint/${id}/process`);
    expect(view.body.processes[0].outbox[0]).toMatchObject({ status: "failed", attempts: 8 });
    expect(view.body.processes[0].state).toBe("open");
    failures = 0;
  });

  it("rolls a transition back whole when one of its steps fails in the transaction", async () => {
    const customer = await fx.runtime
      .records(fx.context)
      .create(fx.system, "customer", { name: "Doosan", region: "east" });
    const opportunity = await fx.runtime.records(fx.context).create(fx.system, "opportunity", {
      name: "Two lathes for Doosan",
      customer: customer.id,
      amount: 1000,
      expected_close: "2026-06-30",
      owner: fx.ids.get("rep.e1"),
    });
    const quote = await fx.runtime.records(fx.context).create(fx.system, "quote", {
      opportunity: opportunity.id,
      number: "Q-2026-0001",
      name: "Two lathes",
      customer: customer.id,
      subtotal: 1000,
      discount: 5,
      owner: fx.ids.get("rep.e1"),
    });
    const before = await fx.as("rep.e1")("GET", `/records/quote/${String(quote.id)}/process`);
    const outboxBefore = await fx.storage.sql`select count(*)::int as n from temper.outbox`;
    const fired = await fx.as("rep.e1")("POST", `/records/quote/${String(quote.id)}/events`, { type: "submit" });
    expect(fired.status).toBe(422);
    expect(fired.body.detail).toBe("the activity log refuses the entry");
    const after = await fx.as("rep.e1")("GET", `/records/quote/${String(quote.id)}/process`);
    expect(after.body.processes[0]).toMatchObject({ state: "draft", version: before.body.processes[0].version });
    expect(after.body.processes[0].timeline).toEqual(before.body.processes[0].timeline);
    expect((await fx.as("rep.e1")("GET", `/records/quote/${String(quote.id)}`)).body).toMatchObject({
      status: "draft",
      version: quote.version,
    });
    expect(await fx.storage.sql`select count(*)::int as n from temper.outbox`).toEqual(outboxBefore);
  });
});
