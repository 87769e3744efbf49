import { describe, expect, it } from "vitest";
import { readDefinitionFolder, validateDefinitionTexts } from "../definitions/index.ts";
import type { ConditionUser } from "../expressions/index.ts";
import { explainAccess } from "./explain.ts";

const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
const definition = validateDefinitionTexts(texts).definition!;
const names = new Map([
  ["rep", "li.wei"],
  ["colleague", "wang.fang"],
  ["boss", "min.jun"],
  ["stranger", "park.ji"],
]);
const nameOf = (id: string) => names.get(id) ?? id;
const person = (id: string, roles: string[]): ConditionUser => ({
  id,
  username: nameOf(id),
  roles,
  org_unit: "east_sales",
  manager: null,
});
const rep = { user: person("rep", ["sales_rep"]), subtree: ["rep"] };
const manager = { user: person("boss", ["sales_manager"]), subtree: ["boss", "rep", "colleague"] };
const customer = (owner: string, status = "active") => ({ id: "c1", owner, name: "Hanwha", status, region: "east" });

describe("explainAccess", () => {
  it("allows a rep their own customer, naming the role and the grant", () => {
    const why = explainAccess({ definition, users: rep, entity: "customer", record: customer("rep"), nameOf });
    expect(why.operations.read).toMatchObject({
      allowed: true,
      grant: { role: "sales_rep", scope: "own" },
      reason: "role sales_rep grants read on their own records, and li.wei owns it",
    });
    expect(why.record).toEqual({ id: "c1", owner: "rep", ownerName: "li.wei" });
    expect(why.operations.delete).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("no role of li.wei"),
    });
  });

  it("refuses a colleague's customer, naming the owner outside the rep's own scope", () => {
    const why = explainAccess({ definition, users: rep, entity: "customer", record: customer("colleague"), nameOf });
    expect(why.operations.read.allowed).toBe(false);
    expect(why.operations.read.reason).toBe(
      "li.wei may not read this customer: role sales_rep grants read on their own records only, and this customer is owned by wang.fang",
    );
    expect(why.operations.update).toMatchObject({
      allowed: false,
      reason: "li.wei may not update this customer: they cannot read it, so it is not found for them",
    });
  });

  it("explains a manager's subtree: the owner inside it, outside it, and a false condition quoted", () => {
    const inside = explainAccess({ definition, users: manager, entity: "customer", record: customer("rep"), nameOf });
    expect(inside.operations.read).toMatchObject({
      allowed: true,
      reason:
        "role sales_manager grants read on records owned in their subtree, and the owner li.wei is in min.jun's subtree",
    });
    expect(inside.operations.delete).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("only when record.status == 'prospect', which is false for this customer"),
      grants: [{ role: "sales_manager", scope: "subtree", inScope: true, conditionHolds: false }],
    });
    const prospect = explainAccess({
      definition,
      users: manager,
      entity: "customer",
      record: customer("rep", "prospect"),
      nameOf,
    });
    expect(prospect.operations.delete).toMatchObject({
      allowed: true,
      reason: expect.stringContaining("and record.status == 'prospect' holds"),
    });
    const outside = explainAccess({
      definition,
      users: manager,
      entity: "customer",
      record: customer("stranger"),
      nameOf,
    });
    expect(outside.operations.read.reason).toContain("the owner park.ji is outside it");
  });

  it("says when no role grants an operation on the entity at all", () => {
    const agent = { user: person("agent", ["service_agent"]), subtree: ["agent"] };
    const why = explainAccess({ definition, users: agent, entity: "lead" });
    expect(why.operations.read).toEqual({
      allowed: false,
      reason: "no role of agent grants read on lead (their roles: service_agent)",
      grants: [],
    });
    expect(why.fields).toEqual({ read: [], write: [] });
  });

  it("explains create in general, and lists readable and writable fields and events", () => {
    const why = explainAccess({ definition, users: rep, entity: "lead" });
    expect(why.operations.create).toMatchObject({
      allowed: true,
      reason: "role sales_rep grants create, with only themselves as owner",
    });
    expect(why.events.lead_conversion).toContain("qualify");
    const agent = { user: person("agent", ["service_agent"]), subtree: ["agent"] };
    const fields = explainAccess({ definition, users: agent, entity: "customer" }).fields;
    expect(fields.read).toContain("name");
    expect(fields.read).not.toContain("annual_revenue");
    expect(fields.write).toEqual([]);
  });

  it("allows nothing to a deactivated user", () => {
    const why = explainAccess({ definition, users: rep, active: false, entity: "customer", record: customer("rep") });
    expect(why.operations.read).toMatchObject({ allowed: false, reason: "li.wei is deactivated and cannot sign in" });
    expect(why.user.active).toBe(false);
  });
});
