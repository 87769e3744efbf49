import { describe, expect, it } from "vitest";
import { readDefinitionFolder, validateDefinitionTexts } from "../definitions/index.ts";
import { canFireEvent, entityAccess } from "./access.ts";
import { matchesRecord } from "./evaluate.ts";
import { scopePredicate } from "./scope.ts";

const { texts } = await readDefinitionFolder(new URL("../../../definitions/examples/crm", import.meta.url).pathname);
const definition = validateDefinitionTexts(texts).definition!;
const rep = { id: "rep", username: "rep", roles: ["sales_rep"], org_unit: "east_sales", manager: "boss" };
const users = { user: rep, subtree: ["rep"] };

describe("entityAccess", () => {
  it("merges the grants, fields and events of a user's roles", () => {
    const access = entityAccess(definition, ["sales_rep"], "customer")!;
    expect(access.grants.read.map((g) => [g.role, g.scope])).toEqual([["sales_rep", "own"]]);
    expect(access.writable.has("value_score")).toBe(false);
    expect(access.writable.has("name")).toBe(true);
    expect(access.readable.has("owner")).toBe(true);
    const both = entityAccess(definition, ["sales_rep", "executive"], "customer")!;
    expect(both.grants.read.map((g) => g.scope).sort()).toEqual(["all", "own"]);
  });

  it("grants nothing for unknown roles or entities", () => {
    expect(entityAccess(definition, ["intern"], "customer")!.grants.read).toEqual([]);
    expect(entityAccess(definition, ["sales_rep"], "spaceship")).toBeUndefined();
  });

  it("keeps event rights separate from update", () => {
    const lead = entityAccess(definition, ["sales_rep"], "lead")!;
    expect(canFireEvent(lead, "lead_conversion", "qualify")).toBe(true);
    expect(canFireEvent(lead, "lead_conversion", "no_such_event")).toBe(false);
    expect(canFireEvent(entityAccess(definition, ["service_agent"], "lead"), "lead_conversion", "qualify")).toBe(false);
  });
});

describe("scopePredicate", () => {
  it("own covers the user's records only; all covers everything; no grant covers nothing", () => {
    const own = scopePredicate([{ role: "r", scope: "own" }], users);
    expect(matchesRecord(own, { owner: "rep" })).toBe(true);
    expect(matchesRecord(own, { owner: "colleague" })).toBe(false);
    expect(matchesRecord(scopePredicate([{ role: "r", scope: "all" }], users), { owner: "anyone" })).toBe(true);
    expect(matchesRecord(scopePredicate([], users), { owner: "rep" })).toBe(false);
  });

  it("subtree covers the users resolved for it, and conditions narrow any scope", () => {
    const team = { user: rep, subtree: ["rep", "r2", "r3"] };
    const subtree = scopePredicate([{ role: "m", scope: "subtree", condition: "record.status != 'closed'" }], team);
    expect(matchesRecord(subtree, { owner: "r2", status: "open" })).toBe(true);
    expect(matchesRecord(subtree, { owner: "r2", status: "closed" })).toBe(false);
    expect(matchesRecord(subtree, { owner: "outsider", status: "open" })).toBe(false);
  });
});
