import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
beforeAll(async () => (fixture = await openApiFixture("api_definition")), 60_000);
afterAll(() => fixture?.close());

describe("GET /definition", () => {
  it("shows what the user's roles may see, and answers 304 while it is unchanged", async () => {
    const response = await fixture.as("agent")("GET", "/definition");
    expect(response.status).toBe(200);
    const visible = (await response.json()) as {
      app: { id: string; locales: string[]; modules: unknown[] };
      entities: Array<{ name: string; fields: Array<{ name: string }>; access: Record<string, boolean> }>;
      dashboards: Array<{ name: string }>;
    };
    expect(visible.app).toMatchObject({ id: "crm", locales: ["en", "zh", "ko"] });
    expect(visible.app).not.toHaveProperty("plugins");
    const names = visible.entities.map((e) => e.name);
    expect(names).toContain("service_request");
    expect(names).not.toContain("payment");
    const contract = visible.entities.find((e) => e.name === "contract")!;
    expect(contract.fields.map((f) => f.name)).not.toContain("value");
    expect(contract.access).toEqual({ create: false, read: true, update: false, delete: false });
    expect(visible.dashboards.map((d) => d.name)).toEqual(["service"]);

    const etag = response.headers.get("etag")!;
    const again = await fixture.api.request("/api/v1/definition", {
      headers: { authorization: `Bearer ${fixture.tokens.get("agent")}`, "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    const other = await fixture.as("rep.e1")("GET", "/definition");
    expect(other.headers.get("etag")).not.toBe(etag);
  });
});
