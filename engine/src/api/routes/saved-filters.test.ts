import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
beforeAll(async () => (fixture = await openApiFixture("api_saved_filters")), 60_000);
afterAll(() => fixture?.close());

interface Saved {
  id: string;
  entity: string;
  name: string;
  view: string | null;
  query: string;
}

describe("/saved-filters", () => {
  it("saves a user's list query under a name, replaces it by name, lists and deletes it", async () => {
    const rep = fixture.as("rep.e1");
    const created = await rep("POST", "/saved-filters", {
      entity: "customer",
      name: "East, active",
      query: "region=east&status=active&sort=-updated_at",
    });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as Saved;
    expect(saved).toMatchObject({ entity: "customer", name: "East, active", view: null });

    const replaced = await rep("POST", "/saved-filters", {
      entity: "customer",
      name: "East, active",
      view: "my_customers",
      query: "?region=east&q=ha",
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: saved.id, view: "my_customers", query: "region=east&q=ha" });

    await rep("POST", "/saved-filters", { entity: "contact", name: "All", query: "" });
    const customers = (await (await rep("GET", "/saved-filters?entity=customer")).json()) as { savedFilters: Saved[] };
    expect(customers.savedFilters.map((f) => f.name)).toEqual(["East, active"]);
    const all = (await (await rep("GET", "/saved-filters")).json()) as { savedFilters: Saved[] };
    expect(all.savedFilters.map((f) => f.entity)).toEqual(["contact", "customer"]);

    const others = (await (await fixture.as("rep.e2")("GET", "/saved-filters")).json()) as { savedFilters: Saved[] };
    expect(others.savedFilters).toEqual([]);
    expect((await fixture.as("rep.e2")("DELETE", `/saved-filters/${saved.id}`)).status).toBe(404);

    expect((await rep("DELETE", `/saved-filters/${saved.id}`)).status).toBe(204);
    expect((await rep("DELETE", `/saved-filters/${saved.id}`)).status).toBe(404);
  });

  it("refuses a query that does not parse, pages, or names a field the user may not read", async () => {
    const agent = fixture.as("agent");
    const post = (body: Record<string, unknown>) => agent("POST", "/saved-filters", { entity: "contract", ...body });
    expect((await post({ name: "Big", query: "value.gte=100" })).status).toBe(422);
    expect((await post({ name: "Bad", query: "status.between=a" })).status).toBe(400);
    expect((await post({ name: "Paged", query: "limit=10" })).status).toBe(422);
    expect((await post({ name: "View", query: "", view: "nope" })).status).toBe(422);
    expect((await post({ name: " ", query: "" })).status).toBe(422);
    expect((await agent("POST", "/saved-filters", { entity: "payment", name: "P", query: "" })).status).toBe(404);
    expect((await post({ name: "Active", query: "status=active", fax: 1 })).status).toBe(422);
    expect((await post({ name: "Active", query: "status=active" })).status).toBe(201);
  });
});
