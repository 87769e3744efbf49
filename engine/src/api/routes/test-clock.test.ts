import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, manualClock } from "../../runtime/index.ts";
import { openProcessFixture, type ProcessFixture } from "../../runtime/testing.ts";
import { signIn } from "../../users/service.ts";
import { createApi } from "../app.ts";
import { testClock, withTestClock } from "./test-clock.ts";

let fx: ProcessFixture;
beforeAll(async () => (fx = await openProcessFixture("test_clock")), 120_000);
afterAll(() => fx?.close());

describe("testClock", () => {
  it("runs ahead of the clock under it by what it was advanced", () => {
    const base = manualClock(new Date("2026-03-02T09:00:00Z"));
    const clock = testClock(base);
    expect(clock.now().toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(clock.advance("PT25H").toISOString()).toBe("2026-03-03T10:00:00.000Z");
    base.advance("PT1M");
    expect(clock.now().toISOString()).toBe("2026-03-03T10:01:00.000Z");
  });

  it("refuses what is not a duration, and going back", () => {
    const clock = testClock(manualClock(new Date("2026-03-02T09:00:00Z")));
    expect(() => clock.advance("25 hours")).toThrow(/not an ISO-8601 duration/);
    expect(() => clock.advance("-PT1H")).toThrow(/only moves forward/);
    expect(clock.now().toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });
});

describe("POST /api/v1/test/clock", () => {
  it("moves the runtime's clock, fires the timers that came due and delivers their notifications", async () => {
    const clock = testClock();
    const runtime = createRuntime({ storage: fx.storage, clock, workerId: "test:test-clock" });
    const app = withTestClock(createApi({ storage: fx.storage, runtime }), clock, runtime);
    const token = async (username: string) =>
      (await signIn(fx.storage, { workspace: "acme", username, password: "correct horse battery" })).token;
    const send = async (username: string | null, method: string, path: string, body?: unknown) => {
      const response = await app.request(path, {
        method,
        headers: username ? { authorization: `Bearer ${await token(username)}` } : {},
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as never as Record<string, unknown> };
    };
    const customer = await runtime.records(fx.context).create(fx.system, "customer", {
      name: "Hanwha Machinery",
      region: "east",
      owner: fx.ids.get("rep.e1"),
    });
    const created = await send("supervisor", "POST", "/api/v1/records/complaint", {
      subject: "Coolant pump leaks",
      customer: customer.id,
      description: "The coolant pump leaks after two days.",
      severity: "major",
      category: "product_quality",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const escalations = async () =>
      JSON.stringify((await send("supervisor", "GET", "/api/v1/notifications")).body).includes(
        "Complaint escalated to the service supervisor: Coolant pump leaks",
      );
    expect(await escalations()).toBe(false);

    const before = Date.parse(((await send(null, "GET", "/api/v1/test/clock")).body as { now: string }).now);
    const advanced = await send(null, "POST", "/api/v1/test/clock", { advance: "PT25H" });
    expect(advanced.status, JSON.stringify(advanced.body)).toBe(200);
    expect(Date.parse((advanced.body as { now: string }).now) - before).toBeGreaterThanOrEqual(25 * 3600_000);
    expect(advanced.body).toMatchObject({ timers: { fired: 1, failed: 0 }, pending: 0 });

    const record = await send("supervisor", "GET", `/api/v1/records/complaint/${String(created.body.id)}`);
    expect(record.body).toMatchObject({ status: "escalated_supervisor", escalation_level: 1 });
    expect(await escalations()).toBe(true);
  });

  it("answers a bad request with a problem, and leaves every other path to the API", async () => {
    const clock = testClock();
    const runtime = createRuntime({ storage: fx.storage, clock: clock });
    const app = withTestClock(createApi({ storage: fx.storage, runtime }), clock, runtime);
    const bad = await app.request("/api/v1/test/clock", { method: "POST", body: JSON.stringify({ advance: 25 }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(await bad.json()).toMatchObject({ code: "bad_request" });
    expect((await app.request("/api/v1/health")).status).toBe(200);
    expect((await app.request("/api/v1/records/customer")).status).toBe(401);
  });
});
