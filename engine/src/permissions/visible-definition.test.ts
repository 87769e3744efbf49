import { describe, expect, it } from "vitest";
import { readDefinitionFolder, validateDefinitionTexts } from "../definitions/index.ts";
import { visibleDefinition } from "./visible-definition.ts";

const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
const definition = validateDefinitionTexts(texts).definition!;

describe("visibleDefinition", () => {
  it("lists only the entities a user's roles may read, with what they may do", () => {
    const visible = visibleDefinition(definition, ["sales_rep"]);
    const names = visible.entities.map((e) => e.name);
    expect(names).toContain("customer");
    expect(visibleDefinition(definition, ["service_agent"]).entities.map((e) => e.name)).not.toContain("payment");
    const customer = visible.entities.find((e) => e.name === "customer")!;
    expect(customer.access).toEqual({ create: true, read: true, update: true, delete: false });
    expect(customer.writable).toContain("name");
    expect(customer.writable).not.toContain("segment");
    expect(visibleDefinition(definition, ["intern"]).entities).toEqual([]);
  });

  it("keeps only readable fields, and trims views to them", () => {
    const contract = visibleDefinition(definition, ["service_agent"]).entities.find((e) => e.name === "contract")!;
    expect(contract.fields.map((f) => f.name)).toEqual([
      "number",
      "name",
      "contract_type",
      "customer",
      "status",
      "start_date",
      "end_date",
    ]);
    const active = contract.views.lists.find((l) => l.name === "active_contracts")!;
    expect(active.columns).toEqual(["number", "name", "customer", "contract_type", "end_date", "owner"]);
    const board = contract.views.boards[0]!;
    expect(board.card).toEqual({ fields: ["customer", "start_date"] });
    const form = contract.views.forms[0]!;
    const placed = form.sections.flatMap((s) => s.fields.map((f) => (typeof f === "string" ? f : f.field)));
    expect(placed).not.toContain("value");
    expect(placed).toContain("number");
  });

  it("drops a list that filters on a field the user may not read", () => {
    const restricted = structuredClone(definition);
    const views = restricted.views.get("contract")!;
    views.lists = [
      { name: "big", label: { en: "Big" }, columns: ["number"], filters: [{ field: "value", op: "gte", value: 1 }] },
    ];
    const contract = visibleDefinition(restricted, ["service_agent"]).entities.find((e) => e.name === "contract")!;
    expect(contract.views.lists.map((l) => l.name)).toEqual(["all"]);
    expect(contract.views.lists[0]!.columns[0]).toBe("number");
  });

  it("shows dashboards to the roles they name", () => {
    const rep = visibleDefinition(definition, ["sales_rep"]).dashboards.map((d) => d.name);
    expect(rep).toContain("sales");
    expect(rep).not.toContain("finance");
  });
});
