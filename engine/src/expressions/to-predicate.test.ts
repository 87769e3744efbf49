import { describe, expect, it } from "vitest";
import { conditionPredicate, UntranslatableCondition } from "./to-predicate.ts";

const user = { id: "u1", username: "ana", roles: ["sales_rep"], org_unit: "east", manager: "m1" };

describe("conditionPredicate", () => {
  it("translates comparisons, logic, lists and user values into parameters", () => {
    expect(
      conditionPredicate("record.status != 'closed' && (record.amount > 10.0 || user.id in record.team)", user),
    ).toEqual({
      kind: "and",
      items: [
        {
          kind: "compare",
          op: "<>",
          left: { kind: "column", name: "status" },
          right: { kind: "value", value: "closed" },
        },
        {
          kind: "or",
          items: [
            { kind: "compare", op: ">", left: { kind: "column", name: "amount" }, right: { kind: "value", value: 10 } },
            { kind: "in", left: { kind: "value", value: "u1" }, list: { kind: "column", name: "team" } },
          ],
        },
      ],
    });
    expect(conditionPredicate("!(record.stage in ['won', 'lost'])", user)).toEqual({
      kind: "not",
      item: { kind: "in", left: { kind: "column", name: "stage" }, list: { kind: "value", value: ["won", "lost"] } },
    });
  });

  it("turns null comparisons and has() into IS NULL, and a boolean field into = true", () => {
    expect(conditionPredicate("record.parent == null", user)).toEqual({
      kind: "is_null",
      operand: { kind: "column", name: "parent" },
    });
    expect(conditionPredicate("has(record.parent)", user)).toEqual({
      kind: "not",
      item: { kind: "is_null", operand: { kind: "column", name: "parent" } },
    });
    expect(conditionPredicate("record.active", user)).toEqual({
      kind: "compare",
      op: "=",
      left: { kind: "column", name: "active" },
      right: { kind: "value", value: true },
    });
    expect(conditionPredicate("'sales_rep' in user.roles", user)).toEqual({
      kind: "in",
      left: { kind: "value", value: "sales_rep" },
      list: { kind: "value", value: ["sales_rep"] },
    });
  });

  it("refuses what SQL cannot do", () => {
    expect(() => conditionPredicate("size(record.name) > 3", user)).toThrow(UntranslatableCondition);
    expect(() => conditionPredicate("record.amount * 2.0 > 10.0", user)).toThrow(UntranslatableCondition);
  });
});
