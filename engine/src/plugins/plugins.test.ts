import { definePlugin, defineStep } from "@temper/plugin-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeUser } from "../org/people.ts";
import { createUnit } from "../org/units.ts";
import type { Actor, WorkspaceContext } from "../records/service.ts";
import { manualClock } from "../runtime/clock.ts";
import { createRuntime, type Runtime } from "../runtime/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { createApi } from "../api/app.ts";
import { addUser, signIn } from "../users/service.ts";
import { referenceCrmWith } from "./testing.ts";
import { setPluginSettings, shownSettings } from "./settings.ts";

let erpCalls: Array<{ key: string; customer: unknown; endpoint: unknown }> = [];
let erpFailures = 0;

const faulty = definePlugin({
  name: "faulty",
  version: "1.0.0",
  settings: {
    schema: {
      type: "object",
      required: ["endpoint"],
      properties: { endpoint: { type: "string" }, token: { type: "string" } },
      additionalProperties: false,
    },
    secrets: ["token"],
  },
  steps: [
    defineStep({
      name: "explode",
      description: "Throws.",
      mode: "transaction",
      params: { type: "object" },
      run: async () => {
        throw new Error("boom");
      },
    }),
    defineStep({
      name: "stall",
      description: "Never finishes.",
      mode: "transaction",
      timeoutMs: 100,
      params: { type: "object" },
      run: (ctx) => new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(undefined))),
    }),
    defineStep({
      name: "garble",
      description: "Returns what its schema refuses.",
      mode: "transaction",
      params: { type: "object" },
      output: { type: "object", required: ["score"], properties: { score: { type: "number" } } },
      run: async () => ({ scor: "high" }),
    }),
    defineStep<{ level: number }, { score: number }>({
      name: "score",
      description: "Sets the escalation level and notes why.",
      mode: "transaction",
      params: {
        type: "object",
        required: ["level"],
        properties: { level: { type: "number" } },
        additionalProperties: false,
      },
      output: { type: "object", required: ["score"], properties: { score: { type: "number" } } },
      async run(ctx, params) {
        ctx.setFields({ escalation_level: params.level });
        // Reads inside the transition's transaction, with the user's permissions.
        const open = await ctx.records.list("complaint", { status: "open" });
        const counts = await ctx.records.aggregate("complaint", { group: ["status"] });
        ctx.timeline(
          `scored by ${ctx.user?.username ?? "the system"}: ${open.length} open, ${counts.map((row) => `${String(row.status)} ${row.count}`).join(", ")}`,
        );
        return { score: params.level };
      },
    }),
    defineStep({
      name: "tell_erp",
      description: "Calls another system after the transition, with the user's permissions.",
      mode: "outbox",
      retry: { attempts: 3 },
      params: { type: "object" },
      async run(ctx) {
        const customer = await ctx.records.get("customer", String(ctx.record.customer));
        if (erpFailures > 0) {
          erpFailures -= 1;
          throw new Error("the ERP is down");
        }
        erpCalls.push({ key: ctx.idempotencyKey, customer: customer.name, endpoint: ctx.settings.endpoint });
        ctx.timeline("sent to the ERP");
      },
    }),
  ],
});

/** The reference CRM with the faulty plugin enabled and one complaint event per step. */
async function definitionTexts() {
  return referenceCrmWith([faulty], (path, json) => {
    if (path === "processes/complaint_escalation.json") {
      for (const step of ["explode", "stall", "garble", "score", "tell_erp"]) {
        json.events[`try_${step}`] = { label: { en: step, zh: step, ko: step } };
        json.states.open.on[`try_${step}`] = {
          actions: [{ type: `faulty.${step}`, params: step === "score" ? { level: 2 } : {} }],
        };
      }
    }
  });
}

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
let system: Actor;
let supervisor: Actor;
const clock = manualClock(new Date("2026-03-02T09:00:00Z"));

beforeAll(async () => {
  database = await createTestDatabase("plugins");
  storage = await openStorage(database.url, { max: 6 });
  await createWorkspace(storage, "acme");
  const { texts, plugins } = await definitionTexts();
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  await createUnit(storage, "acme", { code: "service_center", name: "Service center" });
  const { id } = await addUser(storage, {
    workspaceId: "acme",
    username: "supervisor",
    password: "correct horse battery",
    roles: ["service_supervisor"],
  });
  await placeUser(storage, "acme", "supervisor", { unit: "service_center" });
  supervisor = { id, username: "supervisor", roles: ["service_supervisor"] };
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock, plugins });
}, 120_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

async function complaint() {
  const records = runtime.records(context);
  const customer = await records.create(system, "customer", { name: "Kumho", region: "south", owner: supervisor.id });
  return records.create(supervisor, "complaint", {
    subject: "Leaking valve",
    customer: customer.id,
    description: "The valve leaks.",
    severity: "minor",
    category: "product_quality",
  });
}

/** Everything a failed step could have touched, for one record. */
async function stateOf(id: string) {
  const [record] = await storage.sql`select * from ws_acme.complaint where id = ${id}`;
  const [instance] = await storage.sql`select state, version, snapshot, last_error from temper.process_instances
    where record_id = ${id}`;
  const counts = await storage.sql`select
      (select count(*)::int from temper.process_events e join temper.process_instances i on i.id = e.instance_id where i.record_id = ${id}) as events,
      (select count(*)::int from temper.outbox) as outbox,
      (select count(*)::int from temper.field_history where record_id = ${id}) as history,
      (select count(*)::int from temper.audit_log) as audit,
      (select count(*)::int from temper.timers) as timers`;
  return { record, instance, counts: counts[0] };
}

describe("plugin steps", () => {
  it("refuses a failing, stalling or malformed step and leaves everything as the last transition left it", async () => {
    const created = await complaint();
    const id = String(created.id);
    const before = await stateOf(id);
    for (const [event, reason] of [
      ["try_explode", "step faulty.explode failed: boom"],
      ["try_stall", "step faulty.stall failed: step faulty.stall did not finish within 100 ms"],
      ["try_garble", "step faulty.garble failed: its output breaks its schema: / must have required property 'score'"],
    ] as const) {
      await expect(runtime.events.fire(supervisor, context, "complaint", id, { type: event })).rejects.toMatchObject({
        code: "step_failed",
        message: reason,
      });
      expect(await stateOf(id)).toEqual(before);
    }
  });

  it("runs a transaction step that sets fields and writes the timeline, with the user", async () => {
    const created = await complaint();
    const fired = await runtime.events.fire(supervisor, context, "complaint", String(created.id), {
      type: "try_score",
    });
    expect(fired.record).toMatchObject({ escalation_level: 2, status: "open" });
    const [view] = await runtime.process(supervisor, context, "complaint", String(created.id));
    expect(view!.timeline.map((e) => [e.kind, e.event, e.data])).toEqual([
      ["start", "start", {}],
      ["note", "note", { text: expect.stringMatching(/^No assignment rule found anyone/) }],
      ["event", "try_score", {}],
      ["note", "note", { text: expect.stringMatching(/^scored by supervisor: [1-9]\d* open, open [1-9]\d*$/) }],
    ]);
  });

  it("delivers an outbox step after commit with settings, the user's permissions and an idempotency key, retrying per its policy", async () => {
    await expect(setPluginSettings(storage.sql, faulty, "acme", { endpoint: 42 }, "admin")).rejects.toMatchObject({
      code: "validation_failed",
    });
    const saved = await setPluginSettings(
      storage.sql,
      faulty,
      "acme",
      { endpoint: "http://127.0.0.1:9/erp", token: "t0ken" },
      "admin",
    );
    expect(saved).toEqual({ endpoint: "http://127.0.0.1:9/erp", token: "********" });
    // Sending the masked secret back keeps the stored one.
    await setPluginSettings(
      storage.sql,
      faulty,
      "acme",
      { endpoint: "http://127.0.0.1:9/erp2", token: "********" },
      "admin",
    );
    const [row] = await storage.sql`select settings from temper.plugin_settings where plugin = 'faulty'`;
    expect(row!.settings).toEqual({ endpoint: "http://127.0.0.1:9/erp2", token: "t0ken" });
    expect(shownSettings(faulty, row!.settings)).toEqual({ endpoint: "http://127.0.0.1:9/erp2", token: "********" });

    erpCalls = [];
    erpFailures = 1;
    const created = await complaint();
    await runtime.events.fire(supervisor, context, "complaint", String(created.id), { type: "try_tell_erp" });
    expect(erpCalls).toEqual([]);
    const first = await runtime.outbox.deliverDue();
    expect(first.retried).toBeGreaterThanOrEqual(1);
    const [failedView] = await runtime.process(supervisor, context, "complaint", String(created.id));
    expect(failedView!.lastError).toMatchObject({ source: "outbox", step: "faulty.tell_erp" });
    expect(failedView!.state).toBe("open");
    clock.advance("PT5S");
    await runtime.outbox.deliverDue();
    expect(erpCalls).toHaveLength(1);
    expect(erpCalls[0]).toMatchObject({ customer: "Kumho", endpoint: "http://127.0.0.1:9/erp2" });
    const [view] = await runtime.process(supervisor, context, "complaint", String(created.id));
    expect(view!.timeline.at(-1)).toMatchObject({ kind: "note", data: { text: "sent to the ERP" } });

    erpFailures = 10;
    const other = await complaint();
    await runtime.events.fire(supervisor, context, "complaint", String(other.id), { type: "try_tell_erp" });
    for (let round = 0; round < 5; round++) {
      await runtime.outbox.deliverDue();
      clock.advance("PT1M");
    }
    const [given] = await runtime.process(supervisor, context, "complaint", String(other.id));
    expect(given!.outbox.find((o) => o.step === "faulty.tell_erp")).toMatchObject({ status: "failed", attempts: 3 });
    erpFailures = 0;
  });

  it("shows the plugins over the API, and their settings with secrets masked to those who manage the definition", async () => {
    const api = createApi({ storage, runtime });
    await addUser(storage, {
      workspaceId: "acme",
      username: "admin",
      password: "correct horse battery",
      roles: ["administrator"],
    });
    const tokenOf = async (username: string) =>
      (await signIn(storage, { workspace: "acme", username, password: "correct horse battery" })).token;
    const call = async (username: string, method: string, path: string, body?: unknown) => {
      const response = await api.request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenOf(username)}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const listed = await call("supervisor", "GET", "/plugins");
    // The reference CRM's own plugins are listed too, whichever they are.
    expect(listed.body.plugins).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "assignment", enabled: true }),
        expect.objectContaining({
          name: "faulty",
          version: "1.0.0",
          enabled: true,
          settings: expect.objectContaining({ secrets: ["token"] }),
        }),
      ]),
    );
    expect((await call("supervisor", "GET", "/plugins/faulty/settings")).status).toBe(403);
    const put = await call("admin", "PUT", "/plugins/faulty/settings", {
      endpoint: "http://127.0.0.1:9/x",
      token: "abc",
    });
    expect(put).toEqual({ status: 200, body: { settings: { endpoint: "http://127.0.0.1:9/x", token: "********" } } });
    expect((await call("admin", "GET", "/plugins/faulty/settings")).body).toEqual({
      settings: { endpoint: "http://127.0.0.1:9/x", token: "********" },
    });
    const bad = await call("admin", "PUT", "/plugins/faulty/settings", { endpoint: 7 });
    expect(bad.status).toBe(422);
    expect((await call("admin", "GET", "/plugins/nope/settings")).status).toBe(404);
  });
});
