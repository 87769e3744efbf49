import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordStats } from "../../records/stats.ts";
import { materializeInstance } from "../../runtime/instances.ts";
import { currentVersion } from "../../storage/versions.ts";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;

interface Stats {
  groups: string[];
  sums: string[];
  rows: Array<Record<string, unknown> & { count: number }>;
  total: number;
  users: Record<string, string>;
  processes?: Record<string, { stateField?: string; states: Array<{ name: string; final?: true }> }>;
}

// Times in UTC; the CRM's days are Asia/Shanghai's (UTC+8): 20:00Z on Nov 1 is Nov 2 there.
const seeded: Array<[string, string, string?]> = [
  ["rep.e1", "2026-11-01T02:00:00Z"],
  ["rep.e1", "2026-11-01T03:00:00Z"],
  ["rep.e1", "2026-11-01T20:00:00Z"],
  ["rep.e1", "2026-10-30T02:00:00Z"],
  ["rep.e2", "2026-11-01T04:00:00Z"],
  ["rep.e2", "2026-11-02T04:00:00Z", "system"],
  ["mgr.east", "2026-11-03T01:00:00Z"],
  ["rep.w1", "2026-11-01T05:00:00Z"],
  ["rep.w1", "2026-11-01T06:00:00Z"],
  ["rep.w1", "2026-11-01T07:00:00Z"],
];

const deals: Array<[string, "east" | "west", string, number, string?]> = [
  ["rep.e1", "east", "won", 120_000.5],
  ["rep.e1", "east", "won", 80_000.25],
  ["rep.e1", "east", "proposal", 50_000, "2027-02-15"],
  ["rep.w1", "west", "won", 300_000],
  ["rep.w1", "west", "lost", 10_000, "2027-01-10"],
];

beforeAll(async () => {
  fixture = await openApiFixture("api_stats");
  await fixture.records.createMany(
    fixture.system,
    "activity",
    seeded.map(([owner, occurredAt, kind], i) => ({
      subject: `Activity ${i}`,
      kind: kind ?? "call",
      occurred_at: occurredAt,
      owner: fixture.ids.get(owner),
    })),
  );
  const [east, west] = await fixture.records.createMany(fixture.system, "customer", [
    { name: "Hanwha Machinery", region: "east", owner: fixture.ids.get("rep.e1"), annual_revenue: 9_000_000 },
    { name: "Doosan Robotics", region: "west", owner: fixture.ids.get("rep.w1"), annual_revenue: 4_000_000 },
  ]);
  // The stage is the pipeline's state field: set here as a process would.
  await fixture.records.batch(
    fixture.system,
    (batch) =>
      batch.write(
        "opportunity",
        deals.map(([owner, customer, stage, amount, expectedClose], i) => ({
          kind: "create",
          input: {
            name: `Deal ${i}`,
            customer: customer === "east" ? east!.id : west!.id,
            stage,
            amount,
            expected_close: expectedClose ?? "2026-12-31",
            owner: fixture.ids.get(owner),
          },
        })),
      ),
    { process: true, atomic: true },
  );
}, 60_000);
afterAll(() => fixture?.close());

async function stats(username: string, query: string, entity = "activity"): Promise<Stats> {
  const response = await fixture.as(username)("GET", `/records/${entity}/stats?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Stats;
}

/** Rows as [username, day, count], sorted: the users map names each owner. */
const byPersonAndDay = (s: Stats) =>
  s.rows
    .map((r) => [s.users[String(r.owner)], r.occurred_at, r.count])
    .sort((a, b) => String(a).localeCompare(String(b)));

const daily = "group=owner&group=occurred_at:day&occurred_at.gte=2026-11-01";

describe("GET /records/:entity/stats", () => {
  it("counts a manager's team per person and day, exactly within their scope", async () => {
    const team = await stats("mgr.east", daily);
    expect(team.groups).toEqual(["owner", "occurred_at:day"]);
    expect(byPersonAndDay(team)).toEqual([
      ["mgr.east", "2026-11-03", 1],
      ["rep.e1", "2026-11-01", 2],
      ["rep.e1", "2026-11-02", 1],
      ["rep.e2", "2026-11-01", 1],
      ["rep.e2", "2026-11-02", 1],
    ]);
    expect(team.total).toBe(6);
    const active = await stats("mgr.east", `${daily}&kind.ne=system`);
    expect(active.total).toBe(5);
  });

  it("gives a rep their own counts only, and the executive everyone's", async () => {
    expect(byPersonAndDay(await stats("rep.e1", daily))).toEqual([
      ["rep.e1", "2026-11-01", 2],
      ["rep.e1", "2026-11-02", 1],
    ]);
    const everyone = await stats("exec", "group=owner");
    expect(Object.fromEntries(everyone.rows.map((r) => [everyone.users[String(r.owner)], r.count]))).toEqual({
      "rep.e1": 4,
      "rep.e2": 2,
      "mgr.east": 1,
      "rep.w1": 3,
    });
    expect(everyone.total).toBe(10);
  });

  it("restricts to owners placed in a unit's subtree", async () => {
    const east = await stats("exec", "group=owner&unit=east");
    expect(Object.values(east.users).sort()).toEqual(["mgr.east", "rep.e1", "rep.e2"]);
    expect(east.total).toBe(7);
    expect(await stats("rep.w1", "unit=east_sales")).toMatchObject({ rows: [{ count: 0 }], total: 0 });
  });

  it("refuses grouping or filtering by a field the caller may not read as if it did not exist", async () => {
    const agent = fixture.as("agent");
    const unknown = await (await agent("GET", "/records/customer/stats?group=no_such_field")).json();
    expect(unknown).toMatchObject({ status: 400, detail: '"customer" has no field "no_such_field"' });
    for (const query of ["group=annual_revenue", "group=region&annual_revenue.gte=1"]) {
      const hidden = await agent("GET", `/records/customer/stats?${query}`);
      expect(hidden.status).toBe(400);
      expect(await hidden.json()).toMatchObject({ detail: '"customer" has no field "annual_revenue"' });
    }
    expect((await agent("GET", "/records/customer/stats?group=region")).status).toBe(200);
  });

  it("names what is wrong in a bad request", async () => {
    const bad = async (query: string) =>
      (await (await fixture.as("mgr.east")("GET", `/records/activity/stats?${query}`)).json()) as {
        status: number;
        detail: string;
      };
    expect(await bad("group=occurred_at")).toMatchObject({
      status: 400,
      detail: expect.stringContaining("occurred_at:day"),
    });
    expect(await bad("group=kind:day")).toMatchObject({ status: 400, detail: '"kind" is not a date: it has no day' });
    expect(await bad("group=owner:hour")).toMatchObject({ status: 400 });
    expect(await bad("group=owner&sort=owner")).toMatchObject({ status: 400 });
    expect(await bad("unit=atlantis")).toMatchObject({ status: 400, detail: 'no org unit "atlantis"' });
    expect((await fixture.as("mgr.east")("GET", "/records/spaceship/stats")).status).toBe(404);
  });

  it("sums money per group, within the caller's scope, 0 where nothing is summed", async () => {
    const pipeline = async (username: string, query: string) =>
      (await stats(username, `group=stage&sum=amount${query}`, "opportunity")).rows.map((r) => [
        r.stage,
        r.count,
        r.sum_amount,
      ]);
    const everyone = await stats("exec", "group=stage&sum=amount", "opportunity");
    expect(everyone.sums).toEqual(["amount"]);
    expect(await pipeline("exec", "")).toEqual([
      ["lost", 1, 10_000],
      ["proposal", 1, 50_000],
      ["won", 3, 500_000.75],
    ]);
    expect(await pipeline("rep.e1", "")).toEqual([
      ["proposal", 1, 50_000],
      ["won", 2, 200_000.75],
    ]);
    expect(await pipeline("exec", "&amount.gte=100000")).toEqual([["won", 2, 420_000.5]]);
    const whole = await stats("exec", "sum=amount,probability", "opportunity");
    expect(whole.rows).toEqual([{ count: 5, sum_amount: 560_000.75, sum_probability: expect.any(Number) }]);
    expect((await stats("exec", "sum=amount&stage=negotiation", "opportunity")).rows).toEqual([
      { count: 0, sum_amount: 0 },
    ]);
  });

  it("refuses to sum a field the caller may not read as if it did not exist, and a field that is not a number", async () => {
    const agent = fixture.as("agent");
    const hidden = await agent("GET", "/records/customer/stats?group=region&sum=annual_revenue");
    expect(hidden.status).toBe(400);
    expect(await hidden.json()).toMatchObject({ detail: '"customer" has no field "annual_revenue"' });
    const revenue = await stats("exec", "group=region&sum=annual_revenue", "customer");
    expect(revenue.rows.map((r) => [r.region, r.sum_annual_revenue])).toEqual([
      ["east", 9_000_000],
      ["west", 4_000_000],
    ]);
    const text = await fixture.as("exec")("GET", "/records/opportunity/stats?group=stage&sum=name");
    expect(await text.json()).toMatchObject({
      status: 400,
      detail: 'cannot sum "name" (text): sum number, money or percent fields',
    });
    const twice = await fixture.as("exec")("GET", "/records/opportunity/stats?sum=amount&sum=amount");
    expect(twice.status).toBe(400);
  });

  it("groups by a process's states in the process's order, keyed by the process, with its states named", async () => {
    const funnel = await stats("exec", "group=process:opportunity_pipeline&sum=amount", "opportunity");
    expect(funnel.groups).toEqual(["process:opportunity_pipeline"]);
    expect(funnel.rows.map((r) => [r.opportunity_pipeline, r.count, r.sum_amount])).toEqual([
      ["proposal", 1, 50_000],
      ["won", 3, 500_000.75],
      ["lost", 1, 10_000],
    ]);
    const pipeline = funnel.processes?.opportunity_pipeline;
    expect(pipeline?.stateField).toBe("stage");
    expect(pipeline?.states.map((s) => s.name)).toEqual([
      "prospecting",
      "qualification",
      "needs_analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
    expect(pipeline?.states.filter((s) => s.final).map((s) => s.name)).toEqual(["won", "lost"]);
    const mine = await stats("rep.w1", "group=process:opportunity_pipeline", "opportunity");
    expect(mine.rows.map((r) => [r.opportunity_pipeline, r.count])).toEqual([
      ["won", 1],
      ["lost", 1],
    ]);
    const byOwner = await stats("exec", "group=owner&group=process:opportunity_pipeline", "opportunity");
    expect(byOwner.rows).toHaveLength(4);
    const e1 = byOwner.rows.filter((r) => byOwner.users[String(r.owner)] === "rep.e1");
    expect(e1.map((r) => [r.opportunity_pipeline, r.count])).toEqual([
      ["proposal", 1],
      ["won", 2],
    ]);
  });

  it("groups by the states of the process's instances when no field mirrors them", async () => {
    const { definition } = fixture.context;
    const process = definition.processes.get("opportunity_pipeline")!;
    const version = (await currentVersion(fixture.storage, "acme"))!;
    const { records } = (await (await fixture.as("exec")("GET", "/records/opportunity?limit=200")).json()) as {
      records: Array<Record<string, unknown>>;
    };
    // Instances as the runtime starts them for records that existed before (their state from the stage).
    await fixture.storage.sql.begin(async (tx) => {
      for (const record of records)
        await materializeInstance(
          tx,
          { workspaceId: "acme", versionId: version.id, definition, process, record },
          new Date(),
        );
    });
    const { stateField: _mirrored, ...unmirrored } = process;
    const processes = new Map([...definition.processes, ["opportunity_pipeline", unmirrored]]);
    const guard = await fixture.records.guard(fixture.system, "opportunity");
    const counted = await recordStats(
      fixture.storage.sql,
      { ...fixture.context, definition: { ...definition, processes } },
      guard,
      {
        groups: [{ process: "opportunity_pipeline" }],
      },
    );
    expect(counted.processes?.opportunity_pipeline?.stateField).toBeUndefined();
    // Without the stage's options, the order goes by distance from the initial state, the happy end first of the ends.
    expect(counted.processes?.opportunity_pipeline?.states.map((s) => s.name)).toEqual([
      "prospecting",
      "qualification",
      "needs_analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
    expect(counted.rows.map((r) => [r.opportunity_pipeline, r.count])).toEqual([
      ["proposal", 1],
      ["won", 3],
      ["lost", 1],
    ]);
  });

  it("sums a computed product per month and quarter: the weighted forecast", async () => {
    const { records } = (await (await fixture.as("exec")("GET", "/records/opportunity?limit=200")).json()) as {
      records: Array<{ amount: string | number; probability: string | number; expected_close: string }>;
    };
    // Each record's weighted amount is stored rounded to its scale (cents).
    const weighted = (month: string) =>
      records
        .filter((r) => r.expected_close.startsWith(month))
        .reduce((total, r) => total + Math.round(Number(r.amount) * Number(r.probability)) / 100, 0);
    const forecast = await stats("exec", "group=expected_close:month&sum=weighted_amount", "opportunity");
    expect(forecast.rows.map((r) => r.expected_close)).toEqual(["2026-12-01", "2027-01-01", "2027-02-01"]);
    for (const row of forecast.rows)
      expect(row.sum_weighted_amount).toBeCloseTo(weighted(String(row.expected_close).slice(0, 7)), 2);
    expect(forecast.rows.some((r) => Number(r.sum_weighted_amount) > 0)).toBe(true);
    const quarters = await stats("exec", "group=expected_close:quarter", "opportunity");
    expect(quarters.rows.map((r) => [r.expected_close, r.count])).toEqual([
      ["2026-10-01", 3],
      ["2027-01-01", 2],
    ]);
    const years = await stats("exec", "group=expected_close:year", "opportunity");
    expect(years.groups).toEqual(["expected_close:year"]);
    expect(years.rows.map((r) => [r.expected_close, r.count])).toEqual([
      ["2026-01-01", 3],
      ["2027-01-01", 2],
    ]);
  });

  it("averages and takes the smallest and largest values per group, null where nothing is there", async () => {
    const won = await stats(
      "exec",
      "group=stage&avg=amount&min=amount,expected_close&max=expected_close&stage.in=won,proposal",
      "opportunity",
    );
    expect(won.rows).toEqual([
      {
        stage: "proposal",
        count: 1,
        avg_amount: 50_000,
        min_amount: 50_000,
        min_expected_close: "2027-02-15",
        max_expected_close: "2027-02-15",
      },
      {
        stage: "won",
        count: 3,
        avg_amount: expect.closeTo(500_000.75 / 3, 2),
        min_amount: 80_000.25,
        min_expected_close: "2026-12-31",
        max_expected_close: "2026-12-31",
      },
    ]);
    expect((await stats("exec", "avg=amount&max=amount&stage=negotiation", "opportunity")).rows).toEqual([
      { count: 0, avg_amount: null, max_amount: null },
    ]);
    const refused = async (query: string) =>
      (await (await fixture.as("exec")("GET", `/records/opportunity/stats?${query}`)).json()) as { detail: string };
    expect(await refused("avg=name")).toMatchObject({
      detail: 'cannot average "name" (text): average number, money or percent fields',
    });
    expect(await refused("max=stage")).toMatchObject({
      detail: 'cannot take the max of "stage" (enum): use numbers or dates',
    });
    expect(await refused("group=process:no_such_process")).toMatchObject({
      detail: '"opportunity" has no process "no_such_process"',
    });
    expect(await refused("group=process:lead_conversion")).toMatchObject({
      detail: '"opportunity" has no process "lead_conversion"',
    });
  });
});
