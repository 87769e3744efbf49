import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { customer } from "../testing";
import type { FieldDef, FieldType } from "../types";
import { editableFields, formLayout } from "./layout";
import { stepOf, widgetOf } from "./widgets";

const field = (type: FieldType, extra: Partial<FieldDef> = {}): FieldDef => ({ name: "f", type, label: {}, ...extra });

describe("widgetOf", () => {
  it("picks a widget for every field type", () => {
    const widgets = (
      [
        ["text", {}, "text"],
        ["text", { maxLength: 2000 }, "textarea"],
        ["long_text", {}, "textarea"],
        ["number", {}, "number"],
        ["money", {}, "money"],
        ["percent", {}, "percent"],
        ["date", {}, "date"],
        ["datetime", {}, "datetime"],
        ["boolean", {}, "checkbox"],
        ["enum", {}, "select"],
        ["multi_enum", {}, "checkboxes"],
        ["email", {}, "email"],
        ["phone", {}, "phone"],
        ["url", {}, "url"],
        ["reference", { entity: "customer" }, "reference"],
        ["user", {}, "user"],
        ["user", { multiple: true }, "users"],
        ["attachment", {}, "display"],
        ["computed", { resultType: "money" }, "display"],
      ] as Array<[FieldType, Partial<FieldDef>, string]>
    ).map(([type, extra, expected]) => [type, widgetOf(field(type, extra)), expected]);
    for (const [type, actual, expected] of widgets) expect(actual, type).toBe(expected);
  });

  it("steps number boxes by the field's scale", () => {
    expect(stepOf(field("money", { scale: 2 }))).toBe("0.01");
    expect(stepOf(field("percent", { scale: 0 }))).toBe("1");
    expect(stepOf(field("number"))).toBe("any");
  });
});

describe("formLayout", () => {
  const ctx = { locale: "zh", fallbacks: ["en", "zh"], t: translator("zh"), currency: "CNY" };

  it("lays out the form view's sections in order, read-only where the user may not write", () => {
    const entity = customer();
    entity.views.forms = [
      {
        name: "main",
        sections: [
          {
            name: "basics",
            label: { en: "Basics", zh: "基本信息" },
            fields: ["region", "name", { field: "annual_revenue", visibleWhen: "record.region == 'east'" }, "secret"],
          },
          { name: "more", label: { en: "More" }, columns: 1, visibleWhen: "record.active", fields: ["notes", "team"] },
        ],
      },
    ];
    const sections = formLayout(entity, { ...ctx, writable: ["name", "region", "annual_revenue", "notes"] });
    expect(sections.map((s) => [s.name, s.label, s.columns])).toEqual([
      ["basics", "基本信息", 2],
      ["more", "More", 1],
    ]);
    const [region, name, revenue] = sections[0]!.fields;
    expect(sections[0]!.fields).toHaveLength(3);
    expect(region).toMatchObject({ widget: "select", label: "销售大区", readOnly: false });
    expect(region!.options).toEqual([
      { value: "east", label: "华东" },
      { value: "north", label: "华北" },
    ]);
    expect(name).toMatchObject({ label: "公司名称", widget: "text", readOnly: false });
    expect(revenue).toMatchObject({
      widget: "money",
      currency: "CNY",
      step: "0.01",
      visibleWhen: "record.region == 'east'",
    });
    expect(sections[1]!.fields.map((f) => [f.name, f.readOnly, f.full])).toEqual([
      ["notes", false, true],
      ["team", true, true],
    ]);

    const holds = (rule: string) => rule === "record.active";
    expect(editableFields(sections, holds).map((f) => f.name)).toEqual(["region", "name", "notes"]);
  });

  it("puts every field in one section for an entity without a form view", () => {
    const sections = formLayout(customer(), { ...ctx, writable: [] });
    expect(sections).toHaveLength(1);
    expect(sections[0]!.fields.map((f) => f.name)).toEqual(customer().fields.map((f) => f.name));
    expect(sections[0]!.fields.every((f) => f.readOnly)).toBe(true);
  });
});
