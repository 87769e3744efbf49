import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "../../runtime/testing.ts";
import type { UpcomingTimer } from "../../runtime/upcoming-timers.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("api_timers")), 120_000);
afterAll(() => fx?.close());

async function timersOf(username: string, query = ""): Promise<UpcomingTimer[]> {
  const response = await fx.as(username)("GET", `/timers${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.timers as UpcomingTimer[];
}

/** A quote of rep.e1's with a 15% discount: submitting it waits for the sales manager. */
async function quote(number: string): Promise<string> {
  const records = fx.runtime.records(fx.context);
  const owner = fx.ids.get("rep.e1");
  const customer = await records.create(fx.system, "customer", { name: `${number} customer`, region: "east", owner });
  const opportunity = await records.create(fx.system, "opportunity", {
    name: `${number} deal`,
    customer: customer.id,
    expected_close: "2026-06-30",
    owner,
  });
  const created = await records.create(fx.system, "quote", {
    number,
    name: `${number} quote`,
    opportunity: opportunity.id,
    customer: customer.id,
    subtotal: 100000,
    discount: 15,
    valid_until: "2026-05-31",
    owner,
  });
  return String(created.id);
}

const march = "?from=2026-03-01T00:00:00%2B08:00&to=2026-04-02T00:00:00%2B08:00";

describe("GET /timers", () => {
  it("lists the timers of the records a user owns: approval timeouts, reminders, timed transitions", async () => {
    const id = await quote("Q-700");
    expect((await fx.as("rep.e1")("POST", `/records/quote/${id}/events`, { type: "submit" })).status).toBe(200);

    const waiting = await timersOf("rep.e1", march);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({
      kind: "approval_timeout",
      entity: "quote",
      recordId: id,
      title: "Q-700",
      process: "quote_approval",
      state: "pending_approval",
      stateLabel: { en: "Pending approval" },
      level: "manager",
      levelLabel: { en: "Sales manager" },
      then: "escalate",
      dueAt: "2026-03-04T09:00:00.000Z",
    });

    const [task] = (await fx.as("mgr.east")("GET", "/tasks")).body.tasks as Array<{ id: string }>;
    expect((await fx.as("mgr.east")("POST", `/tasks/${task!.id}/approve`, {})).status).toBe(200);
    expect((await fx.as("rep.e1")("POST", `/records/quote/${id}/events`, { type: "send" })).status).toBe(200);

    const sent = await timersOf("rep.e1", march);
    expect(sent.map((t) => [t.kind, t.dueAt])).toEqual([
      ["reminder", "2026-03-09T09:00:00.000Z"],
      ["after", "2026-04-01T09:00:00.000Z"],
    ]);
    expect(sent[0]!.message).toMatchObject({
      en: "Quote Q-700 was sent a week ago: follow up with the customer.",
      zh: "报价单 Q-700 已发送一周，请跟进客户。",
    });
    expect(sent[1]).toMatchObject({ state: "sent", target: "expired", targetLabel: { ko: "만료됨" }, message: null });

    // Someone else's records are not on the user's calendar, even a manager's who may read them.
    expect(await timersOf("rep.e2", march)).toEqual([]);
    expect(await timersOf("mgr.east", march)).toEqual([]);
  });

  it("takes a half-open span, from now for 30 days by default", async () => {
    const id = await quote("Q-701");
    await fx.as("rep.e1")("POST", `/records/quote/${id}/events`, { type: "submit" });
    // The clock says 2026-03-02 09:00 UTC: the timeout two days later is in, a timer due a month later is out.
    const mine = (await timersOf("rep.e1")).filter((t) => t.recordId === id);
    expect(mine.map((t) => t.kind)).toEqual(["approval_timeout"]);
    const before = await timersOf("rep.e1", "?from=2026-03-01T00:00:00Z&to=2026-03-04T09:00:00Z");
    expect(before.filter((t) => t.recordId === id)).toEqual([]);
  });

  it("refuses a span that is backwards, too long or not a date", async () => {
    const rep = fx.as("rep.e1");
    expect((await rep("GET", "/timers?from=2026-03-10&to=2026-03-01")).status).toBe(400);
    expect((await rep("GET", "/timers?from=2026-01-01&to=2026-06-01")).status).toBe(400);
    const bad = await rep("GET", "/timers?from=next%20week");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/"from" must be an ISO-8601/);
  });
});
