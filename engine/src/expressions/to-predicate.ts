import type { ASTNode } from "@marcbachmann/cel-js";
import { Environment } from "@marcbachmann/cel-js";
import { and, type Comparison, type Operand, or, type Predicate } from "./predicate.ts";

/** What `user` holds in a permission condition. */
export interface ConditionUser {
  id: string;
  username: string;
  roles: string[];
  org_unit: string | null;
  manager: string | null;
}

/** A condition that cannot run in SQL, with why. */
export class UntranslatableCondition extends Error {
  override name = "UntranslatableCondition";
}

const comparisons: Record<string, Comparison> = { "==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
const parser = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

function operand(node: ASTNode, user: ConditionUser): Operand {
  if (node.op === "value")
    return { kind: "value", value: typeof node.args === "bigint" ? Number(node.args) : node.args };
  if (node.op === "list") return { kind: "value", value: (node.args as ASTNode[]).map((item) => value(item, user)) };
  if (node.op === "-_") return { kind: "value", value: -Number(value(node.args as ASTNode, user)) };
  if (node.op === ".") {
    const [target, field] = node.args as [ASTNode, string];
    if (target.op === "id" && target.args === "record") return { kind: "column", name: field };
    if (target.op === "id" && target.args === "user") {
      if (!(field in user)) throw new UntranslatableCondition(`user has no "${field}"`);
      return { kind: "value", value: user[field as keyof ConditionUser] };
    }
  }
  throw new UntranslatableCondition(
    `only record fields, user properties, literals and lists can be compared (at "${node.op}")`,
  );
}

function value(node: ASTNode, user: ConditionUser): unknown {
  const result = operand(node, user);
  if (result.kind !== "value") throw new UntranslatableCondition("a list may hold only literals and user properties");
  return result.value;
}

function translate(node: ASTNode, user: ConditionUser): Predicate {
  switch (node.op) {
    case "&&":
      return and((node.args as ASTNode[]).map((n) => translate(n, user)));
    case "||":
      return or((node.args as ASTNode[]).map((n) => translate(n, user)));
    case "!_":
      return { kind: "not", item: translate(node.args as ASTNode, user) };
    case "value":
      if (typeof node.args === "boolean") return { kind: node.args ? "true" : "false" };
      break;
    case ".": {
      // A boolean field or user property on its own: `record.active`.
      const alone = operand(node, user);
      if (alone.kind === "column")
        return { kind: "compare", op: "=", left: alone, right: { kind: "value", value: true } };
      if (typeof alone.value === "boolean") return { kind: alone.value ? "true" : "false" };
      break;
    }
    case "in":
      return {
        kind: "in",
        left: operand((node.args as ASTNode[])[0]!, user),
        list: operand((node.args as ASTNode[])[1]!, user),
      };
    case "call": {
      const [name, args] = node.args as [string, ASTNode[]];
      if (name === "has" && args.length === 1)
        return { kind: "not", item: { kind: "is_null", operand: operand(args[0]!, user) } };
      throw new UntranslatableCondition(`the function ${name}() cannot be used in a permission condition`);
    }
    default: {
      const op = comparisons[node.op];
      if (op) {
        const [left, right] = (node.args as ASTNode[]).map((n) => operand(n, user)) as [Operand, Operand];
        const nullSide = [left, right].find((o) => o.kind === "value" && o.value === null);
        const other = nullSide === left ? right : left;
        if (nullSide && (op === "=" || op === "<>")) {
          const isNull: Predicate = { kind: "is_null", operand: other };
          return op === "=" ? isNull : { kind: "not", item: isNull };
        }
        return { kind: "compare", op, left, right };
      }
    }
  }
  throw new UntranslatableCondition(`"${node.op}" cannot be used in a permission condition`);
}

/**
 * Translates a permission condition (CEL over `record` and `user`) into a
 * predicate the database evaluates, with the user's values as parameters:
 * comparisons, `&&`, `||`, `!`, `in` (lists, multi-value fields, `user.roles`)
 * and `has()`. Anything else is refused when the definition is validated.
 *
 * @example
 * conditionPredicate("record.status != 'closed' && user.id in record.team", user);
 */
export function conditionPredicate(source: string, user: ConditionUser): Predicate {
  return translate(parser.parse(source).ast, user);
}

/** A user with placeholder values, to check that a condition translates at all. */
export const placeholderUser: ConditionUser = { id: "", username: "", roles: [], org_unit: null, manager: null };
