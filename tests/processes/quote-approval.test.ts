import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  create,
  customerOf,
  decide,
  fire,
  notificationsOf,
  processOf,
  read,
  refused,
  tasksOn,
  timelineEvents,
  timerKeys,
} from "./helpers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("quotes")), 120_000);
afterAll(() => fx?.close());

let numbers = 0;

/** A draft quote of rep.e1 with a discount, on an opportunity of theirs. */
async function quote(discount: number, subtotal = 1_000_000) {
  numbers += 1;
  const customer = await customerOf(fx, "rep.e1", `Quote customer ${numbers}`);
  const opportunity = await create(fx, "rep.e1", "opportunity", {
    name: `Deal ${numbers}`,
    customer,
    expected_close: "2026-06-30",
    amount: subtotal,
  });
  return create(fx, "rep.e1", "quote", {
    number: `Q-2026-${String(numbers).padStart(3, "0")}`,
    name: `Machining centres, ${discount}% off`,
    opportunity: opportunity.id,
    customer,
    subtotal,
    discount,
    valid_until: "2026-04-30",
  });
}

/** Who has a pending task on the record, among the sales line. */
async function approversOf(recordId: string): Promise<string[]> {
  const holders: string[] = [];
  for (const user of ["rep.e1", "mgr.east", "mgr.north", "director", "vp", "exec"])
    if ((await tasksOn(fx, user, recordId)).length > 0) holders.push(user);
  return holders;
}

describe("quote approval", () => {
  it("approves a 5% discount at once, sends it with a follow-up reminder and lets it expire after 30 days", async () => {
    const created = await quote(5);
    expect(created.status).toBe("draft");
    const submitted = await fire(fx, "rep.e1", "quote", created.id, "submit");
    expect(submitted).toMatchObject({ from: "draft", state: "approved" });
    expect(await approversOf(created.id)).toEqual([]);
    const sentAt = fx.clock.now();
    const sent = await fire(fx, "rep.e1", "quote", created.id, "send");
    expect(sent.record).toMatchObject({ status: "sent", sent_on: sentAt.toISOString().slice(0, 10) });
    const view = await processOf(fx, "rep.e1", "quote", created.id);
    expect(timerKeys(view)).toEqual(["reminder.quote_follow_up", "xstate.after.P30D.quote_approval.sent"]);
    const due = Object.fromEntries(view.timers.map((t: { key: string; dueAt: string }) => [t.key, t.dueAt]));
    expect(due["reminder.quote_follow_up"]).toBe(new Date(sentAt.getTime() + 7 * 86_400_000).toISOString());
    expect(due["xstate.after.P30D.quote_approval.sent"]).toBe(
      new Date(sentAt.getTime() + 30 * 86_400_000).toISOString(),
    );
    expect(timelineEvents(view)).toEqual(["start", "submit", "send"]);

    fx.clock.advance("P7D");
    await fx.settle();
    expect(await notificationsOf(fx, "rep.e1")).toContain(
      `Quote ${created.number} was sent a week ago: follow up with the customer.`,
    );
    expect((await read(fx, "rep.e1", "quote", created.id)).status).toBe("sent");

    fx.clock.advance("P23D");
    await fx.settle();
    const expired = await processOf(fx, "rep.e1", "quote", created.id);
    expect(expired.state).toBe("expired");
    expect(expired.timers).toEqual([]);
    expect((await read(fx, "rep.e1", "quote", created.id)).status).toBe("expired");
    expect(await notificationsOf(fx, "rep.e1")).toContain(
      `Quote ${created.number} expired without an answer from the customer.`,
    );
  });

  it("sends a 25% discount to the owner's sales manager, then the director, then approves it", async () => {
    const created = await quote(25);
    const submitted = await fire(fx, "rep.e1", "quote", created.id, "submit");
    expect(submitted).toMatchObject({ from: "draft", state: "pending_approval" });
    expect(await approversOf(created.id)).toEqual(["mgr.east"]);
    const [task] = await tasksOn(fx, "mgr.east", created.id);
    expect(task).toMatchObject({
      entity: "quote",
      recordId: created.id,
      title: created.number,
      process: "quote_approval",
      level: "manager",
      submitter: "rep.e1",
      dueAt: new Date(fx.clock.now().getTime() + 2 * 86_400_000).toISOString(),
    });
    await fx.settle();
    expect((await notificationsOf(fx, "mgr.east")).some((m) => m.includes("waits for your approval"))).toBe(true);

    const first = await decide(fx, "mgr.east", created.id, "approve", { comment: "Fine for a reference customer" });
    expect(first).toMatchObject({ decision: "approve", state: "pending_approval", approval: "pending" });
    expect(await approversOf(created.id)).toEqual(["director"]);
    expect((await tasksOn(fx, "director", created.id))[0].level).toBe("director");

    const second = await decide(fx, "director", created.id, "approve");
    expect(second).toMatchObject({ state: "approved", approval: "approved" });
    expect(await approversOf(created.id)).toEqual([]);
    expect((await read(fx, "rep.e1", "quote", created.id)).status).toBe("approved");

    const view = await processOf(fx, "rep.e1", "quote", created.id);
    expect(view.approvals).toHaveLength(1);
    expect(view.approvals[0]).toMatchObject({ status: "approved", submitter: "rep.e1" });
    expect(
      view.approvals[0].tasks.map((t: { approver: string; level: string; status: string }) => [
        t.approver,
        t.level,
        t.status,
      ]),
    ).toEqual([
      ["mgr.east", "manager", "approved"],
      ["director", "director", "approved"],
    ]);
    expect(view.timeline.map((e: { kind: string; event: string; to: string }) => [e.kind, e.event, e.to])).toEqual([
      ["start", "start", "draft"],
      ["event", "submit", "pending_approval"],
      ["approval", "approve", "pending_approval"],
      ["approval", "approve", "pending_approval"],
      ["approval", "approval.approved", "approved"],
    ]);
    expect(view.timeline[2]).toMatchObject({
      data: { level: "manager", comment: "Fine for a reference customer" },
      actor: { username: "mgr.east" },
    });
    expect(view.timers).toEqual([]);
  });

  it("adds the VP for a 35% discount", async () => {
    const created = await quote(35);
    await fire(fx, "rep.e1", "quote", created.id, "submit");
    await decide(fx, "mgr.east", created.id, "approve");
    await decide(fx, "director", created.id, "approve");
    expect(await approversOf(created.id)).toEqual(["vp"]);
    expect((await read(fx, "rep.e1", "quote", created.id)).status).toBe("pending_approval");
    const last = await decide(fx, "vp", created.id, "approve");
    expect(last).toMatchObject({ state: "approved", approval: "approved" });
    const view = await processOf(fx, "rep.e1", "quote", created.id);
    expect(view.approvals[0].tasks.map((t: { level: string }) => t.level)).toEqual(["manager", "director", "vp"]);
  });

  it("rejects only with a reason, and a rejection ends the approval", async () => {
    const created = await quote(25);
    await fire(fx, "rep.e1", "quote", created.id, "submit");
    const [task] = await tasksOn(fx, "mgr.east", created.id);
    const bare = await fx.as("mgr.east")("POST", `/tasks/${task.id}/reject`, {});
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe("validation_failed");
    expect(await approversOf(created.id)).toEqual(["mgr.east"]);

    const rejected = await decide(fx, "mgr.east", created.id, "reject", { comment: "Margin below floor" });
    expect(rejected).toMatchObject({ decision: "reject", state: "rejected", approval: "rejected" });
    expect(await approversOf(created.id)).toEqual([]);
    const view = await processOf(fx, "rep.e1", "quote", created.id);
    expect(view.state).toBe("rejected");
    expect(view.timeline.at(-1)).toMatchObject({
      kind: "approval",
      event: "approval.rejected",
      from: "pending_approval",
      to: "rejected",
      data: { level: "manager", reason: "Margin below floor" },
    });
    expect(view.approvals[0].tasks[0]).toMatchObject({ status: "rejected", comment: "Margin below floor" });
    await fx.settle();
    expect(await notificationsOf(fx, "rep.e1")).toContain(
      `Quote ${created.number} was rejected. Revise it or cancel it.`,
    );
    // A closed task cannot be decided again.
    const again = await fx.as("mgr.east")("POST", `/tasks/${task.id}/approve`, {});
    expect(again.status).toBe(409);

    expect((await fire(fx, "rep.e1", "quote", created.id, "revise")).state).toBe("draft");
  });

  it("returns to draft when the approver sends it back, and closes the tasks when the rep withdraws", async () => {
    const returned = await quote(15);
    await fire(fx, "rep.e1", "quote", returned.id, "submit");
    const back = await decide(fx, "mgr.east", returned.id, "return", { comment: "Attach the line items" });
    expect(back).toMatchObject({ decision: "return", state: "draft", approval: "returned" });
    expect((await read(fx, "rep.e1", "quote", returned.id)).status).toBe("draft");

    const withdrawn = await quote(15);
    await fire(fx, "rep.e1", "quote", withdrawn.id, "submit");
    expect(await approversOf(withdrawn.id)).toEqual(["mgr.east"]);
    expect((await fire(fx, "rep.e1", "quote", withdrawn.id, "withdraw")).state).toBe("draft");
    expect(await approversOf(withdrawn.id)).toEqual([]);
    const view = await processOf(fx, "rep.e1", "quote", withdrawn.id);
    expect(view.approvals[0].status).toBe("cancelled");
    expect(view.timers).toEqual([]);
  });

  it("is accepted or declined by the customer once sent", async () => {
    const accepted = await quote(8);
    await fire(fx, "rep.e1", "quote", accepted.id, "submit");
    await fire(fx, "rep.e1", "quote", accepted.id, "send");
    const done = await fire(fx, "rep.e1", "quote", accepted.id, "accept");
    expect(done.state).toBe("accepted");
    const view = await processOf(fx, "rep.e1", "quote", accepted.id);
    expect(view).toMatchObject({ status: "done", timers: [] });
    await fx.settle();
    expect(await notificationsOf(fx, "mgr.east")).toContain(
      `Quote ${accepted.number} was accepted: prepare the contract.`,
    );

    const declined = await quote(8);
    await fire(fx, "rep.e1", "quote", declined.id, "submit");
    expect(await refused(fx, "rep.e1", "quote", declined.id, "decline", { reason: "Too late" })).toEqual({
      status: 409,
      code: "state_conflict",
    });
    await fire(fx, "rep.e1", "quote", declined.id, "send");
    const no = await fire(fx, "rep.e1", "quote", declined.id, "decline", { reason: "Chose a local supplier" });
    expect(no.record).toMatchObject({ status: "declined", decline_reason: "Chose a local supplier" });
  });

  it("does not submit a quote without a subtotal", async () => {
    const created = await quote(5, 0);
    expect(await refused(fx, "rep.e1", "quote", created.id, "submit")).toEqual({
      status: 422,
      code: "guard_failed",
    });
    expect((await read(fx, "rep.e1", "quote", created.id)).status).toBe("draft");
  });
});
