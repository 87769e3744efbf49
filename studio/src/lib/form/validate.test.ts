import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { problemText, validateInput } from "./validate";

// The engine's create schema of a customer as `GET /records/customer/schema` sends it.
const schema = {
  type: "object",
  properties: {
    name: { type: "string", maxLength: 200, minLength: 1 },
    region: { enum: ["east", "north"] },
    annual_revenue: { anyOf: [{ type: "number", minimum: 0 }, { type: "null" }] },
    website: { anyOf: [{ type: "string", format: "uri" }, { type: "null" }] },
    phone: { anyOf: [{ type: "string", pattern: "^\\+?[0-9 ()./-]{3,32}$" }, { type: "null" }] },
  },
  required: ["name", "region"],
  additionalProperties: false,
};

describe("validateInput", () => {
  it("finds what the engine would refuse, one problem per field", () => {
    expect(validateInput(schema, { name: "Hanwha", region: "east", annual_revenue: null })).toEqual([]);
    expect(validateInput(schema, { name: null, region: "east" })).toMatchObject([{ field: "name", code: "required" }]);
    const problems = validateInput(schema, {
      name: "",
      annual_revenue: "lots",
      website: "hanwha",
      phone: "call me",
      fax: "1",
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ["region", "required"],
      ["fax", "unknown_field"],
      ["name", "minLength"],
      ["annual_revenue", "type"],
      ["website", "format"],
      ["phone", "pattern"],
    ]);
  });

  it("says what is wrong in the user's language", () => {
    const problems = validateInput(schema, { name: "x".repeat(201), region: "south", annual_revenue: -5, phone: "?" });
    const zh = translator("zh");
    const text = (field: string, widget: "text" | "select" | "money" | "phone") =>
      problemText(
        problems.find((p) => p.field === field)!,
        { widget },
        zh,
      );
    expect(text("name", "text")).toBe("最多 200 个字符");
    expect(text("region", "select")).toBe("请选择一个选项");
    expect(text("annual_revenue", "money")).toBe("不能小于 0");
    expect(text("phone", "phone")).toBe("请输入电话号码：数字、空格及 + ( ) - .");
    // The server's problems carry no parameters: the field's own limits stand in.
    const server = { field: "name", code: "maxLength", message: '"name" must NOT have more than 200 characters' };
    expect(problemText(server, { widget: "text", maxLength: 200 }, translator("en"))).toBe("At most 200 characters");
    expect(problemText({ field: "x", code: "guard_failed", message: "As the server says" }, undefined, zh)).toBe(
      "As the server says",
    );
  });
});
