import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder, validateDefinitionTexts } from "../definitions/index.ts";
import type { WorkspaceContext } from "../records/service.ts";
import { publishDefinition } from "../storage/publish.ts";
import { currentVersion } from "../storage/versions.ts";
import { type MigratingInstance, migrateInstances, planInstanceMigration } from "./migrate.ts";
import { writeRenamedCrm } from "./migrate-testing.ts";
import { openProcessFixture, type ProcessFixture } from "./testing.ts";

const crm = new URL("../../../definitions/examples/crm", import.meta.url).pathname;

let fx: ProcessFixture;
const id = { customer: "", a: "", b: "", c: "", d: "" };

async function complaint(subject: string): Promise<string> {
  const record = await fx.runtime.records(fx.context).create(fx.system, "complaint", {
    subject,
    customer: id.customer,
    description: `${subject}, as the customer tells it.`,
    severity: "major",
    category: "product_quality",
  });
  return String(record.id);
}

const fire = (context: WorkspaceContext, recordId: string, type: string, data?: Record<string, unknown>) =>
  fx.runtime.events.fire(fx.system, context, "complaint", recordId, { type, ...(data ? { data } : {}) });

async function instance(recordId: string) {
  const [row] = await fx.storage.sql`select i.*, v.version as label from temper.process_instances i
    join temper.definition_versions v on v.id = i.version_id where i.record_id = ${recordId}`;
  return row!;
}

async function pendingTimers(recordId: string) {
  return fx.storage
    .sql`select t.key, t.due_at from temper.timers t join temper.process_instances i on i.id = t.instance_id
    where i.record_id = ${recordId} and t.status = 'pending' order by t.key`;
}

async function snapshotOfDatabase() {
  return fx.storage.sql`select i.id, i.version_id, i.state, i.version, i.snapshot,
      (select count(*)::int from temper.timers t where t.instance_id = i.id and t.status = 'pending') as timers,
      (select count(*)::int from temper.process_events e where e.instance_id = i.id) as entries
    from temper.process_instances i where i.process = 'complaint_escalation' order by i.id`;
}

beforeAll(async () => {
  fx = await openProcessFixture("migrate");
  const customer = await fx.runtime
    .records(fx.context)
    .create(fx.system, "customer", { name: "Hanwha Machinery", region: "east", owner: fx.ids.get("rep.e1") });
  id.customer = String(customer.id);
  // C has been in handling for 4 days: its 3-day reminder timer fired already.
  id.c = await complaint("Coolant leak");
  await fire(fx.context, id.c, "start_handling");
  fx.clock.advance("P4D");
  await fx.settle();
  // A is open, B in handling for 2 hours, D withdrawn.
  id.a = await complaint("Noisy gearbox");
  id.b = await complaint("Spindle broke");
  await fire(fx.context, id.b, "start_handling");
  id.d = await complaint("Wrong paint");
  await fire(fx.context, id.d, "withdraw", { reason: "sorted out by phone" });
  fx.clock.advance("PT2H");
  const { texts } = await readDefinitionFolder(await writeRenamedCrm());
  await publishDefinition(fx.storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
}, 120_000);
afterAll(() => fx?.close());

const request = (map: Record<string, string>, extra: { dryRun?: boolean } = {}) => ({
  workspaceId: "acme",
  process: "complaint_escalation",
  toVersion: "1.1.0",
  map: { states: map },
  clock: fx.clock,
  ...extra,
});

describe("migrating process instances to a new version", () => {
  it("refuses when any instance cannot be mapped, naming each one, and changes nothing", async () => {
    const before = await snapshotOfDatabase();
    const unmapped = await migrateInstances(fx.storage, request({}));
    expect(unmapped.status).toBe("refused");
    expect(unmapped.moves.length).toBe(2); // A and D could move; B and C block them
    expect(unmapped.problems).toEqual(
      [id.c, id.b].map((recordId) => ({
        instanceId: expect.any(String),
        recordId,
        state: "in_handling",
        reason: 'version 1.1.0 has no state "in_handling"; map it with "states": {"in_handling": "<state>"}',
      })),
    );
    const wrong = await migrateInstances(fx.storage, request({ in_handling: "handled", nowhere: "open" }));
    expect(wrong.problems.map((p) => p.reason)).toEqual([
      'the map sends "in_handling" to "handled", which is no state of complaint_escalation in version 1.1.0',
      'the map names "nowhere", which is no state of complaint_escalation in 1.0.0',
    ]);
    expect(await snapshotOfDatabase()).toEqual(before);
    await expect(migrateInstances(fx.storage, { ...request({}), toVersion: "9.9.9" })).rejects.toThrow(
      'no version "9.9.9" is published in "acme"; published: 1.0.0, 1.1.0',
    );
  });

  it("plans a dry run without changing anything", async () => {
    const before = await snapshotOfDatabase();
    const plan = await migrateInstances(fx.storage, request({ in_handling: "handling" }, { dryRun: true }));
    expect(plan.status).toBe("dry_run");
    expect(plan.problems).toEqual([]);
    const moves = Object.fromEntries(plan.moves.map((m) => [m.recordId, m]));
    expect(moves[id.b]).toMatchObject({ fromVersion: "1.0.0", fromState: "in_handling", toState: "handling" });
    expect(moves[id.d]).toMatchObject({ fromState: "withdrawn", toState: "withdrawn", status: "done", timers: [] });
    expect(await snapshotOfDatabase()).toEqual(before);
  });

  it("moves every instance in one run, keeping SLA clocks, and the instances go on working", async () => {
    const aTimers = await pendingTimers(id.a);
    const outcome = await migrateInstances(fx.storage, request({ in_handling: "handling" }));
    expect(outcome.status).toBe("migrated");
    expect(outcome.moves.length).toBe(4);

    const b = await instance(id.b);
    expect(b).toMatchObject({ label: "1.1.0", state: "handling", status: "active", version: 3 });
    expect(b.snapshot.value).toBe("handling");
    // B entered handling at 2026-03-06 09:00: its 3-day timer is due 3 days from then, not from the migration.
    expect(await pendingTimers(id.b)).toEqual([
      { key: "xstate.after.P3D.complaint_escalation.handling", due_at: new Date("2026-03-09T09:00:00Z") },
    ]);
    // C's 3-day timer fired before the migration: it does not fire again.
    expect(await pendingTimers(id.c)).toEqual([]);
    expect(await pendingTimers(id.a)).toEqual(aTimers);
    expect(await instance(id.d)).toMatchObject({ label: "1.1.0", state: "withdrawn", status: "done" });

    const records = await fx.storage
      .sql`select id, status from ws_acme.complaint where id = any(${[id.b, id.c]}::uuid[])`;
    expect(records.map((r) => r.status)).toEqual(["handling", "handling"]);
    const [entry] = await fx.storage.sql`select * from temper.process_events
      where instance_id = ${b.id} order by id desc limit 1`;
    expect(entry).toMatchObject({
      kind: "migration",
      from_state: "in_handling",
      to_state: "handling",
      data: { fromVersion: "1.0.0", toVersion: "1.1.0", fromState: "in_handling" },
    });

    const context = { ...fx.context, definition: (await currentVersion(fx.storage, "acme"))!.definition };
    fx.clock.set(new Date("2026-03-09T09:30:00Z"));
    await fx.settle();
    const fired = await fx.storage.sql`select event from temper.process_events where instance_id = ${b.id} order by id`;
    expect(fired.map((e) => e.event).slice(-1)).toEqual(["xstate.after.P3D.complaint_escalation.handling"]);
    const resolved = await fire(context, id.b, "resolve", { resolution: "replaced the spindle" });
    expect(resolved).toMatchObject({ from: "handling", state: "awaiting_confirmation" });

    const again = await migrateInstances(fx.storage, request({ in_handling: "handling" }));
    expect(again).toMatchObject({ status: "migrated", moves: [], problems: [], alreadyThere: 4 });
  });
});

describe("planning a migration (pure)", () => {
  it("carries an open approval to an approval state, cancels it elsewhere, and refuses an approval state without one", async () => {
    const { texts } = await readDefinitionFolder(crm);
    const definition = validateDefinitionTexts(texts).definition!;
    const base = { fromVersion: "1.0.0", stateSince: new Date("2026-03-02T09:00:00Z"), firedTimers: [] };
    const instances: MigratingInstance[] = [
      {
        ...base,
        id: "i1",
        recordId: "r1",
        state: "pending_approval",
        approval: { state: "pending_approval", level: 1 },
      },
      { ...base, id: "i2", recordId: "r2", state: "sent", approval: null },
    ];
    const plan = (map: Record<string, string>, list = instances) =>
      planInstanceMigration({
        process: "quote_approval",
        toVersion: "1.0.0",
        target: definition,
        sources: new Map([["1.0.0", definition]]),
        instances: list,
        map: { states: map },
      });
    const kept = plan({});
    expect(kept.problems).toEqual([]);
    expect(kept.moves.map((m) => m.approval)).toEqual(["keep", "none"]);
    expect(kept.moves[1]!.timers).toEqual([
      {
        key: "xstate.after.P30D.quote_approval.sent",
        event: "xstate.after.P30D.quote_approval.sent",
        after: "P30D",
        dueAt: new Date("2026-04-01T09:00:00Z"),
      },
    ]);
    expect(plan({ pending_approval: "draft" }).moves[0]).toMatchObject({ toState: "draft", approval: "cancel" });
    expect(plan({ sent: "pending_approval" }).problems).toEqual([
      {
        instanceId: "i2",
        recordId: "r2",
        state: "sent",
        reason:
          '"pending_approval" is an approval state in version 1.0.0, but the instance has no open approval to carry there',
      },
    ]);
    const far = [{ ...instances[0]!, approval: { state: "pending_approval", level: 5 } }];
    expect(plan({}, far).problems[0]!.reason).toBe(
      'its approval is at level 6, which "pending_approval" of version 1.0.0 lacks',
    );
  });
});
