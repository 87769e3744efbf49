import { describe, expect, it } from "vitest";
import { builtInCatalog, extendCatalog } from "./catalog/index.ts";
import type { FieldTypeDeclaration } from "./catalog/types.ts";
import { type DefinitionObjects, helpdeskDefinition, toTexts } from "./testing.ts";
import { validateDefinitionTexts } from "./validate.ts";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Ten digits whose last is the sum of the other nine, mod 10. */
const taxNo: FieldTypeDeclaration = {
  type: "tax_no",
  description: "A tax number with a check digit.",
  base: "text",
  schema: { pattern: "^[0-9]{10}$" },
  check: (value) => {
    const digits = [...String(value)].map(Number);
    const sum = digits.slice(0, 9).reduce((a, b) => a + b, 0);
    return sum % 10 === digits[9] ? undefined : `the check digit should be ${sum % 10}`;
  },
};

const catalog = extendCatalog(builtInCatalog(), "registry", { fieldTypes: [taxNo] });

/** The helpdesk with the registry plugin enabled and a `tax_no` field (the 8th) of the type `type`. */
function validateWith(type: string, change: (d: Record<string, Obj>) => void = () => {}) {
  const objects = helpdeskDefinition() as Record<string, Obj>;
  objects["app.json"]!.plugins = ["registry"];
  objects["entities/ticket.json"]!.fields.push({ name: "tax_no", type, label: { en: "Tax no." }, unique: true });
  change(objects);
  return validateDefinitionTexts(toTexts(objects as DefinitionObjects), catalog);
}

const errorsOf = (result: ReturnType<typeof validateWith>) =>
  result.findings.filter((f) => f.severity === "error").map((f) => [f.code, f.file, f.pointer, f.message]);

describe("plugins' field types in entities", () => {
  it("expands a field of a plugin's type to its base type and remembers which type it was", () => {
    const result = validateWith("registry.tax_no");
    expect(errorsOf(result)).toEqual([]);
    const field = result.definition?.entities.get("ticket")?.fields[7];
    expect(field).toEqual({ name: "tax_no", type: "text", label: { en: "Tax no." }, unique: true });
    expect(result.definition?.pluginFieldTypes.get("ticket.tax_no")).toEqual({
      type: "registry.tax_no",
      declaration: taxNo,
    });
  });

  it("checks the field's properties against its base type", () => {
    expect(errorsOf(validateWith("registry.tax_no", (d) => (d["entities/ticket.json"]!.fields[7].min = 1)))).toEqual([
      ["schema.unknown-property", "entities/ticket.json", "/fields/7/min", 'unknown property "min"'],
    ]);
  });

  it("reports a type the catalog does not know at the field's type, with a suggestion, and nothing else about it", () => {
    const result = validateWith("registry.tax_on", (d) => delete d["entities/ticket.json"]!.fields[0].label);
    expect(errorsOf(result)).toEqual([
      ["schema.required", "entities/ticket.json", "/fields/0", 'missing required property "label"'],
      [
        "ref.field-type",
        "entities/ticket.json",
        "/fields/7/type",
        'unknown field type "registry.tax_on"; did you mean "registry.tax_no"?; the enabled plugins declare "registry.tax_no"',
      ],
    ]);
    expect(result.definition).toBeUndefined();
  });

  it("refuses a type of a plugin that app.json does not enable, even one the engine knows", () => {
    const result = validateWith("registry.tax_no", (d) => delete d["app.json"]!.plugins);
    expect(errorsOf(result)).toEqual([
      [
        "ref.plugin",
        "entities/ticket.json",
        "/fields/7/type",
        '"registry.tax_no" belongs to the plugin "registry", which app.json does not list in "plugins"',
      ],
    ]);
  });

  it("checks a default against the type's schema and its check", () => {
    const withDefault = (value: string) =>
      errorsOf(validateWith("registry.tax_no", (d) => (d["entities/ticket.json"]!.fields[7].default = value)));
    expect(withDefault("1234567895")).toEqual([]);
    expect(withDefault("12345")).toEqual([
      [
        "field.invalid-default",
        "entities/ticket.json",
        "/fields/7/default",
        expect.stringContaining("registry.tax_no"),
      ],
    ]);
    expect(withDefault("1234567890")).toEqual([
      [
        "field.invalid-default",
        "entities/ticket.json",
        "/fields/7/default",
        "the default of a registry.tax_no field: the check digit should be 5",
      ],
    ]);
  });
});
