import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../users/service.ts";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
let customerIds: string[];
let activityIds: string[];

beforeAll(async () => {
  fixture = await openApiFixture("api_handover");
  const rep = fixture.as("rep.e1");
  customerIds = [];
  for (const name of ["Hanwha Machinery", "Doosan Parts", "Kumho Tools"]) {
    const created = (await (
      await rep("POST", "/records/customer", { name, region: "east", annual_revenue: 100 })
    ).json()) as {
      id: string;
    };
    // A tracked field changed: the customer's history has two rows to keep.
    await rep("PATCH", `/records/customer/${created.id}`, { annual_revenue: 200, version: 1 });
    customerIds.push(created.id);
  }
  activityIds = [];
  for (const subject of ["Visit Hanwha", "Call Doosan"]) {
    const created = (await (
      await rep("POST", "/records/activity", { subject, customer: customerIds[0], occurred_at: "2026-11-02T02:00:00Z" })
    ).json()) as { id: string };
    activityIds.push(created.id);
  }
  // A colleague's customer must stay theirs.
  await fixture.as("rep.e2")("POST", "/records/customer", { name: "Not Mine", region: "east" });
}, 60_000);
afterAll(() => fixture?.close());

const history = () =>
  fixture.storage.sql`select id, entity, record_id, field, old_value, new_value, changed_by, changed_at
    from temper.field_history where workspace_id = 'acme' order by id`;
const owners = () => fixture.storage.sql`select owner, version from ws_acme.customer order by id`;

describe("POST /users/:username/handover", () => {
  it("refuses a bad request and leaves the database as it was", async () => {
    const before = [await owners(), await history()];
    expect((await fixture.as("mgr.east")("POST", "/users/rep.e1/handover", { to: "rep.e2" })).status).toBe(403);
    const self = await fixture.as("admin")("POST", "/users/rep.e1/handover", { to: "rep.e1" });
    expect(self.status).toBe(422);
    expect(await self.json()).toMatchObject({ detail: "rep.e1 cannot be their own successor" });
    const ghost = await fixture.as("admin")("POST", "/users/rep.e1/handover", { to: "ghost" });
    expect(await ghost.json()).toMatchObject({ status: 422, problems: [{ field: "to", message: 'no user "ghost"' }] });
    expect((await fixture.as("admin")("POST", "/users/ghost/handover", { to: "rep.e2" })).status).toBe(404);
    expect((await fixture.as("admin")("POST", "/users/rep.e1/handover", {})).status).toBe(422);
    expect([await owners(), await history()]).toEqual(before);
    expect((await fixture.as("rep.e1")("GET", "/records/customer")).status).toBe(200);
  });

  it("moves every record, keeps every history row, ends the leaving user's sessions", async () => {
    const apiToken = await createApiToken(fixture.storage, fixture.ids.get("rep.e1")!, "erp-sync");
    const historyBefore = await history();
    expect(historyBefore.length).toBeGreaterThanOrEqual(6);
    const response = await fixture.as("admin")("POST", "/users/rep.e1/handover", { to: "rep.e2" });
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as {
      records: Record<string, number>;
      total: number;
      tokensRevoked: number;
    };
    expect(outcome).toMatchObject({ from: "rep.e1", to: "rep.e2", total: 5, tokensRevoked: 2 });
    expect(outcome.records).toMatchObject({ customer: 3, activity: 2, opportunity: 0 });
    expect(await history()).toEqual(historyBefore);
    const moved = await fixture.storage
      .sql`select owner, version, updated_by from ws_acme.customer where id = any(${customerIds})`;
    expect(moved.map((r) => [r.owner, r.version, r.updated_by])).toEqual(
      customerIds.map(() => [fixture.ids.get("rep.e2"), 3, fixture.ids.get("admin")]),
    );
    const audit = await fixture.storage.sql`select entity, record_id, details from temper.audit_log
      where action = 'record.handover' order by entity, record_id`;
    expect(audit).toHaveLength(5);
    expect(audit[0]!.details).toEqual({ from: "rep.e1", to: "rep.e2" });
    expect((await fixture.as("rep.e1")("GET", "/records/customer")).status).toBe(401);
    const withApiToken = await fixture.api.request("/api/v1/records/customer", {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(withApiToken.status).toBe(401);
    const signIn = await fixture.api.request("/api/v1/auth/login", {
      method: "POST",
      body: JSON.stringify({ workspace: "acme", username: "rep.e1", password: "correct horse battery" }),
    });
    expect(signIn.status).toBe(401);
  });

  it("lets the successor see the records and their whole history at once", async () => {
    const successor = fixture.as("rep.e2");
    const list = (await (await successor("GET", "/records/customer")).json()) as { records: Array<{ id: string }> };
    // The successor's own customer, and every one handed over.
    const ids = list.records.map((r) => r.id);
    expect(ids).toHaveLength(customerIds.length + 1);
    expect(ids).toEqual(expect.arrayContaining(customerIds));
    const entries = (await (await successor("GET", `/records/customer/${customerIds[0]}/history`)).json()) as {
      history: Array<{ field: string; oldValue: unknown; newValue: unknown }>;
    };
    expect(entries.history.filter((e) => e.field === "annual_revenue").map((e) => [e.oldValue, e.newValue])).toEqual([
      [100, 200],
      [null, 100],
    ]);
    expect((await successor("GET", `/records/activity/${activityIds[1]}`)).status).toBe(200);
    const users = (await (await successor("GET", "/users?active=false")).json()) as {
      users: Array<{ username: string }>;
    };
    expect(users.users.map((u) => u.username)).toEqual(["rep.e1"]);
  });

  it("refuses a deactivated successor", async () => {
    const refused = await fixture.as("admin")("POST", "/users/rep.e2/handover", { to: "rep.e1" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ detail: "rep.e1 is deactivated and cannot take over records" });
  });
});
