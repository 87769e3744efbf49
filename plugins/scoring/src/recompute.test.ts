import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTemper } from "../../../engine/src/cli/testing.ts";
import { validateDefinitionTexts } from "../../../engine/src/definitions/index.ts";
import { referenceCrmWith } from "../../../engine/src/plugins/testing.ts";
import type { Actor, WorkspaceContext } from "../../../engine/src/records/service.ts";
import { manualClock } from "../../../engine/src/runtime/clock.ts";
import { createRuntime, type Runtime } from "../../../engine/src/runtime/index.ts";
import { openStorage, type Storage } from "../../../engine/src/storage/platform/database.ts";
import { publishDefinition } from "../../../engine/src/storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../../engine/src/storage/testing.ts";
import { currentVersion } from "../../../engine/src/storage/versions.ts";
import { createWorkspace } from "../../../engine/src/storage/workspaces.ts";
import type { ScoringConfig } from "./config.ts";
import { type SeedCustomer, seedCustomers, seedScoringData } from "./testing.ts";

const crmConfig = JSON.parse(
  await readFile(new URL("../../../definitions/examples/crm/plugins/scoring.json", import.meta.url), "utf8"),
) as ScoringConfig;

/** The reference CRM, with an event that scores an opportunity's customer on demand. */
async function definitionTexts() {
  return referenceCrmWith([], (path, json) => {
    if (path === "processes/opportunity_pipeline.json") {
      json.events.rescore = { label: { en: "Rescore", zh: "重新评分", ko: "재평가" } };
      json.states.prospecting.on.rescore = {
        actions: [{ type: "scoring.score_customer", params: { customer: "customer" } }],
      };
    }
  });
}

// What the test expects, worked out from the data set alone as of 2026-03-02 (windows counted back from it).
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const rawOf = (c: SeedCustomer): Record<string, number> => ({
  company_size: { enterprise: 100, large: 80, medium: 55, small: 30, micro: 10 }[c.size] ?? 0,
  annual_revenue: c.revenue ?? 0,
  deals_won: c.won.filter(([, on]) => on > "2024-03-02").length,
  won_amount: sum(c.won.filter(([, on]) => on > "2025-03-02").map(([a]) => a)),
  open_pipeline: sum(c.open),
  paid: sum(c.paid.filter(([, on]) => on > "2025-03-02").map(([a]) => a)),
  contracted: sum(c.paid.map(([a]) => a)) + 10_000 * c.overdue,
  overdue_payments: c.overdue,
  activities: c.activities.filter(([kind, at]) => kind !== "note" && at > "2025-09-03").length,
  service_requests: c.requests,
  complaints: c.complaints,
});
const raws = new Map(seedCustomers.map((c) => [c.name, rawOf(c)]));
const rank = (name: string, value: number) => {
  const all = [...raws.values()].map((r) => r[name]!);
  return (100 * (all.filter((v) => v < value).length + all.filter((v) => v === value).length / 2)) / all.length;
};
function expectedScore(name: string): number {
  const raw = raws.get(name)!;
  let total = 0;
  let weights = 0;
  for (const dimension of Object.values(crmConfig.dimensions)) {
    let score = 0;
    let indicatorWeights = 0;
    for (const indicator of dimension!.indicators) {
      const value = "points" in indicator ? raw[indicator.name]! : rank(indicator.name, raw[indicator.name]!);
      score += indicator.weight * (indicator.better === "lower" ? 100 - value : value);
      indicatorWeights += indicator.weight;
    }
    total += (dimension!.weight * score) / indicatorWeights;
    weights += dimension!.weight;
  }
  return Math.round(total / weights);
}
function expectedSegments(): Map<string, string> {
  const paid = [...raws].map(([name, raw]) => [name, raw.paid!] as const).sort((x, y) => y[1] - x[1]);
  const whole = sum(paid.map(([, v]) => v));
  let before = 0;
  const segments = new Map<string, string>();
  for (const [name, value] of paid) {
    segments.set(name, value > 0 && before / whole < 0.8 ? "a" : value > 0 && before / whole < 0.95 ? "b" : "c");
    before += value;
  }
  return segments;
}

let database: TestDatabase;
let storage: Storage;
let runtime: Runtime;
let context: WorkspaceContext;
let system: Actor;
let ids: Map<string, string>;
const clock = manualClock(new Date("2026-03-02T09:00:00Z"));

beforeAll(async () => {
  const { texts, plugins } = await definitionTexts();
  database = await createTestDatabase("plugin_scoring");
  storage = await openStorage(database.url, { max: 6 });
  await createWorkspace(storage, "acme");
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  const [row] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
  system = { id: row.id, username: "system", roles: [], system: true };
  context = { workspaceId: "acme", schema: "ws_acme", definition: (await currentVersion(storage, "acme"))!.definition };
  runtime = createRuntime({ storage, clock, plugins });
  ids = await seedScoringData(runtime.records(context), system);
}, 120_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

async function jobStatus(job: string) {
  return (await runtime.jobs.list("acme", "scoring")).find((j) => j.name === job);
}

/** A payment received, under a contract and plan of its own. */
async function seedPayment(customer: string, amount: number, paidOn: string) {
  const records = runtime.records(context);
  const write = async (entity: string, input: Record<string, unknown>) => {
    const [result] = await records.batch(system, (batch) => batch.write(entity, [{ kind: "create", input }]), {
      process: true,
      atomic: true,
    });
    return result!.status === "rejected" ? "" : String(result!.record.id);
  };
  const contract = await write("contract", {
    number: `C-${customer.slice(0, 8)}`,
    name: "Retrofit",
    contract_type: "equipment_sale",
    customer,
    value: amount,
    start_date: "2026-01-01",
    end_date: "2026-12-31",
    status: "active",
  });
  const plan = await write("payment_plan", {
    name: "Retrofit plan",
    contract,
    customer,
    total: amount,
    installments: 1,
    first_due_date: paidOn,
  });
  await write("payment", {
    name: "Retrofit #1",
    payment_plan: plan,
    contract,
    customer,
    installment_no: 1,
    due_date: paidOn,
    amount,
    paid_amount: amount,
    paid_on: paidOn,
    status: "paid",
  });
}

async function customers() {
  const rows = await storage.sql`select name, value_score, segment from ws_acme.customer order by name`;
  return new Map(rows.map((r) => [r.name as string, { score: Number(r.value_score), segment: r.segment as string }]));
}

describe("scoring.recompute", () => {
  it("refuses a configuration naming a field that does not exist, with the file and the pointer", async () => {
    const { texts } = await referenceCrmWith([], (path, json) => {
      if (path === "plugins/scoring.json") json.dimensions.financial.indicators[0].field = "paid_sum";
    });
    const { findings } = validateDefinitionTexts(texts);
    expect(findings.filter((f) => f.severity === "error")).toMatchObject([
      {
        file: "plugins/scoring.json",
        pointer: "/dimensions/financial/indicators/0/field",
        message: '"payment" has no field "paid_sum"',
      },
    ]);
  });

  it("scores every customer and puts in A the few who bring 80% of the money received", async () => {
    expect(expectedSegments().get("Posco Steelworks")).toBe("b");
    const run = await runtime.jobs.run("acme", "scoring", "recompute");
    expect(run).toMatchObject({ status: "ok", result: { scored: 10, changed: 10, by: "paid" } });
    const scored = await customers();
    const segmentA = [...scored].filter(([, c]) => c.segment === "a").map(([name]) => name);
    expect(segmentA.sort()).toEqual(["Doosan Robotics", "Hanwha Machinery"]);
    expect(new Map([...scored].map(([name, c]) => [name, c.segment]))).toEqual(expectedSegments());
    expect(new Map([...scored].map(([name, c]) => [name, c.score]))).toEqual(
      new Map(seedCustomers.map((c) => [c.name, expectedScore(c.name)])),
    );
    expect(run.result).toMatchObject({ segments: { a: 2, b: 2, c: 6 }, shares: { a: 0.803 } });
  });

  it("changes nothing when run again, and keeps each change of score and segment in the history", async () => {
    const before = await storage.sql`select count(*)::int as n from temper.field_history`;
    const again = await runtime.jobs.run("acme", "scoring", "recompute");
    expect(again.result).toMatchObject({ scored: 10, changed: 0 });
    expect(await storage.sql`select count(*)::int as n from temper.field_history`).toEqual(before);
    const history = await runtime.records(context).history(system, "customer", ids.get("Hanwha Machinery")!);
    expect(history.filter((h) => h.field === "value_score" || h.field === "segment")).toMatchObject([
      { field: expect.any(String), oldValue: null, changedBy: system.id },
      { field: expect.any(String), oldValue: null, changedBy: system.id },
    ]);
    expect(history.find((h) => h.field === "segment")?.newValue).toBe("a");
  });

  it("scores one customer on demand, in the minute after a transition asks, against the kept population", async () => {
    const records = runtime.records(context);
    const mando = ids.get("Mando Parts")!;
    const deal = await records.create(system, "opportunity", {
      name: "Mando retrofit",
      customer: mando,
      amount: 90_000,
      expected_close: "2026-06-30",
    });
    await seedPayment(mando, 3_000_000, "2026-02-01");
    const before = (await customers()).get("Mando Parts")!;
    expect(before.segment).toBe("c");
    await runtime.events.fire(system, context, "opportunity", String(deal.id), { type: "rescore" });
    expect((await customers()).get("Mando Parts")).toEqual(before);
    clock.advance("PT1M");
    await runtime.jobs.runDue();
    const after = (await customers()).get("Mando Parts")!;
    expect(after.segment).toBe("a");
    expect(after.score).toBeGreaterThan(before.score);
    expect((await jobStatus("score_requested"))?.lastResult).toEqual({ scored: 1, changed: 1 });
    // The others keep their scores until the next recompute; a request answered is not answered again.
    expect((await customers()).get("Hanwha Machinery")!.score).toBe(expectedScore("Hanwha Machinery"));
    expect((await runtime.jobs.run("acme", "scoring", "score_requested")).result).toEqual({ scored: 0, changed: 0 });
  });

  it("keeps requests waiting while no recompute has kept a population for the configuration", async () => {
    await storage.sql`delete from temper.plugin_state where plugin = 'scoring' and key = 'population'`;
    const deal = await runtime.records(context).create(system, "opportunity", {
      name: "Nexen spindles",
      customer: ids.get("Nexen Tools"),
      amount: 40_000,
      expected_close: "2026-06-30",
    });
    await runtime.events.fire(system, context, "opportunity", String(deal.id), { type: "rescore" });
    const waiting = await runtime.jobs.run("acme", "scoring", "score_requested");
    expect(waiting).toMatchObject({ status: "ok", result: { scored: 0, waiting: 1 } });
    await runtime.jobs.run("acme", "scoring", "recompute");
    expect((await runtime.jobs.run("acme", "scoring", "score_requested")).result).toEqual({ scored: 0, changed: 0 });
  });

  it("runs from the command line, and names a job that does not exist in one line", async () => {
    const env = { DATABASE_URL: database.url };
    const ran = await runTemper(["plugin", "run", "scoring", "recompute", "--workspace", "acme"], env);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ scored: 10, by: "paid" });
    const wrong = await runTemper(["plugin", "run", "scoring", "rescore", "--workspace", "acme"], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe('temper: the plugin "scoring" has no job "rescore"');
  });
});
