import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
beforeAll(async () => (fixture = await openApiFixture("api_me")), 60_000);
afterAll(() => fixture?.close());

describe("GET /me", () => {
  it("names the signed-in user, their place, roles and capabilities", async () => {
    const response = await fixture.as("rep.e1")("GET", "/me");
    expect(response.status).toBe(200);
    const me = (await response.json()) as Record<string, unknown>;
    expect(me).toMatchObject({
      id: fixture.ids.get("rep.e1"),
      username: "rep.e1",
      unit: "east_sales",
      manager: "mgr.east",
      roles: ["sales_rep"],
      capabilities: [],
      workspace: { id: "acme", app: "crm", version: "1.0.0" },
    });
    expect(JSON.stringify(me)).not.toMatch(/password/i);
    const admin = (await (await fixture.as("admin")("GET", "/me")).json()) as { capabilities: string[] };
    expect(admin.capabilities).toContain("manage_users");
  });

  it("needs a token", async () => {
    expect((await fixture.api.request("/api/v1/me")).status).toBe(401);
  });
});
