import { describe, expect, it } from "vitest";
import { checkExpression, compileExpression, createExpressionEnvironment } from "./index.ts";

const env = createExpressionEnvironment({
  record: { amount: "double", stage: "string", tags: "list<string>" },
  user: { roles: "list<string>" },
});

describe("expressions", () => {
  it("type-checks against the declared variables", () => {
    expect(checkExpression(env, "record.amount > 1000.0 && record.stage == 'won'")).toEqual({ ok: true, type: "bool" });
    expect(checkExpression(env, "record.amount")).toEqual({ ok: true, type: "double" });
  });

  it("names unknown fields and variables", () => {
    expect(checkExpression(env, "record.amout > 1.0")).toEqual({
      ok: false,
      kind: "type",
      message: "No such key: amout",
    });
    expect(checkExpression(env, "secret > 1")).toEqual({
      ok: false,
      kind: "type",
      message: "Unknown variable: secret",
    });
  });

  it("tells syntax errors from type errors", () => {
    expect(checkExpression(env, "record.amount >")).toMatchObject({ ok: false, kind: "syntax" });
    expect(checkExpression(env, "record.stage + 1")).toMatchObject({ ok: false, kind: "type" });
  });

  it("evaluates compiled expressions and never runs code", () => {
    const isBig = compileExpression(env, "record.amount > 1000.0 && 'vip' in record.tags");
    expect(isBig({ record: { amount: 5000, stage: "x", tags: ["vip"] }, user: { roles: [] } })).toBe(true);
    expect(isBig({ record: { amount: 10, stage: "x", tags: ["vip"] }, user: { roles: [] } })).toBe(false);
    expect(checkExpression(env, "process.exit(1)").ok).toBe(false);
  });
});
