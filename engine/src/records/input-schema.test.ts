import { describe, expect, it } from "vitest";
import { builtInCatalog, extendCatalog, validateDefinitionTexts } from "../definitions/index.ts";
import { type DefinitionObjects, helpdeskDefinition, toTexts } from "../definitions/testing.ts";
import { inputSchema, validateInput } from "./input-schema.ts";

const catalog = extendCatalog(builtInCatalog(), "registry", {
  fieldTypes: [
    {
      type: "tax_no",
      description: "Ten digits, the last the sum of the others mod 10.",
      base: "text",
      schema: { pattern: "^[0-9]{10}$" },
      check: (value) => {
        const digits = [...String(value)].map(Number);
        const sum = digits.slice(0, 9).reduce((a, b) => a + b, 0);
        return sum % 10 === digits[9] ? undefined : `the check digit should be ${sum % 10}`;
      },
    },
  ],
});

function helpdeskWithTaxNo() {
  const objects = helpdeskDefinition() as Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  objects["app.json"]!.plugins = ["registry"];
  objects["entities/ticket.json"]!.fields.push({ name: "tax_no", type: "registry.tax_no", label: { en: "Tax no." } });
  const { definition } = validateDefinitionTexts(toTexts(objects as DefinitionObjects), catalog);
  return { ticket: definition!.entities.get("ticket")!, fieldTypes: definition!.pluginFieldTypes };
}

describe("a write's input with a field of a plugin's type", () => {
  const { ticket, fieldTypes } = helpdeskWithTaxNo();
  const problems = (input: Record<string, unknown>) =>
    validateInput(ticket, "create", { subject: "Invoice", ...input }, fieldTypes);

  it("passes a value that fits the base type, the type's schema and its check, and no value at all", () => {
    expect(problems({ tax_no: "1234567895" })).toEqual([]);
    expect(problems({ tax_no: null })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it("refuses a value its schema refuses, without running its check", () => {
    expect(problems({ tax_no: "12345" })).toContainEqual({
      field: "tax_no",
      code: "pattern",
      message: '"tax_no" must match pattern "^[0-9]{10}$"',
    });
    expect(problems({ tax_no: 1234567895 }).map((p) => p.code)).toEqual(["type"]);
  });

  it("refuses a value its check refuses, with the check's words", () => {
    expect(problems({ tax_no: "1234567890" })).toEqual([
      { field: "tax_no", code: "field_type", message: '"tax_no": the check digit should be 5' },
    ]);
    expect(validateInput(ticket, "update", { tax_no: "1234567890" }, fieldTypes)).toHaveLength(1);
    expect(validateInput(ticket, "process_update", { tax_no: "1234567890" }, fieldTypes)).toHaveLength(1);
  });

  it("documents the type's schema in the input schema (the OpenAPI document's)", () => {
    const properties = inputSchema(ticket, "create", fieldTypes).properties as Record<string, unknown>;
    expect(properties.tax_no).toEqual({
      anyOf: [{ type: "string", allOf: [{ pattern: "^[0-9]{10}$" }] }, { type: "null" }],
    });
  });
});
