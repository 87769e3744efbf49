import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, openApiFixture } from "../testing.ts";

let fixture: ApiFixture;
let customerId: string;

interface Explanation {
  record: { ownerName: string };
  operations: Record<string, { allowed: boolean; reason: string; grant?: { role: string; scope: string } }>;
  fields: { read: string[]; write: string[] };
  events: Record<string, string[]>;
}

beforeAll(async () => {
  fixture = await openApiFixture("api_access");
  const customer = await fixture.records.create(fixture.system, "customer", {
    name: "Hanwha Machinery",
    region: "east",
    status: "active",
    owner: fixture.ids.get("rep.e1"),
  });
  customerId = String(customer.id);
}, 60_000);
afterAll(() => fixture?.close());

const explain = (query: string, as = "admin") => fixture.as(as)("GET", `/access/explain?${query}`);

describe("GET /access/explain", () => {
  it("explains a colleague's refusal, naming the owner outside the rep's own scope", async () => {
    const response = await explain(`user=rep.e2&entity=customer&id=${customerId}`);
    expect(response.status).toBe(200);
    const why = (await response.json()) as Explanation;
    expect(why.record.ownerName).toBe("rep.e1");
    expect(why.operations.read).toMatchObject({
      allowed: false,
      reason:
        "rep.e2 may not read this customer: role sales_rep grants read on their own records only, and this customer is owned by rep.e1",
    });
    expect(why.operations.create).toMatchObject({ allowed: true });
    expect(why.fields.write).toContain("name");
    expect(why.fields.write).not.toContain("value_score");
  });

  it("explains the manager's access by their subtree, and a condition that is false, by user id too", async () => {
    const why = (await (
      await explain(`user=${fixture.ids.get("mgr.east")}&entity=customer&id=${customerId}`)
    ).json()) as Explanation;
    expect(why.operations.read).toMatchObject({
      allowed: true,
      grant: { role: "sales_manager", scope: "subtree" },
      reason: expect.stringContaining("the owner rep.e1 is in mgr.east's subtree"),
    });
    expect(why.operations.delete).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("only when record.status == 'prospect', which is false"),
    });
    const west = (await (await explain(`user=mgr.west&entity=customer&id=${customerId}`)).json()) as Explanation;
    expect(west.operations.read!.reason).toContain("the owner rep.e1 is outside it");
  });

  it("explains an entity in general without a record: grants, fields, events", async () => {
    const why = (await (await explain("user=rep.e1&entity=lead")).json()) as Explanation;
    expect(why.operations.read).toMatchObject({
      allowed: true,
      reason: "role sales_rep grants read on their own records",
    });
    expect(why.events.lead_conversion).toContain("convert");
    const agent = (await (await explain("user=agent&entity=customer")).json()) as Explanation;
    expect(agent.fields.read).not.toContain("annual_revenue");
    expect(agent.operations.update).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/^no role of agent/),
    });
  });

  it("needs explain_access, and names what is missing or unknown", async () => {
    const refused = await explain(`user=rep.e1&entity=customer&id=${customerId}`, "mgr.east");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ detail: expect.stringContaining('"explain_access"') });
    expect(await (await explain("entity=customer")).json()).toMatchObject({
      status: 400,
      detail: "send user=<username or id>",
    });
    expect((await explain("user=ghost&entity=customer")).status).toBe(404);
    expect((await explain("user=rep.e1&entity=spaceship")).status).toBe(404);
    expect((await explain("user=rep.e1&entity=customer&id=00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
