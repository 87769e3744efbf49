import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder } from "../definitions/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser } from "../users/service.ts";
import { createApi } from "./app.ts";

let database: TestDatabase;
let storage: Storage;
let api: ReturnType<typeof createApi>;
let token: string;

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  api.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

beforeAll(async () => {
  database = await createTestDatabase("api");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  await createWorkspace(storage, "globex");
  const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  await addUser(storage, { workspaceId: "acme", username: "li.wei", password: "correct horse", roles: ["sales_rep"] });
  api = createApi({ storage });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("the HTTP API", () => {
  it("answers health without a token", async () => {
    const response = await api.request("/api/v1/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("refuses routes without a valid token, as problem+json", async () => {
    const response = await api.request("/api/v1/records/customer");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, code: "unauthenticated" });
    token = "forged";
    expect((await call("GET", "/records/customer")).status).toBe(401);
  });

  it("signs in with the right password only", async () => {
    const wrong = await api.request("/api/v1/auth/login", {
      method: "POST",
      body: JSON.stringify({ workspace: "acme", username: "li.wei", password: "nope" }),
    });
    expect(wrong.status).toBe(401);
    const otherWorkspace = await api.request("/api/v1/auth/login", {
      method: "POST",
      body: JSON.stringify({ workspace: "globex", username: "li.wei", password: "correct horse" }),
    });
    expect(otherWorkspace.status).toBe(401);
    const right = await api.request("/api/v1/auth/login", {
      method: "POST",
      body: JSON.stringify({ workspace: "acme", username: "li.wei", password: "correct horse" }),
    });
    expect(right.status).toBe(200);
    token = ((await right.json()) as { token: string }).token;
    expect(token.length).toBeGreaterThan(30);
  });

  it("creates, reads, changes and lists customers, keeping a tracked field's history", async () => {
    const created = await call("POST", "/records/customer", {
      name: "Hanwha Machinery",
      region: "east",
      annual_revenue: 5000000,
    });
    expect(created.status).toBe(201);
    const customer = (await created.json()) as Record<string, unknown>;
    expect(created.headers.get("location")).toBe(`/api/v1/records/customer/${String(customer.id)}`);
    const read = await call("GET", `/records/customer/${String(customer.id)}`);
    expect(read.headers.get("etag")).toBe('"1"');
    const changed = await call(
      "PATCH",
      `/records/customer/${String(customer.id)}`,
      { annual_revenue: 7500000 },
      { "if-match": '"1"' },
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ annual_revenue: 7500000, version: 2 });
    const list = await call("GET", "/records/customer?region=east&annual_revenue.gte=1000000&sort=-annual_revenue");
    expect(((await list.json()) as { records: unknown[] }).records).toHaveLength(1);
    const history = await call("GET", `/records/customer/${String(customer.id)}/history`);
    const entries = (
      (await history.json()) as { history: Array<{ field: string; oldValue: unknown; newValue: unknown }> }
    ).history;
    expect(entries.filter((e) => e.field === "annual_revenue").map((e) => [e.oldValue, e.newValue])).toEqual([
      [5000000, 7500000],
      [null, 5000000],
    ]);
  });

  it("answers a stale update with 409 and keeps the winner's values", async () => {
    const customer = (await (
      await call("POST", "/records/customer", { name: "Daewoo Parts", region: "north" })
    ).json()) as { id: string };
    const [first, second] = await Promise.all([
      call("PATCH", `/records/customer/${customer.id}`, { city: "Busan" }, { "if-match": '"1"' }),
      call("PATCH", `/records/customer/${customer.id}`, { city: "Seoul" }, { "if-match": '"1"' }),
    ]);
    const statuses = [first!.status, second!.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first!.status === 200 ? "Busan" : "Seoul";
    const loser = first!.status === 409 ? first! : second!;
    expect(await loser.json()).toMatchObject({ code: "version_conflict", currentVersion: 2 });
    expect(await (await call("GET", `/records/customer/${customer.id}`)).json()).toMatchObject({
      city: winner,
      version: 2,
    });
  });

  it("rejects bad requests clearly: bad JSON 400, unknown entity 404, unknown field 422, missing version 400", async () => {
    const badJson = await call("POST", "/records/customer", "{name:");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({
      code: "bad_request",
      detail: expect.stringContaining("not valid JSON"),
    });
    expect((await call("GET", "/records/spaceship")).status).toBe(404);
    const unknown = await call("POST", "/records/customer", { name: "X", region: "east", fax: "123" });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({
      code: "validation_failed",
      problems: [{ field: "fax", code: "unknown_field" }],
    });
    const noVersion = await call("PATCH", "/records/customer/00000000-0000-4000-8000-000000000000", { city: "x" });
    expect(noVersion.status).toBe(400);
    expect((await call("GET", "/records/customer?nonsense.gte=3")).status).toBe(400);
    expect((await call("GET", "/records/customer/not-an-id")).status).toBe(404);
  });

  it("serves an OpenAPI document generated from the published definition", async () => {
    const response = await call("GET", "/openapi.json");
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/records/customer", "/records/opportunity/{id}", "/auth/login"]),
    );
    expect(document.components.schemas.customer_create?.required).toEqual(["name", "region"]);
    // Events are generated from the processes: one request branch per event, with its data schema.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/records/complaint/{id}/events", "/records/complaint/{id}/process", "/tasks"]),
    );
    expect(Object.keys(document.paths)).not.toContain("/records/customer/{id}/events");
    const fire = document.paths["/records/complaint/{id}/events"] as {
      post: {
        requestBody: {
          content: { "application/json": { schema: { oneOf: Array<{ properties: Record<string, unknown> }> } } };
        };
      };
    };
    const branches = fire.post.requestBody.content["application/json"].schema.oneOf;
    expect(
      branches.find((b) => (b.properties.type as { const: string }).const === "reopen")?.properties.data,
    ).toMatchObject({
      required: ["reason"],
    });
  });

  const tokenHash = () => createHash("sha256").update(token).digest("hex");

  it("records a session's use once a minute at most, and slides its expiry when it does", async () => {
    const row = () =>
      storage.sql<[{ used: Date; expires: Date }]>`select last_used_at as used, expires_at as expires
        from temper.tokens where token_hash = ${tokenHash()}`.then(([r]) => r);
    expect((await call("GET", "/records/customer")).status).toBe(200);
    const first = await row();
    expect((await call("GET", "/records/customer")).status).toBe(200);
    expect(await row()).toEqual(first);

    await storage.sql`update temper.tokens set last_used_at = last_used_at - interval '2 minutes',
      expires_at = expires_at - interval '2 minutes' where token_hash = ${tokenHash()}`;
    expect((await call("GET", "/records/customer")).status).toBe(200);
    const later = await row();
    expect(later.used.getTime()).toBeGreaterThan(first.used.getTime() - 60_000);
    expect(later.expires.getTime()).toBeGreaterThanOrEqual(first.expires.getTime());
  });

  it("signing out ends the session at once", async () => {
    expect((await call("POST", "/auth/logout")).status).toBe(204);
    expect((await call("GET", "/records/customer")).status).toBe(401);
  });
});
