import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../engine/src/runtime/testing.ts";
import {
  create,
  fire,
  notificationsOf,
  optionsOf,
  processOf,
  read,
  refused,
  timelineEvents,
  timelineNotes,
  timerKeys,
} from "./helpers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("leads")), 120_000);
afterAll(() => fx?.close());

const lead = (name: string, region: string, extra: Record<string, unknown> = {}) => ({
  name,
  company_name: `${name} Co.`,
  contact_name: `Contact of ${name}`,
  job_title: "Purchasing manager",
  email: "buyer@example.com",
  phone: "+86 21 5555 0100",
  source: "trade_show",
  industry: "machinery",
  region,
  ...extra,
});

describe("lead conversion", () => {
  it("hands leads of a region to the region's reps in turn, with first-contact reminders", async () => {
    const first = await create(fx, "mgr.east", "lead", lead("Yangtze Pumps", "east"));
    const second = await create(fx, "mgr.east", "lead", lead("Ningbo Castings", "east"));
    const third = await create(fx, "mgr.east", "lead", lead("Suzhou Gears", "east"));
    const north = await create(fx, "director", "lead", lead("Harbin Turbines", "north"));
    expect([first.owner, second.owner, third.owner]).toEqual([
      fx.ids.get("rep.e1"),
      fx.ids.get("rep.e2"),
      fx.ids.get("rep.e1"),
    ]);
    expect(north.owner).toBe(fx.ids.get("rep.n1"));
    expect(first.stage).toBe("new");

    const view = await processOf(fx, "rep.e1", "lead", first.id);
    expect(view).toMatchObject({ process: "lead_conversion", state: "new", status: "active" });
    expect(timerKeys(view)).toEqual(["reminder.first_contact", "reminder.first_contact_escalation"]);
    await fx.settle();
    expect(await notificationsOf(fx, "rep.e2")).toContain(
      "New lead assigned to you: Ningbo Castings (Ningbo Castings Co.). Please contact them within 24 hours.",
    );

    // The rep of another region does not see the lead at all.
    expect((await fx.as("rep.n1")("GET", `/records/lead/${first.id}/process`)).status).toBe(404);
  });

  it("passes over an inactive rep of the team, saying so on the lead's timeline", async () => {
    const e1 = fx.ids.get("rep.e1")!;
    const e2 = fx.ids.get("rep.e2")!;
    const before = await create(fx, "mgr.east", "lead", lead("Hangzhou Valves", "east"));
    const next = before.owner === e1 ? e2 : e1;
    await fx.storage.sql`update temper.users set active = false where id = ${next}`;
    try {
      const created = await create(fx, "mgr.east", "lead", lead("Jiaxing Motors", "east"));
      expect(created.owner).toBe(before.owner);
      const view = await processOf(fx, "mgr.east", "lead", created.id);
      const [note] = timelineNotes(view);
      expect(note).toMatch(
        new RegExp(`^Assigned to .+ by "east team": round robin after .+; skipped .+ \\(inactive\\)$`),
      );
      const [{ display_name: skipped }] = await fx.storage.sql<[{ display_name: string }]>`
        select coalesce(display_name, username) as display_name from temper.users where id = ${next}`;
      expect(note).toContain(`skipped ${skipped} (inactive)`);
      expect(timelineEvents(view)).toEqual(["start"]);
      expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(["start", "note"]);
    } finally {
      await fx.storage.sql`update temper.users set active = true where id = ${next}`;
    }
  });

  it("reminds the rep after 24 hours and the manager after 2 days while the lead is not contacted", async () => {
    const created = await create(fx, "mgr.east", "lead", lead("Wuxi Bearings", "east"));
    const owner = created.owner === fx.ids.get("rep.e1") ? "rep.e1" : "rep.e2";
    fx.clock.advance("PT25H");
    await fx.settle();
    expect(await notificationsOf(fx, owner)).toContain("Lead Wuxi Bearings has not been contacted for 24 hours.");
    expect((await notificationsOf(fx, "mgr.east")).some((m) => m.includes("Wuxi Bearings"))).toBe(false);
    fx.clock.advance("PT24H");
    await fx.settle();
    expect(await notificationsOf(fx, "mgr.east")).toContain(
      "Lead Wuxi Bearings (Wuxi Bearings Co.) is still not contacted after 2 days.",
    );
    const view = await processOf(fx, owner, "lead", created.id);
    expect(view.state).toBe("new");
    expect(timelineEvents(view)).toEqual(["start", "reminder.first_contact", "reminder.first_contact_escalation"]);
  });

  it("contacts, qualifies once there is a budget and converts into a linked customer, contact and opportunity", async () => {
    const created = await create(fx, "mgr.east", "lead", lead("Shanghai Presses", "east"));
    const owner = created.owner === fx.ids.get("rep.e1") ? "rep.e1" : "rep.e2";

    const contacted = await fire(fx, owner, "lead", created.id, "contact");
    expect(contacted).toMatchObject({ process: "lead_conversion", from: "new", state: "contacted" });
    expect(contacted.record.stage).toBe("contacted");
    // Leaving "new" cancels both first-contact reminders; the 14-day nudge waits instead.
    expect(timerKeys(await processOf(fx, owner, "lead", created.id))).toEqual([
      "xstate.after.P14D.lead_conversion.contacted",
    ]);

    expect(await refused(fx, owner, "lead", created.id, "qualify")).toEqual({ status: 422, code: "guard_failed" });
    expect((await optionsOf(fx, owner, "lead", created.id)).get("qualify")).toEqual({
      available: false,
      reason: "Needs an estimated budget.",
    });
    const patched = await fx.as(owner)("PATCH", `/records/lead/${created.id}`, {
      estimated_amount: 1_800_000,
      version: contacted.record.version,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await optionsOf(fx, owner, "lead", created.id)).get("qualify")).toEqual({ available: true });
    expect((await fire(fx, owner, "lead", created.id, "qualify")).state).toBe("qualified");

    const converted = await fire(fx, owner, "lead", created.id, "convert");
    expect(converted.state).toBe("converted");
    const after = converted.record;
    expect(after).toMatchObject({ stage: "converted", converted_at: fx.clock.now().toISOString() });

    const customer = await read(fx, owner, "customer", after.converted_customer);
    expect(customer).toMatchObject({
      name: "Shanghai Presses Co.",
      region: "east",
      industry: "machinery",
      status: "prospect",
      owner: created.owner,
    });
    const contact = await read(fx, owner, "contact", after.converted_contact);
    expect(contact).toMatchObject({
      name: "Contact of Shanghai Presses",
      customer: customer.id,
      title: "Purchasing manager",
      owner: created.owner,
    });
    const opportunity = await read(fx, owner, "opportunity", after.converted_opportunity);
    expect(opportunity).toMatchObject({
      name: "Shanghai Presses",
      customer: customer.id,
      primary_contact: contact.id,
      amount: 1_800_000,
      source: "lead",
      lead: created.id,
      stage: "prospecting",
      owner: created.owner,
    });
    // The new opportunity runs its own pipeline from the start.
    const pipeline = await processOf(fx, owner, "opportunity", opportunity.id);
    expect(pipeline).toMatchObject({ process: "opportunity_pipeline", state: "prospecting", status: "active" });

    const view = await processOf(fx, owner, "lead", created.id);
    expect(view).toMatchObject({ state: "converted", status: "done" });
    expect(timelineEvents(view)).toEqual(["start", "contact", "qualify", "convert"]);
    expect(view.timeline.at(-1).actor.username).toBe(owner);

    // A converted lead is done: nothing more may happen to it.
    expect(await refused(fx, owner, "lead", created.id, "disqualify", { reason: "duplicate" })).toEqual({
      status: 409,
      code: "state_conflict",
    });
  });

  it("disqualifies with a reason from the list, and only with one", async () => {
    const created = await create(fx, "mgr.east", "lead", lead("Hangzhou Valves", "east"));
    const owner = created.owner === fx.ids.get("rep.e1") ? "rep.e1" : "rep.e2";
    expect(await refused(fx, owner, "lead", created.id, "disqualify")).toEqual({
      status: 422,
      code: "validation_failed",
    });
    expect(await refused(fx, owner, "lead", created.id, "disqualify", { reason: "too expensive" })).toEqual({
      status: 422,
      code: "validation_failed",
    });
    const result = await fire(fx, owner, "lead", created.id, "disqualify", {
      reason: "bought_elsewhere",
      comment: "Ordered from a competitor last month.",
    });
    expect(result).toMatchObject({ from: "new", state: "disqualified" });
    expect(result.record).toMatchObject({ stage: "disqualified", lost_reason: "bought_elsewhere" });
    const view = await processOf(fx, owner, "lead", created.id);
    expect(view.status).toBe("done");
    expect(view.timers).toEqual([]);
    expect(view.timeline.at(-1)).toMatchObject({
      event: "disqualify",
      from: "new",
      to: "disqualified",
      data: { reason: "bought_elsewhere", comment: "Ordered from a competitor last month." },
    });
  });

  it("nurtures a contacted lead and reactivates it", async () => {
    const created = await create(fx, "mgr.east", "lead", lead("Jiangsu Robotics", "east"));
    const owner = created.owner === fx.ids.get("rep.e1") ? "rep.e1" : "rep.e2";
    await fire(fx, owner, "lead", created.id, "contact");
    expect((await fire(fx, owner, "lead", created.id, "nurture")).state).toBe("nurturing");
    expect(timerKeys(await processOf(fx, owner, "lead", created.id))).toEqual([
      "xstate.after.P90D.lead_conversion.nurturing",
    ]);
    expect((await fire(fx, owner, "lead", created.id, "reactivate")).state).toBe("contacted");
  });
});
