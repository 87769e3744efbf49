// Attacks on the records API by signed-in users: other people's records,
// guessed ids, hidden fields, protected fields. Each asserts the exact status
// and that the database is unchanged. (Other workspaces and tokens:
// access.test.ts; SQL injection: injection.test.ts.)
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem, ownedBy, shape } from "./attack-helpers.ts";
import { type Client, clientOf, problemOf, recordsOf } from "./http.ts";
import { openOrgFixture, type OrgFixture, userOrThrow } from "./org-fixture.ts";
import { expectUnchanged } from "./truth.ts";

let fixture: OrgFixture;
let rep: Client;
let agent: Client;

beforeAll(async () => {
  fixture = await openOrgFixture("attacks");
  rep = clientOf(fixture, userOrThrow(fixture, "rep.north1").token);
  agent = clientOf(fixture, userOrThrow(fixture, "agent").token);
}, 120_000);
afterAll(() => fixture?.close());

const owned = (username: string, entity: string) => ownedBy(fixture, username, entity);
const unchanged = <T>(attempt: () => Promise<T>) => expectUnchanged(fixture.storage, attempt);

describe("records outside the scope", () => {
  it("a rep reading a colleague's customer by id gets 404, exactly as for an id that does not exist", async () => {
    const colleague = String(owned("rep.north2", "customer").id);
    const nobody = randomUUID();
    await unchanged(async () => {
      for (const path of ["", "/history"]) {
        const hidden = await rep.get(`/records/customer/${colleague}${path}`);
        const missing = await rep.get(`/records/customer/${nobody}${path}`);
        expectProblem(hidden, 404, "not_found");
        expect(shape(hidden, colleague)).toEqual(shape(missing, nobody));
      }
      expectProblem(await rep.patch(`/records/customer/${colleague}`, { city: "Busan", version: 1 }), 404, "not_found");
      expectProblem(await rep.del(`/records/customer/${colleague}`), 404, "not_found");
    });
  });

  it("a manager cannot reach the other team's records", async () => {
    const manager = clientOf(fixture, userOrThrow(fixture, "mgr.north").token);
    const south = owned("rep.south1", "opportunity");
    await unchanged(async () => {
      expectProblem(await manager.get(`/records/opportunity/${String(south.id)}`), 404, "not_found");
      const changed = await manager.patch(`/records/opportunity/${String(south.id)}`, {
        next_step: "call",
        version: 1,
      });
      expectProblem(changed, 404, "not_found");
      expectProblem(await manager.del(`/records/opportunity/${String(south.id)}`), 404, "not_found");
    });
  });

  it("guessed ids (random, nil, malformed) are not found", async () => {
    const guesses = [randomUUID(), "00000000-0000-0000-0000-000000000000", "1%20OR%201%3D1", "%27--", "..%2Fcontact"];
    await unchanged(async () => {
      for (const id of guesses) {
        expectProblem(await rep.get(`/records/customer/${id}`), 404, "not_found");
        expectProblem(await rep.get(`/records/customer/${id}/history`), 404, "not_found");
        expectProblem(await rep.patch(`/records/customer/${id}`, { city: "x", version: 1 }), 404, "not_found");
        expectProblem(await rep.del(`/records/customer/${id}`), 404, "not_found");
      }
    });
  });

  it("a filter on the owner finds nothing outside the scope", async () => {
    const colleague = userOrThrow(fixture, "rep.north2").id;
    const answer = await rep.get(`/records/customer?owner=${colleague}`);
    expect(answer.status).toBe(200);
    expect(recordsOf(answer)).toEqual([]);
    expect(recordsOf(await rep.get(`/records/customer?owner.ne=${userOrThrow(fixture, "rep.north1").id}`))).toEqual([]);
  });
});

describe("hidden fields", () => {
  const hidden = [
    ["customer", "annual_revenue.gte=1"],
    ["customer", "tax_id=TAX-rep.north1-Alpha"],
    ["customer", "notes.contains=sales"],
    ["customer", "value_score.empty=true"],
    ["customer", "sort=tax_id"],
    ["customer", "sort=-annual_revenue,name"],
    ["contact", "influence=decision_maker"],
    ["contract", "sort=value"],
  ] as const;

  it.each(hidden)(
    "filtering or sorting %s by a hidden field (%s) answers 400 exactly like an unknown field",
    async (entity, query) => {
      const field = query.replace(/^sort=-?/, "").replace(/[.=,].*$/, "");
      await unchanged(async () => {
        for (const path of [`/records/${entity}?${query}`, `/records/${entity}/export?${query}`]) {
          const answer = await agent.get(path);
          const unknown = await agent.get(path.replace(field, "fax"));
          expectProblem(answer, 400, "bad_request", field);
          expect(problemOf(answer).problems?.[0]?.code).toBe("unknown_field");
          expect(shape(answer, field)).toEqual(shape(unknown, "fax"));
        }
      });
    },
  );

  it("an export naming or joining a hidden field answers 400 like an unknown one", async () => {
    expectProblem(
      await agent.get("/records/customer/export?format=json&fields=name,annual_revenue"),
      400,
      "bad_request",
      "annual_revenue",
    );
    expectProblem(
      await agent.get("/records/contract/export?format=json&ref.customer=tax_id"),
      400,
      "bad_request",
      "tax_id",
    );
  });
});

describe("fields the user may not write", () => {
  it("a rep giving their customer to a colleague gets 403 naming owner; nothing is written", async () => {
    const customer = owned("rep.north1", "customer");
    const colleague = userOrThrow(fixture, "rep.north2").id;
    await unchanged(async () => {
      expectProblem(
        await rep.patch(`/records/customer/${String(customer.id)}`, { owner: colleague, version: customer.version }),
        403,
        "forbidden",
        "owner",
      );
      expectProblem(
        await rep.post("/records/customer", { name: "Gift", region: "north", owner: colleague }),
        403,
        "forbidden",
        "owner",
      );
    });
  });

  it("a manager may not hand a rep's record to someone outside the team either", async () => {
    const manager = clientOf(fixture, userOrThrow(fixture, "mgr.north").token);
    const customer = owned("rep.north2", "customer");
    await unchanged(async () => {
      const answer = await manager.patch(`/records/customer/${String(customer.id)}`, {
        owner: userOrThrow(fixture, "rep.south1").id,
        version: 1,
      });
      expectProblem(answer, 403, "forbidden", "owner");
    });
  });

  it.each([
    ["customer", "segment", "a"],
    ["customer", "value_score", 99],
    ["activity", "manager_annotation", "all good"],
    ["opportunity", "stage", "won"],
    ["opportunity", "weighted_amount", 1],
  ])("a rep writing the protected %s.%s gets 403 naming it; nothing is written", async (entity, field, value) => {
    const record = owned("rep.north1", entity);
    await unchanged(async () => {
      expectProblem(
        await rep.patch(`/records/${entity}/${String(record.id)}`, { [field]: value, version: record.version }),
        403,
        "forbidden",
        field,
      );
      expectProblem(await rep.post(`/records/${entity}`, { [field]: value }), 403, "forbidden", field);
    });
  });

  it.each(["id", "created_by", "updated_at", "workspace_id"])(
    "system column %s cannot be written (422 unknown field)",
    async (column) => {
      const customer = owned("rep.north1", "customer");
      const value = column === "updated_at" ? "2020-01-01T00:00:00Z" : randomUUID();
      await unchanged(async () => {
        expectProblem(
          await rep.patch(`/records/customer/${String(customer.id)}`, { [column]: value, version: customer.version }),
          422,
          "validation_failed",
          column,
        );
        expectProblem(
          await rep.post("/records/customer", { name: "Sneaky", region: "north", [column]: value }),
          422,
          "validation_failed",
          column,
        );
      });
    },
  );

  it("an import cannot give records to a colleague nor link a colleague's customer", async () => {
    const colleague = owned("rep.north2", "customer");
    const csv = (body: string) =>
      fixture.api.request("/api/v1/records/contact/import", {
        method: "POST",
        headers: { authorization: `Bearer ${userOrThrow(fixture, "rep.north1").token}`, "content-type": "text/csv" },
        body,
      });
    await unchanged(async () => {
      const linked = await csv(`name,customer\nSpy,${String(colleague.id)}\n`);
      expect(linked.status).toBe(422);
      expect(await linked.json()).toMatchObject({ code: "import_failed", problems: [{ field: "customer" }] });
      const given = await csv(`name,customer,owner\nGift,${String(owned("rep.north1", "customer").id)},rep.north2\n`);
      expect(given.status).toBe(422);
      expect(await given.json()).toMatchObject({ code: "import_failed", problems: [{ field: "owner" }] });
    });
  });

  it("a rep linking their contact to a colleague's customer is refused as if it did not exist", async () => {
    const contact = owned("rep.north1", "contact");
    const colleague = owned("rep.north2", "customer");
    await unchanged(async () => {
      const answer = await rep.patch(`/records/contact/${String(contact.id)}`, {
        customer: colleague.id,
        version: contact.version,
      });
      expectProblem(answer, 422, "validation_failed", "customer");
    });
  });
});
