import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openApiFixture, type ApiFixture } from "../api/testing.ts";
import { servedEngine } from "./served-engine.ts";

// Records whether the test-only module is ever loaded.
const loaded = vi.hoisted(() => ({ testClock: false }));
vi.mock("../api/routes/test-clock.ts", async (original) => {
  loaded.testClock = true;
  return original();
});

let fx: ApiFixture;
beforeAll(async () => (fx = await openApiFixture("serve")), 120_000);
afterAll(() => fx?.close());

async function advance(api: { fetch: (request: Request) => Response | Promise<Response> }) {
  const response = await api.fetch(
    new Request("http://127.0.0.1/api/v1/test/clock", {
      method: "POST",
      headers: { authorization: `Bearer ${fx.tokens.get("exec")!}` },
      body: JSON.stringify({ advance: "PT25H" }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("servedEngine", () => {
  it("without TEMPER_TEST_CONTROLS: the system clock, no test route, the test module never loaded", async () => {
    const { runtime, api } = await servedEngine(fx.storage, {});
    const before = Date.now();
    expect(await advance(api)).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect(runtime.clock.now().getTime() - before).toBeLessThan(3600_000);
    expect(loaded.testClock).toBe(false);
  });

  it("with TEMPER_TEST_CONTROLS=1: POST /api/v1/test/clock moves the runtime's clock", async () => {
    const { runtime, api } = await servedEngine(fx.storage, { TEMPER_TEST_CONTROLS: "1" });
    const before = Date.now();
    expect(await advance(api)).toMatchObject({ status: 200, body: { pending: 0 } });
    expect(runtime.clock.now().getTime() - before).toBeGreaterThanOrEqual(25 * 3600_000);
    expect(loaded.testClock).toBe(true);
  });
});
