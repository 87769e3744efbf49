import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, fixturePassword, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
const count = async (table: "org_units" | "users") =>
  (await fixture.storage.sql<[{ n: number }]>`select count(*)::int as n from temper.${fixture.storage.sql(table)}`)[0]
    .n;

beforeAll(async () => {
  fixture = await openApiFixture("api_org");
}, 60_000);
afterAll(() => fixture?.close());

describe("org units over the API", () => {
  it("shows the org chart, parents before children, to anyone signed in", async () => {
    const response = await fixture.as("rep.e1")("GET", "/org/units");
    expect(response.status).toBe(200);
    const { units } = (await response.json()) as { units: Array<{ code: string; depth: number; people: number }> };
    expect(units.map((u) => [u.code, u.depth])).toEqual([
      ["company", 0],
      ["east", 1],
      ["east_sales", 2],
      ["west", 1],
      ["west_sales", 2],
    ]);
    expect(units.find((u) => u.code === "east_sales")?.people).toBe(3);
  });

  it("refuses writes without manage_org (403 problem+json) and changes nothing", async () => {
    const before = await count("org_units");
    const refused = await fixture.as("mgr.east")("POST", "/org/units", { code: "north", name: "North" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({
      code: "forbidden",
      detail: 'your roles do not hold "manage_org" (held by: administrator)',
    });
    expect((await fixture.as("mgr.east")("PATCH", "/org/units/east", { name: "Mine" })).status).toBe(403);
    expect(await count("org_units")).toBe(before);
  });

  it("adds units, naming what is wrong in a refused one", async () => {
    const admin = fixture.as("admin");
    const created = await admin("POST", "/org/units", {
      code: "north",
      name: "North",
      kind: "region",
      parent: "company",
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: "north", kind: "region", parent: "company", depth: 1 });
    const before = await count("org_units");
    const badKind = await admin("POST", "/org/units", { code: "x1", name: "X", kind: "galaxy" });
    expect(badKind.status).toBe(422);
    expect(await badKind.json()).toMatchObject({ problems: [{ field: "kind" }] });
    const badParent = await admin("POST", "/org/units", { code: "x2", name: "X", parent: "atlantis" });
    expect(badParent.status).toBe(422);
    expect(await badParent.json()).toMatchObject({
      problems: [{ field: "parent", message: 'no org unit "atlantis"' }],
    });
    expect((await admin("POST", "/org/units", { code: "north", name: "Again" })).status).toBe(409);
    expect((await admin("POST", "/org/units", { code: "x3", name: "X", colour: "red" })).status).toBe(422);
    expect(await count("org_units")).toBe(before);
  });

  it("moves a unit with its people: every check sees the new place at once", async () => {
    const admin = fixture.as("admin");
    const head = await admin("POST", "/users", {
      username: "head.east",
      password: fixturePassword,
      roles: ["sales_manager"],
      unit: "east",
    });
    expect(head.status).toBe(201);
    const customer = await fixture.records.create(fixture.system, "customer", {
      name: "Western Steel",
      region: "west",
      owner: fixture.ids.get("rep.w1"),
    });
    const { token } = (await (
      await fixture.api.request("/api/v1/auth/login", {
        method: "POST",
        body: JSON.stringify({ workspace: "acme", username: "head.east", password: fixturePassword }),
      })
    ).json()) as { token: string };
    const read = () =>
      fixture.api.request(`/api/v1/records/customer/${String(customer.id)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await read()).status).toBe(404);
    const moved = await admin("PATCH", "/org/units/west_sales", { parent: "east", name: "West sales" });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ code: "west_sales", name: "West sales", parent: "east", depth: 2 });
    expect((await read()).status).toBe(200);
    await admin("PATCH", "/org/units/west_sales", { parent: "west" });
    expect((await read()).status).toBe(404);
    const loop = await admin("PATCH", "/org/units/east", { parent: "east_sales" });
    expect(loop.status).toBe(422);
    expect(await loop.json()).toMatchObject({ detail: '"east" cannot move below itself ("east_sales")' });
  });
});

describe("users over the API", () => {
  it("lists people with unit, manager, roles and active to anyone signed in, never a password hash", async () => {
    const response = await fixture.as("rep.e2")("GET", "/users");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toMatch(/password|argon2|\$/i);
    const { users, system } = JSON.parse(text) as { users: Array<Record<string, unknown>>; system: string };
    expect(users.find((u) => u.username === "rep.e1")).toEqual({
      id: fixture.ids.get("rep.e1"),
      username: "rep.e1",
      displayName: null,
      email: null,
      unit: "east_sales",
      manager: "mgr.east",
      roles: ["sales_rep"],
      active: true,
    });
    expect(users.map((u) => u.username)).not.toContain("system");
    const [row] = await fixture.storage.sql<[{ id: string }]>`select id from temper.users
      where workspace_id = 'acme' and username = 'system'`;
    expect(system).toBe(row.id);
    const east = (await (await fixture.as("rep.e2")("GET", "/users?unit=east")).json()) as { users: unknown[] };
    expect(east.users).toHaveLength(4);
  });

  it("adds a user only for manage_users, and refuses an unknown role naming it", async () => {
    const before = await count("users");
    const input = { username: "new.rep", password: fixturePassword, roles: ["sales_rep"] };
    expect((await fixture.as("mgr.east")("POST", "/users", input)).status).toBe(403);
    const unknown = await fixture.as("admin")("POST", "/users", { ...input, roles: ["sales_rep", "intern"] });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({
      code: "validation_failed",
      detail: expect.stringContaining('unknown role "intern"'),
    });
    const badManager = await fixture.as("admin")("POST", "/users", { ...input, manager: "nobody" });
    expect(await badManager.json()).toMatchObject({ problems: [{ field: "manager" }] });
    expect(await count("users")).toBe(before);
    const added = await fixture.as("admin")("POST", "/users", { ...input, unit: "east_sales", manager: "mgr.east" });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ username: "new.rep", unit: "east_sales", manager: "mgr.east" });
  });

  it("places a user: unit and manager need manage_org, roles manage_users; bad values change nothing", async () => {
    const admin = fixture.as("admin");
    expect((await fixture.as("mgr.east")("PATCH", "/users/rep.e2", { unit: "west_sales" })).status).toBe(403);
    const badRole = await admin("PATCH", "/users/rep.e2", { unit: "west_sales", roles: ["boss"] });
    expect(badRole.status).toBe(422);
    expect(await badRole.json()).toMatchObject({ problems: [{ field: "roles", message: 'unknown role "boss"' }] });
    const loop = await admin("PATCH", "/users/mgr.east", { manager: "rep.e1" });
    expect(loop.status).toBe(422);
    expect(await loop.json()).toMatchObject({
      detail: "mgr.east cannot report to rep.e1: rep.e1 already reports to mgr.east",
    });
    const unchanged = (await (await admin("GET", "/users")).json()) as { users: Array<Record<string, unknown>> };
    expect(unchanged.users.find((u) => u.username === "rep.e2")).toMatchObject({ unit: "east_sales" });
    const placed = await admin("PATCH", "/users/rep.e2", {
      unit: "west_sales",
      manager: "mgr.west",
      roles: ["sales_rep", "service_agent"],
      displayName: "Wang Fang",
    });
    expect(placed.status).toBe(200);
    expect(await placed.json()).toMatchObject({
      unit: "west_sales",
      manager: "mgr.west",
      roles: ["sales_rep", "service_agent"],
      displayName: "Wang Fang",
    });
    expect((await admin("PATCH", "/users/ghost", { displayName: "Boo" })).status).toBe(404);
    expect((await admin("PATCH", "/users/rep.e2", {})).status).toBe(400);
  });
});

describe("the OpenAPI document", () => {
  it("lists the routes of people, org units, access, annotations, notifications and stats", async () => {
    const document = (await (await fixture.as("rep.e1")("GET", "/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/org/units",
        "/org/units/{code}",
        "/users",
        "/users/{username}",
        "/users/{username}/handover",
        "/access/explain",
        "/notifications",
        "/notifications/{id}/read",
        "/notifications/read-all",
        "/records/activity/{id}/annotations",
        "/records/activity/stats",
      ]),
    );
  });
});
