import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../storage/platform/database.ts";
import type { Actor, RecordService } from "./service.ts";
import { type CrmWorkspace, crmWorkspace } from "./testing.ts";

let crm: CrmWorkspace;
let storage: Storage;
let records: RecordService;
let actor: Actor;

beforeAll(async () => {
  crm = await crmWorkspace("records");
  ({ records, actor, storage } = crm);
});
afterAll(() => crm?.close());

describe("records", () => {
  it("creates a record with defaults, computed fields and system fields", async () => {
    const customer = await records.create(actor, "customer", { name: "Hanwha Machinery", region: "east" });
    expect(customer).toMatchObject({
      name: "Hanwha Machinery",
      region: "east",
      status: "prospect",
      owner: actor.id,
      version: 1,
    });
    const opportunity = await records.create(actor, "opportunity", {
      name: "Press line",
      customer: customer.id,
      amount: 250000.5,
      probability: 40,
      expected_close: "2026-12-31",
    });
    expect(opportunity).toMatchObject({ amount: 250000.5, weighted_amount: 100000.2, expected_close: "2026-12-31" });
  });

  it("rejects bad input naming each field, and writes nothing", async () => {
    const [{ count: before }] = await storage.sql<[{ count: number }]>`select count(*)::int from ws_acme.customer`;
    const error = await records
      .create(actor, "customer", { name: "", region: "mars", fax: "1", segment: "A" })
      .catch((e) => e);
    expect(error.code).toBe("validation_failed");
    expect(error.details.problems.map((p: { field: string; code: string }) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        ["name", "minLength"],
        ["region", "enum"],
        ["fax", "unknown_field"],
        ["segment", "read_only"],
      ]),
    );
    const [{ count: after }] = await storage.sql<[{ count: number }]>`select count(*)::int from ws_acme.customer`;
    expect(after).toBe(before);
  });

  it("refuses a reference to a record that does not exist", async () => {
    const error = await records
      .create(actor, "contact", { name: "Kim", customer: "00000000-0000-4000-8000-000000000000" })
      .catch((e) => e);
    expect(error).toMatchObject({
      code: "validation_failed",
      details: { problems: [{ field: "customer", code: "reference" }] },
    });
  });

  it("keeps the history of tracked fields and refuses stale versions", async () => {
    const customer = await records.create(actor, "customer", {
      name: "Daewoo Parts",
      region: "north",
      annual_revenue: 1000,
    });
    const updated = await records.update(actor, "customer", String(customer.id), { annual_revenue: 2000 }, 1);
    expect(updated.version).toBe(2);
    const stale = await records
      .update(actor, "customer", String(customer.id), { annual_revenue: 3000 }, 1)
      .catch((e) => e);
    expect(stale.code).toBe("version_conflict");
    expect((await records.get(actor, "customer", String(customer.id))).annual_revenue).toBe(2000);
    const history = await records.history(actor, "customer", String(customer.id));
    expect(history.filter((h) => h.field === "annual_revenue").map((h) => [h.oldValue, h.newValue])).toEqual([
      [1000, 2000],
      [null, 1000],
    ]);
  });

  it("lists with filters, sort, search and keyset pages", async () => {
    for (let i = 0; i < 25; i++)
      await records.create(actor, "customer", {
        name: `Bulk ${String(i).padStart(2, "0")}`,
        region: i % 2 ? "east" : "west",
        annual_revenue: i * 100,
      });
    const east = await records.list(actor, "customer", {
      filters: [
        { field: "region", op: "eq", value: "east" },
        { field: "annual_revenue", op: "gte", value: 500 },
      ],
      sort: [{ field: "annual_revenue", direction: "desc" }],
      limit: 5,
    });
    expect(east.records.map((r) => r.name)).toEqual(["Bulk 23", "Bulk 21", "Bulk 19", "Bulk 17", "Bulk 15"]);
    const next = await records.list(actor, "customer", {
      filters: [
        { field: "region", op: "eq", value: "east" },
        { field: "annual_revenue", op: "gte", value: 500 },
      ],
      sort: [{ field: "annual_revenue", direction: "desc" }],
      limit: 5,
      cursor: east.nextCursor!,
    });
    expect(next.records.map((r) => r.name)).toEqual(["Bulk 13", "Bulk 11", "Bulk 09", "Bulk 07", "Bulk 05"]);
    const all: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await records.list(actor, "customer", {
        search: "bulk",
        sort: [{ field: "name", direction: "asc" }],
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.records.map((r) => r.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(25);
    expect(all[0]).toBe("Bulk 00");
    await expect(
      records.list(actor, "customer", { filters: [{ field: "password", op: "eq", value: 1 }] }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });

  it("pages through records written at the same instant (microseconds kept in the cursor)", async () => {
    const customers = await records.createMany(
      actor,
      "customer",
      Array.from({ length: 7 }, (_, i) => ({ name: `Same instant ${i}`, region: "central" })),
    );
    const seen: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await records.list(actor, "customer", {
        search: "same instant",
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(customers.map((c) => c.id).sort());
  });

  it("deletes, and refuses to delete a record others reference", async () => {
    const parent = await records.create(actor, "customer", { name: "Parent Group", region: "south" });
    const child = await records.create(actor, "customer", { name: "Child Co", region: "south", parent: parent.id });
    await records.create(actor, "opportunity", { name: "Deal", customer: parent.id, expected_close: "2027-01-31" });
    await expect(records.delete(actor, "customer", String(parent.id))).rejects.toMatchObject({ code: "conflict" });
    expect((await records.get(actor, "customer", String(child.id))).parent).toBe(parent.id);
    const lone = await records.create(actor, "customer", { name: "Lone Co", region: "south" });
    await records.delete(actor, "customer", String(lone.id), 1);
    await expect(records.get(actor, "customer", String(lone.id))).rejects.toMatchObject({ code: "not_found" });
  });
});
