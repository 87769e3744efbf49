import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, RecordService } from "./service.ts";
import { type CrmWorkspace, crmWorkspace } from "./testing.ts";

let crm: CrmWorkspace;
let records: RecordService;
let actor: Actor;

beforeAll(async () => {
  crm = await crmWorkspace("list_in");
  ({ records, actor } = crm);
});
afterAll(() => crm?.close());

describe("list filters on every kind of field", () => {
  it("filters references, users, numbers, dates and multi-enums with in, not_in, ranges and contains", async () => {
    const parent = await records.create(actor, "customer", { name: "Group", region: "east" });
    const child = await records.create(actor, "customer", { name: "Child", region: "east", parent: parent.id });
    await records.create(actor, "customer", { name: "Other", region: "west" });
    const names = async (filters: Parameters<RecordService["list"]>[2]) =>
      (await records.list(actor, "customer", filters)).records.map((r) => r.name).sort();
    expect(await names({ filters: [{ field: "parent", op: "in", value: [String(parent.id)] }] })).toEqual(["Child"]);
    expect(await names({ filters: [{ field: "parent", op: "eq", value: String(parent.id) }] })).toEqual(["Child"]);
    expect(await names({ filters: [{ field: "owner", op: "in", value: [actor.id] }] })).toEqual([
      "Child",
      "Group",
      "Other",
    ]);
    expect(await names({ filters: [{ field: "region", op: "not_in", value: ["east"] }] })).toEqual(["Other"]);
    expect(await names({ filters: [{ field: "parent", op: "empty" }] })).toEqual(["Group", "Other"]);
    expect(await names({ filters: [{ field: "id", op: "in", value: [String(child.id)] }] })).toEqual(["Child"]);
    const opportunity = await records.create(actor, "opportunity", {
      name: "Deal",
      customer: parent.id,
      amount: 500,
      expected_close: "2026-12-31",
      product_lines: ["robotics"],
    });
    const deals = async (filters: Parameters<RecordService["list"]>[2]) =>
      (await records.list(actor, "opportunity", filters)).records.map((r) => r.id);
    expect(await deals({ filters: [{ field: "amount", op: "in", value: [500, 600] }] })).toEqual([opportunity.id]);
    expect(
      await deals({
        filters: [
          { field: "expected_close", op: "gte", value: "2026-12-01" },
          { field: "expected_close", op: "lt", value: "2027-01-01" },
        ],
      }),
    ).toEqual([opportunity.id]);
    expect(await deals({ filters: [{ field: "expected_close", op: "in", value: ["2026-12-31"] }] })).toEqual([
      opportunity.id,
    ]);
    expect(await deals({ filters: [{ field: "product_lines", op: "contains", value: "robotics" }] })).toEqual([
      opportunity.id,
    ]);
    expect(await deals({ filters: [{ field: "product_lines", op: "contains", value: "services" }] })).toEqual([]);
  });
});
