import { describe, expect, it } from "vitest";
import type { FieldDef } from "../types";
import { type CelUser, defaultValues, visibilityRules } from "./expressions";

const fields: FieldDef[] = [
  {
    name: "stage",
    type: "enum",
    label: {},
    options: ["prospecting", "won", "lost"].map((value) => ({ value, label: {} })),
  },
  { name: "amount", type: "money", label: {} },
  { name: "done", type: "boolean", label: {} },
  { name: "expected_close", type: "date", label: {} },
  { name: "assignee", type: "user", label: {}, defaultExpression: "user.id" },
  { name: "valid_until", type: "date", label: {}, defaultExpression: "now + duration('720h')" },
  { name: "status", type: "enum", label: {}, default: "draft", options: [{ value: "draft", label: {} }] },
  { name: "broken", type: "text", label: {}, defaultExpression: "user.nothing" },
];
const user: CelUser = { id: "u-1", username: "li.wei", roles: ["sales_rep"], org_unit: "east_sales", manager: "u-9" };

describe("visibilityRules", () => {
  const visible = visibilityRules(fields);

  it("evaluates a form's rules on the values as the engine's CEL sees them", () => {
    expect(visible("record.stage == 'lost'", { stage: "lost" }, user)).toBe(true);
    expect(visible("record.stage == 'lost'", { stage: "won" }, user)).toBe(false);
    expect(visible("record.stage in ['won', 'lost']", { stage: "won" }, user)).toBe(true);
    expect(visible("record.amount > 0.0", { amount: 12 }, user)).toBe(true);
    expect(visible("record.done", { done: true }, user)).toBe(true);
    expect(
      visible("record.expected_close < timestamp('2027-01-01T00:00:00Z')", { expected_close: "2026-11-30" }, user),
    ).toBe(true);
    expect(visible("'sales_rep' in user.roles && user.org_unit == 'east_sales'", {}, user)).toBe(true);
  });

  it("holds a rule on an empty field, a field the user may not read, or a broken rule false", () => {
    expect(visible("record.stage == 'lost'", { stage: null }, user)).toBe(false);
    expect(visible("!(record.stage in ['won'])", {}, user)).toBe(false);
    expect(visible("record.secret == 'x'", { secret: "x" }, user)).toBe(false);
    expect(visible("record.stage ==", { stage: "lost" }, user)).toBe(false);
    expect(visible("record.amount > 0.0", { amount: "12" }, user)).toBe(false);
  });
});

describe("defaultValues", () => {
  it("takes literal defaults and evaluates default expressions with the user and the time", () => {
    const values = defaultValues(fields, user, new Date("2026-11-02T10:00:00Z"));
    expect(values).toEqual({ assignee: "u-1", valid_until: "2026-12-02", status: "draft" });
  });
});
