import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
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
beforeAll(async () => (fx = await openProcessFixture("payments")), 120_000);
afterAll(() => fx?.close());

let numbers = 0;

/** A scheduled installment of CNY 100,000 on a contract of rep.e1, owned by rep.e1. */
async function installment() {
  numbers += 1;
  const records = fx.runtime.records(fx.context);
  const owner = fx.ids.get("rep.e1");
  const customer = await customerOf(fx, "rep.e1", `Paying customer ${numbers}`);
  const contract = await records.create(fx.system, "contract", {
    number: `C-PAY-${numbers}`,
    name: `Press line ${numbers}`,
    customer,
    value: 300_000,
    start_date: "2026-03-01",
    end_date: "2027-02-28",
    owner,
  });
  const plan = await records.create(fx.system, "payment_plan", {
    name: `Plan ${numbers}`,
    contract: contract.id,
    customer,
    total: 300_000,
    installments: 3,
    first_due_date: "2026-04-01",
    owner,
  });
  const payment = await records.create(fx.system, "payment", {
    name: `Installment 1 of C-PAY-${numbers}`,
    payment_plan: plan.id,
    contract: contract.id,
    customer,
    installment_no: 1,
    due_date: "2026-04-01",
    amount: 100_000,
    owner,
  });
  return { ...payment, id: String(payment.id), name: String(payment.name) };
}

describe("payment collection", () => {
  it("is invoiced, paid in part, falls overdue, gets a new due date and is paid in full", async () => {
    const payment = await installment();
    expect(payment).toMatchObject({
      status: "scheduled",
      paid_amount: 0,
      outstanding: 100_000,
      owner: fx.ids.get("rep.e1"),
    });

    const invoiced = await fire(fx, "finance", "payment", payment.id, "issue_invoice", { invoice_no: "INV-2026-0042" });
    expect(invoiced.record).toMatchObject({ status: "due", invoice_no: "INV-2026-0042" });
    await fx.settle();
    expect(await notificationsOf(fx, "rep.e1")).toContain(
      `Installment ${payment.name} was invoiced: 100,000 CNY due on Apr 1, 2026.`,
    );

    const part = await fire(fx, "finance", "payment", payment.id, "record_payment", {
      amount: 40_000,
      paid_on: "2026-03-05",
      method: "bank_acceptance",
    });
    expect(part).toMatchObject({ from: "due", state: "due" });
    expect(part.record).toMatchObject({
      paid_amount: 40_000,
      outstanding: 60_000,
      paid_on: "2026-03-05",
      payment_method: "bank_acceptance",
    });

    fx.clock.advance("P30D");
    await fx.settle();
    let view = await processOf(fx, "finance", "payment", payment.id);
    expect(view.state).toBe("overdue");
    expect(timerKeys(view)).toEqual([
      "reminder.overdue_follow_up",
      "xstate.after.P15D.payment_collection.overdue",
      "xstate.after.P60D.payment_collection.overdue",
    ]);
    const overdue = `Payment ${payment.name} is overdue: 60,000 CNY outstanding since Apr 1, 2026.`;
    expect(await notificationsOf(fx, "rep.e1")).toContain(overdue);
    expect(await notificationsOf(fx, "mgr.east")).toContain(overdue);

    // A new due date must lie ahead.
    expect(await refused(fx, "finance", "payment", payment.id, "extend", { due_date: "2026-03-20" })).toEqual({
      status: 422,
      code: "guard_failed",
    });
    const extended = await fire(fx, "finance", "payment", payment.id, "extend", {
      due_date: "2026-05-15",
      reason: "Customer waits for its own customer's payment",
    });
    expect(extended.record).toMatchObject({ status: "due", due_date: "2026-05-15" });
    view = await processOf(fx, "finance", "payment", payment.id);
    expect(timerKeys(view)).toEqual(["xstate.after.P30D.payment_collection.due"]);

    const paid = await fire(fx, "finance", "payment", payment.id, "record_payment", { amount: 60_000 });
    expect(paid).toMatchObject({ from: "due", state: "paid" });
    expect(paid.record).toMatchObject({
      status: "paid",
      paid_amount: 100_000,
      outstanding: 0,
      paid_on: "2026-04-01",
      payment_method: "bank_transfer",
    });
    view = await processOf(fx, "finance", "payment", payment.id);
    expect(view).toMatchObject({ status: "done", timers: [] });
    expect(timelineEvents(view)).toEqual([
      "start",
      "issue_invoice",
      "record_payment",
      "xstate.after.P30D.payment_collection.due",
      "extend",
      "record_payment",
    ]);
  });

  it("is paid in full before it is invoiced", async () => {
    const payment = await installment();
    const paid = await fire(fx, "finance", "payment", payment.id, "record_payment", { amount: 100_000 });
    expect(paid).toMatchObject({ from: "scheduled", state: "paid" });
    expect(await refused(fx, "finance", "payment", payment.id, "issue_invoice")).toEqual({
      status: 409,
      code: "state_conflict",
    });
  });

  it("refuses payments without a positive amount", async () => {
    const payment = await installment();
    for (const data of [{}, { amount: 0 }, { amount: -5 }, { amount: "100" }, { amount: 10, method: "cash" }])
      expect(await refused(fx, "finance", "payment", payment.id, "record_payment", data)).toEqual({
        status: 422,
        code: "validation_failed",
      });
    expect((await read(fx, "finance", "payment", payment.id)).paid_amount).toBe(0);
  });

  it("is written off by finance only, and only once overdue", async () => {
    const payment = await installment();
    await fire(fx, "finance", "payment", payment.id, "issue_invoice");
    expect(await refused(fx, "finance", "payment", payment.id, "write_off", { reason: "Insolvent" })).toEqual({
      status: 409,
      code: "state_conflict",
    });
    fx.clock.advance("P31D");
    await fx.settle();
    expect((await read(fx, "finance", "payment", payment.id)).status).toBe("overdue");

    // The executive holds every payment event, but the write-off's own condition asks for finance.
    expect(await refused(fx, "exec", "payment", payment.id, "write_off", { reason: "Insolvent" })).toEqual({
      status: 422,
      code: "guard_failed",
    });
    // The owner (a rep) may read the payment but fire none of its events.
    expect(await refused(fx, "rep.e1", "payment", payment.id, "record_payment", { amount: 10 })).toEqual({
      status: 403,
      code: "forbidden",
    });
    expect((await optionsOf(fx, "rep.e1", "payment", payment.id)).get("record_payment")).toEqual({
      available: false,
      reason: "your roles may not fire it",
    });
    const written = await fire(fx, "finance", "payment", payment.id, "write_off", { reason: "Customer insolvent" });
    expect(written.record).toMatchObject({ status: "written_off", write_off_reason: "Customer insolvent" });
    expect((await processOf(fx, "finance", "payment", payment.id)).timers).toEqual([]);
  });
});
