import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openProcessFixture, type ProcessFixture } from "./testing.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("events")), 120_000);
afterAll(() => fx?.close());

describe("a record without an instance (imported)", () => {
  it("starts its process where its state field says, without entry steps, on the first event", async () => {
    const [result] = await fx.runtime.records(fx.context).batch(fx.system, (batch) =>
      batch.write("lead", [
        {
          kind: "create",
          input: {
            name: "Imported lead",
            company_name: "Kumho",
            contact_name: "Park Ji-ho",
            source: "trade_show",
            region: "east",
            owner: fx.ids.get("rep.e2"),
          },
        },
      ]),
    );
    if (result?.status !== "created") throw new Error(JSON.stringify(result));
    const id = String(result.record.id);
    expect(await fx.storage.sql`select 1 from temper.process_instances where record_id = ${id}`).toHaveLength(0);
    const before = await fx.as("rep.e2")("GET", `/records/lead/${id}/process`);
    expect(before.body.processes[0]).toMatchObject({ process: "lead_conversion", status: "not_started" });
    const events = await fx.as("rep.e2")("GET", `/records/lead/${id}/events`);
    expect(events.body.events.find((e: { event: string }) => e.event === "contact")).toMatchObject({ available: true });
    const fired = await fx.as("rep.e2")("POST", `/records/lead/${id}/events`, { type: "contact" });
    expect(fired.status, JSON.stringify(fired.body)).toBe(200);
    expect(fired.body).toMatchObject({ from: "new", state: "contacted", record: { stage: "contacted" } });
    // Entering "new" happened at import: its assignment and reminders did not run now.
    expect(fired.body.record.owner).toBe(fx.ids.get("rep.e2"));
    const after = await fx.as("rep.e2")("GET", `/records/lead/${id}/process`);
    expect(after.body.processes[0].timeline.map((e: { event: string }) => e.event)).toEqual(["contact"]);
    // No reminder of "new"; the 14-day timer of "contacted".
    expect(after.body.processes[0].timers.map((t: { key: string }) => t.key)).toEqual([
      "xstate.after.P14D.lead_conversion.contacted",
    ]);
  });
});
