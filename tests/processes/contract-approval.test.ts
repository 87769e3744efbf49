import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  create,
  customerOf,
  decide,
  fire,
  notificationsOf,
  optionsOf,
  processOf,
  read,
  refused,
  tasksOn,
} from "./helpers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("contracts")), 120_000);
afterAll(() => fx?.close());

let numbers = 0;

/** A draft contract of rep.e1. */
async function contract(value: number, dates: { start_date?: string; end_date?: string } = {}) {
  numbers += 1;
  const customer = await customerOf(fx, "rep.e1", `Contract customer ${numbers}`);
  return create(fx, "rep.e1", "contract", {
    number: `C-2026-${String(numbers).padStart(3, "0")}`,
    name: `Supply agreement ${numbers}`,
    customer,
    value,
    start_date: "2026-03-01",
    end_date: "2027-02-28",
    ...dates,
  });
}

/** Who has a pending task on the record. */
async function approversOf(recordId: string): Promise<string[]> {
  const holders: string[] = [];
  for (const user of ["rep.e1", "mgr.east", "mgr.north", "director", "vp", "finance", "exec"])
    if ((await tasksOn(fx, user, recordId)).length > 0) holders.push(user);
  return holders;
}

const levels = (view: { approvals: Array<{ tasks: Array<{ approver: string; level: string; status: string }> }> }) =>
  view.approvals.at(-1)!.tasks.map((t) => `${t.level}:${t.approver}:${t.status}`);

describe("contract approval", () => {
  it("needs a value and an end after the start to be submitted", async () => {
    const backwards = await contract(1_000_000, { start_date: "2026-06-01", end_date: "2026-05-01" });
    expect(await refused(fx, "rep.e1", "contract", backwards.id, "submit")).toEqual({
      status: 422,
      code: "guard_failed",
    });
    expect((await optionsOf(fx, "rep.e1", "contract", backwards.id)).get("submit")).toEqual({
      available: false,
      reason: "Needs a value greater than zero and an end date after the start date.",
    });
    expect(await approversOf(backwards.id)).toEqual([]);
  });

  it("goes to the director, then finance, is signed, activated and terminated", async () => {
    const created = await contract(3_000_000);
    expect((await fire(fx, "rep.e1", "contract", created.id, "submit")).state).toBe("in_approval");
    expect(await approversOf(created.id)).toEqual(["director"]);
    await decide(fx, "director", created.id, "approve");
    // At CNY 3 million the VP is skipped.
    expect(await approversOf(created.id)).toEqual(["finance"]);
    const approved = await decide(fx, "finance", created.id, "approve");
    expect(approved).toMatchObject({ state: "approved", approval: "approved" });
    await fx.settle();
    expect(await notificationsOf(fx, "rep.e1")).toContain(
      `Contract ${created.number} is approved: have it signed and attach the signed PDF.`,
    );

    const signed = await fire(fx, "rep.e1", "contract", created.id, "sign", {
      signed_on: "2026-03-04",
      signatory: "Li Wei, General Manager",
    });
    expect(signed.record).toMatchObject({
      status: "signed",
      signed_on: "2026-03-04",
      customer_signatory: "Li Wei, General Manager",
    });
    await fx.settle();
    expect(await notificationsOf(fx, "finance")).toContain(
      `Contract ${created.number} (3,000,000 CNY) is signed: set up its payment plan.`,
    );

    // The rep may not activate; the manager may, once the start date has come (it has).
    expect(await refused(fx, "rep.e1", "contract", created.id, "activate")).toEqual({
      status: 403,
      code: "forbidden",
    });
    expect((await fire(fx, "mgr.east", "contract", created.id, "activate")).state).toBe("active");
    expect(await refused(fx, "director", "contract", created.id, "expire")).toEqual({
      status: 422,
      code: "guard_failed",
    });
    const terminated = await fire(fx, "director", "contract", created.id, "terminate", {
      reason: "Customer plant closed",
    });
    expect(terminated.record).toMatchObject({ status: "terminated", termination_reason: "Customer plant closed" });
    expect((await processOf(fx, "rep.e1", "contract", created.id)).status).toBe("done");
  });

  it("does not activate a signed contract before its start date", async () => {
    const created = await contract(2_000_000, { start_date: "2026-09-01", end_date: "2027-08-31" });
    await fire(fx, "rep.e1", "contract", created.id, "submit");
    await decide(fx, "director", created.id, "approve");
    await decide(fx, "finance", created.id, "approve");
    await fire(fx, "rep.e1", "contract", created.id, "sign", { signed_on: "2026-03-02" });
    expect(await refused(fx, "mgr.east", "contract", created.id, "activate")).toEqual({
      status: 422,
      code: "guard_failed",
    });
    expect((await optionsOf(fx, "mgr.east", "contract", created.id)).get("activate")).toEqual({
      available: false,
      reason: "Possible from the start date.",
    });
  });

  it("adds the VP above CNY 5 million", async () => {
    const created = await contract(8_000_000);
    await fire(fx, "rep.e1", "contract", created.id, "submit");
    await decide(fx, "director", created.id, "approve");
    expect(await approversOf(created.id)).toEqual(["vp"]);
    await decide(fx, "vp", created.id, "approve");
    expect(await approversOf(created.id)).toEqual(["finance"]);
    await decide(fx, "finance", created.id, "approve");
    const view = await processOf(fx, "rep.e1", "contract", created.id);
    expect(view.state).toBe("approved");
    expect(levels(view)).toEqual([
      "director_review:director:approved",
      "vp_review:vp:approved",
      "finance_review:finance:approved",
    ]);
  });

  it("delegates to someone who may see the contract, and refuses someone who may not", async () => {
    const created = await contract(1_500_000);
    await fire(fx, "rep.e1", "contract", created.id, "submit");
    const [task] = await tasksOn(fx, "director", created.id);

    // mgr.north's scope is the north team: the east rep's contract is not theirs to see.
    const outside = await fx.as("director")("POST", `/tasks/${task.id}/delegate`, { to: "mgr.north" });
    expect(outside.status, JSON.stringify(outside.body)).toBe(422);
    expect(outside.body.code).toBe("validation_failed");
    const nobody = await fx.as("director")("POST", `/tasks/${task.id}/delegate`, { to: "nobody.here" });
    expect(nobody.status).toBe(422);
    const unnamed = await fx.as("director")("POST", `/tasks/${task.id}/delegate`, {});
    expect(unnamed.status).toBe(422);
    expect(await approversOf(created.id)).toEqual(["director"]);

    fx.clock.advance("PT1M");
    const delegated = await fx.as("director")("POST", `/tasks/${task.id}/delegate`, {
      to: "mgr.east",
      comment: "You know this customer",
    });
    expect(delegated.status, JSON.stringify(delegated.body)).toBe(200);
    expect(delegated.body).toMatchObject({ decision: "delegate", state: "in_approval", approval: "pending" });
    expect(await approversOf(created.id)).toEqual(["mgr.east"]);
    const [handed] = await tasksOn(fx, "mgr.east", created.id);
    expect(handed).toMatchObject({ level: "director_review", from: "director" });
    // The delegated task is closed for the director.
    expect((await fx.as("director")("POST", `/tasks/${task.id}/approve`, {})).status).toBe(409);

    await decide(fx, "mgr.east", created.id, "approve");
    expect(await approversOf(created.id)).toEqual(["finance"]);
    const view = await processOf(fx, "rep.e1", "contract", created.id);
    expect(levels(view)).toEqual([
      "director_review:director:delegated",
      "director_review:mgr.east:approved",
      "finance_review:finance:pending",
    ]);
    expect(view.timeline.find((e: { event: string }) => e.event === "delegate")).toMatchObject({
      kind: "approval",
      data: { level: "director_review", to: "mgr.east", comment: "You know this customer" },
      actor: { username: "director" },
    });
  });

  it("returns to draft, and a rejection with a reason can be revised", async () => {
    const returned = await contract(1_000_000);
    await fire(fx, "rep.e1", "contract", returned.id, "submit");
    await decide(fx, "director", returned.id, "approve");
    const back = await decide(fx, "finance", returned.id, "return", { comment: "Payment terms missing" });
    expect(back).toMatchObject({ state: "draft", approval: "returned" });
    expect((await read(fx, "rep.e1", "contract", returned.id)).status).toBe("draft");
    expect(await approversOf(returned.id)).toEqual([]);
    // Submitted again, the approval starts over at the director.
    fx.clock.advance("PT1H");
    await fire(fx, "rep.e1", "contract", returned.id, "submit");
    expect(await approversOf(returned.id)).toEqual(["director"]);
    const view = await processOf(fx, "rep.e1", "contract", returned.id);
    expect(view.approvals.map((a: { status: string }) => a.status)).toEqual(["returned", "pending"]);

    const rejected = await contract(1_000_000);
    await fire(fx, "rep.e1", "contract", rejected.id, "submit");
    const no = await decide(fx, "director", rejected.id, "reject", { comment: "Customer's credit is on hold" });
    expect(no).toMatchObject({ state: "rejected", approval: "rejected" });
    expect(await approversOf(rejected.id)).toEqual([]);
    expect((await fire(fx, "rep.e1", "contract", rejected.id, "revise")).state).toBe("draft");
  });

  it("escalates a level nobody decided within 3 days to the approver's manager", async () => {
    const created = await contract(2_500_000);
    await fire(fx, "rep.e1", "contract", created.id, "submit");
    const [task] = await tasksOn(fx, "director", created.id);
    expect(task.dueAt).toBe(new Date(fx.clock.now().getTime() + 3 * 86_400_000).toISOString());

    fx.clock.advance("P2D");
    await fx.settle();
    expect(await approversOf(created.id)).toEqual(["director"]);

    fx.clock.advance("PT25H");
    await fx.settle();
    // The director's manager is the VP; the director may still decide too.
    expect(await approversOf(created.id)).toEqual(["director", "vp"]);
    const [escalated] = await tasksOn(fx, "vp", created.id);
    expect(escalated.level).toBe("director_review");
    // The VP gets the same three days; undecided, the escalation climbs to the VP's manager.
    expect(escalated.dueAt).toBe(new Date(fx.clock.now().getTime() + 3 * 86_400_000).toISOString());
    fx.clock.advance("P3D");
    await fx.settle();
    expect(await approversOf(created.id)).toEqual(["director", "vp", "exec"]);
    let view = await processOf(fx, "rep.e1", "contract", created.id);
    expect(view.timeline.at(-1)).toMatchObject({
      kind: "approval",
      event: "timeout",
      data: { level: "director_review", then: "escalate", escalatedTo: ["exec"] },
    });

    await decide(fx, "vp", created.id, "approve");
    expect(await approversOf(created.id)).toEqual(["finance"]);
    view = await processOf(fx, "rep.e1", "contract", created.id);
    expect(levels(view)).toEqual([
      "director_review:director:closed",
      "director_review:vp:approved",
      "director_review:exec:closed",
      "finance_review:finance:pending",
    ]);
  });
});
