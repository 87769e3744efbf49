import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import { create, customerOf, decide, fire, optionsOf, processOf, read, refused, tasksOn } from "./helpers.ts";

let fx: ProcessFixture;
/** Records of the east team (rep.e1's) and the service center (agent1's), in known states. */
const ids = {} as Record<"lead" | "contract" | "quote" | "complaint" | "payment" | "request", string>;

beforeAll(async () => {
  fx = await openProcessFixture("process-permissions");
  const records = fx.runtime.records(fx.context);
  const customer = await customerOf(fx, "rep.e1", "Qingdao Forge");
  // The only lead so far: round robin gives it to rep.e1.
  ids.lead = (
    await create(fx, "mgr.east", "lead", {
      name: "Forge automation",
      company_name: "Qingdao Forge",
      contact_name: "Zhang Min",
      source: "referral",
      region: "east",
    })
  ).id;
  ids.contract = (
    await create(fx, "rep.e1", "contract", {
      number: "C-PERM-1",
      name: "Forging press supply",
      customer,
      value: 2_000_000,
      start_date: "2026-03-01",
      end_date: "2027-02-28",
    })
  ).id;
  const opportunity = await create(fx, "rep.e1", "opportunity", {
    name: "Forging press",
    customer,
    expected_close: "2026-05-31",
    amount: 2_000_000,
  });
  ids.quote = (
    await create(fx, "rep.e1", "quote", {
      number: "Q-PERM-1",
      name: "Forging press, 25% off",
      opportunity: opportunity.id,
      customer,
      subtotal: 2_000_000,
      discount: 25,
      valid_until: "2026-04-30",
    })
  ).id;
  // The only complaint so far: the least loaded agent is agent1, first in the pool.
  ids.complaint = (
    await create(fx, "supervisor", "complaint", {
      subject: "Press overheats",
      customer,
      description: "The press overheats after two hours.",
      category: "product_quality",
    })
  ).id;
  ids.request = (
    await create(fx, "supervisor", "service_request", {
      subject: "Press calibration",
      customer,
      category: "maintenance",
      description: "Yearly calibration.",
    })
  ).id;
  const plan = await records.create(fx.system, "payment_plan", {
    name: "Forging press plan",
    contract: ids.contract,
    customer,
    total: 2_000_000,
    first_due_date: "2026-04-01",
    owner: fx.ids.get("rep.e1"),
  });
  ids.payment = String(
    (
      await records.create(fx.system, "payment", {
        name: "Forging press deposit",
        payment_plan: plan.id,
        contract: ids.contract,
        customer,
        installment_no: 1,
        due_date: "2026-04-01",
        amount: 600_000,
        owner: fx.ids.get("rep.e1"),
      })
    ).id,
  );
  await fire(fx, "supervisor", "service_request", ids.request, "assign");
}, 120_000);
afterAll(() => fx?.close());

/** How a record's process stands: state, version and timeline length, as its owner's side sees it. */
async function standing(entity: string, id: string) {
  const view = await processOf(fx, "exec", entity, id);
  const record = await read(fx, "exec", entity, id);
  return { state: view.state, version: view.version, entries: view.timeline.length, record: record.version };
}

describe("process permissions", () => {
  it("answers 403 to a user who sees the record but holds no right to the event, and changes nothing", async () => {
    const cases: Array<[string, keyof typeof ids, string, string, Record<string, unknown>?]> = [
      ["rep.e1", "contract", "contract", "activate"],
      ["mgr.east", "contract", "contract", "terminate", { reason: "Not mine to end" }],
      ["agent1", "request", "service_request", "cancel", { reason: "Not mine to cancel" }],
      ["agent1", "request", "service_request", "reassign"],
      ["admin", "lead", "lead", "contact"],
      ["vp", "complaint", "complaint", "start_handling"],
      ["rep.e1", "payment", "payment", "issue_invoice"],
      ["finance", "contract", "contract", "submit"],
    ];
    for (const [user, key, entity, event, data] of cases) {
      const before = await standing(entity, ids[key]);
      expect(await read(fx, user, entity, ids[key])).toMatchObject({ id: ids[key] });
      expect(await refused(fx, user, entity, ids[key], event, data), `${user} ${event}`).toEqual({
        status: 403,
        code: "forbidden",
      });
      expect(await standing(entity, ids[key])).toEqual(before);
    }
  });

  it("answers 404 to a user outside the record's scope, whether or not they hold the event right", async () => {
    const cases: Array<[string, keyof typeof ids, string, string]> = [
      ["rep.e2", "lead", "lead", "contact"],
      ["rep.n1", "lead", "lead", "contact"],
      ["mgr.north", "quote", "quote", "submit"],
      ["rep.n1", "contract", "contract", "submit"],
      ["rep.n1", "contract", "contract", "activate"],
      ["agent2", "complaint", "complaint", "start_handling"],
      ["agent2", "request", "service_request", "start"],
      ["rep.e2", "payment", "payment", "record_payment"],
    ];
    for (const [user, key, entity, event] of cases) {
      const before = await standing(entity, ids[key]);
      const as = fx.as(user);
      expect(await refused(fx, user, entity, ids[key], event), `${user} ${event}`).toEqual({
        status: 404,
        code: "not_found",
      });
      expect((await as("GET", `/records/${entity}/${ids[key]}/events`)).status).toBe(404);
      expect((await as("GET", `/records/${entity}/${ids[key]}/process`)).status).toBe(404);
      expect(await standing(entity, ids[key])).toEqual(before);
    }
    // An unknown record answers the same as one out of scope.
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await refused(fx, "rep.e1", "lead", unknown, "contact")).toEqual({ status: 404, code: "not_found" });
  });

  it("lets an approver decide with only the task, not the right to change the record", async () => {
    await fire(fx, "rep.e1", "quote", ids.quote, "submit");
    const quote = await read(fx, "mgr.east", "quote", ids.quote);
    // Past the draft the manager may not change the quote…
    const patch = await fx.as("mgr.east")("PATCH", `/records/quote/${ids.quote}`, {
      discount: 20,
      version: quote.version,
    });
    expect(patch.status).toBe(403);
    // …yet decides on it; the rep, who owns it, has no task to decide.
    const [task] = await tasksOn(fx, "mgr.east", ids.quote);
    const stolen = await fx.as("rep.e1")("POST", `/tasks/${task.id}/approve`, {});
    expect(stolen.status).toBe(404);
    expect((await decide(fx, "mgr.east", ids.quote, "approve")).approval).toBe("pending");

    // Finance may neither change a contract nor fire its events, and still approves it.
    await fire(fx, "rep.e1", "contract", ids.contract, "submit");
    await decide(fx, "director", ids.contract, "approve");
    const contract = await read(fx, "finance", "contract", ids.contract);
    const denied = await fx.as("finance")("PATCH", `/records/contract/${ids.contract}`, {
      notes: "Checked",
      version: contract.version,
    });
    expect(denied.status).toBe(403);
    expect(await refused(fx, "finance", "contract", ids.contract, "withdraw")).toEqual({
      status: 403,
      code: "forbidden",
    });
    const approved = await decide(fx, "finance", ids.contract, "approve");
    expect(approved).toMatchObject({ state: "approved", approval: "approved" });
    expect((await read(fx, "rep.e1", "contract", ids.contract)).status).toBe("approved");
  });

  it("says why each unavailable event is not available", async () => {
    const lead = await optionsOf(fx, "rep.e1", "lead", ids.lead);
    expect(lead.get("contact")).toEqual({ available: true });
    expect(lead.get("qualify")).toEqual({ available: false, reason: '"qualify" is not possible in state "new"' });
    expect(lead.get("convert")).toEqual({ available: false, reason: '"convert" is not possible in state "new"' });

    const admin = await optionsOf(fx, "admin", "lead", ids.lead);
    expect([...admin.values()].every((o) => !o.available && o.reason === "your roles may not fire it")).toBe(true);
    expect(admin.size).toBe(6);

    // The agent may take the complaint up but not cancel the service request.
    const complaint = await optionsOf(fx, "agent1", "complaint", ids.complaint);
    expect(complaint.get("start_handling")).toEqual({ available: true });
    expect(complaint.get("confirm_closure")?.available).toBe(false);
    const request = await optionsOf(fx, "agent1", "service_request", ids.request);
    expect(request.get("start")).toEqual({ available: true });
    expect(request.get("cancel")).toEqual({ available: false, reason: "your roles may not fire it" });

    // A guard without a description of its own explains itself by its condition.
    fx.clock.advance("P1D");
    await fire(fx, "finance", "payment", ids.payment, "issue_invoice");
    fx.clock.advance("P31D");
    await fx.settle();
    const payment = await optionsOf(fx, "exec", "payment", ids.payment);
    expect(payment.get("record_payment")).toEqual({ available: true });
    expect(payment.get("write_off")).toEqual({
      available: false,
      reason: 'the conditions of "write_off" in state "overdue" do not hold',
    });
    const forFinance = await optionsOf(fx, "finance", "payment", ids.payment);
    expect(forFinance.get("write_off")).toEqual({ available: true });
    // A condition on the event's data (the new due date) is judged when the data is sent, not before.
    expect(forFinance.get("extend")).toEqual({ available: true });
    expect(await refused(fx, "finance", "payment", ids.payment, "extend", { due_date: "2026-01-31" })).toEqual({
      status: 422,
      code: "guard_failed",
    });

    // Every listed event carries its label and, when it takes data, the data's schema.
    const listed = await fx.as("rep.e1")("GET", `/records/lead/${ids.lead}/events`);
    expect(listed.body.events.find((e: { event: string }) => e.event === "disqualify")).toMatchObject({
      process: "lead_conversion",
      label: { en: "Disqualify" },
      data: { required: ["reason"] },
    });
  });
});
