import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../definitions/ajv.ts";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
beforeAll(async () => (fixture = await openApiFixture("api_record_access")), 60_000);
afterAll(() => fixture?.close());

interface Schemas {
  create: { properties: Record<string, unknown>; required: string[] };
  update: { properties: Record<string, unknown>; required: string[] };
}

const schemas = async (username: string, entity: string) => {
  const response = await fixture.as(username)("GET", `/records/${entity}/schema`);
  return { status: response.status, body: (await response.json()) as Schemas };
};

const activity = async (username: string, kind: string) => {
  const response = await fixture.as(username)("POST", "/records/activity", {
    subject: `A ${kind}`,
    kind,
    occurred_at: "2026-11-02T02:00:00Z",
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
};

const access = async (username: string, id: string) => {
  const response = await fixture.as(username)("GET", `/records/activity/${id}/access`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("GET /records/:entity/schema", () => {
  it("narrows the engine's input schemas to the fields the user may write", async () => {
    const rep = await schemas("rep.e1", "customer");
    expect(rep.status).toBe(200);
    expect(rep.body.create.required).toEqual(expect.arrayContaining(["name", "region"]));
    expect(Object.keys(rep.body.create.properties)).toContain("annual_revenue");
    // Read-only (set by the scoring plugin) and outside the rep's write list.
    expect(Object.keys(rep.body.create.properties)).not.toContain("segment");
    expect(Object.keys(rep.body.create.properties)).not.toContain("owner");
    expect(rep.body.update.required).toEqual([]);

    const manager = await schemas("mgr.east", "customer");
    expect(Object.keys(manager.body.update.properties)).toContain("annual_revenue");
    expect(Object.keys(manager.body.update.properties)).not.toContain("owner");

    const agent = await schemas("agent", "customer");
    expect(agent.body.create.properties).toEqual({});
    expect(agent.body.create.required).toEqual([]);
    expect((await schemas("agent", "payment")).status).toBe(404);
    expect((await schemas("agent", "nothing")).status).toBe(404);
  });

  it("checks a form the way the records service checks the write", async () => {
    const { body } = await schemas("rep.e1", "customer");
    const validate = createAjv().compile(body.create);
    expect(validate({ name: "Hanwha Machinery", region: "east" })).toBe(true);
    expect(validate({ name: "", region: "mars", website: "not a url" })).toBe(false);
    const keywords = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(keywords).toEqual(expect.arrayContaining(["/name minLength", "/region enum", "/website format"]));
    const refused = await fixture.as("rep.e1")("POST", "/records/customer", { name: "", region: "east" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ problems: [{ field: "name", code: "minLength" }] });
  });
});

describe("GET /records/:entity/:id/access", () => {
  it("says who may change, delete and annotate a record, as the write paths decide", async () => {
    const visit = await activity("rep.e1", "visit");
    expect(await access("rep.e1", visit)).toMatchObject({
      status: 200,
      body: { update: true, delete: true, annotate: false },
    });
    expect((await access("rep.e1", visit)).body.writable).toEqual(expect.arrayContaining(["subject", "notes"]));
    // A manager over the owner changes and annotates their team's activities, but deletes only their own.
    expect((await access("mgr.east", visit)).body).toMatchObject({ update: true, delete: false, annotate: true });
    expect((await access("rep.e2", visit)).status).toBe(404);
    expect((await access("mgr.west", visit)).status).toBe(404);

    const system = await activity("rep.e1", "system");
    expect((await access("rep.e1", system)).body).toMatchObject({ update: false, delete: false });
    const change = await fixture.as("rep.e1")("PATCH", `/records/activity/${system}`, { notes: "x", version: 1 });
    expect(change.status).toBe(403);
  });
});

describe("GET /records/:entity/:id/events", () => {
  it("says what refuses each event that is not available", async () => {
    const created = await fixture.as("rep.e1")("POST", "/records/lead", {
      name: "Press line",
      company_name: "Kumho Tools",
      contact_name: "Park",
      source: "website",
      region: "east",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const events = async (username: string) =>
      (
        (await (await fixture.as(username)("GET", `/records/lead/${id}/events`)).json()) as {
          events: Array<{ event: string; available: boolean; refused?: string }>;
        }
      ).events;
    const mine = await events("rep.e1");
    expect(mine.filter((e) => e.available).every((e) => e.refused === undefined)).toBe(true);
    expect(mine.find((e) => e.event === "convert")).toMatchObject({ available: false, refused: "not_in_state" });
    const admin = await events("admin");
    expect(admin.find((e) => e.event === "contact")).toMatchObject({ available: false, refused: "forbidden" });
  });
});
