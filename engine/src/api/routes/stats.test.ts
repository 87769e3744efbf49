import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;

interface Stats {
  groups: string[];
  rows: Array<Record<string, unknown> & { count: number }>;
  total: number;
  users: Record<string, string>;
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
}, 60_000);
afterAll(() => fixture?.close());

async function stats(username: string, query: string): Promise<Stats> {
  const response = await fixture.as(username)("GET", `/records/activity/stats?${query}`);
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
});
