import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { validateInput } from "../form/validate";
import type { EntityDef } from "../types";
import { eventData, eventFields } from "./event-form";

const lead: EntityDef = {
  name: "lead",
  label: { en: "Lead" },
  pluralLabel: { en: "Leads" },
  titleField: "name",
  fields: [
    { name: "name", type: "text", label: { en: "Name" } },
    {
      name: "lost_reason",
      type: "enum",
      label: { en: "Reason lost", zh: "流失原因" },
      options: [
        { value: "no_budget", label: { en: "No budget", zh: "无预算" } },
        { value: "no_need", label: { en: "No need" } },
        { value: "other", label: { en: "Other" } },
      ],
    },
    { name: "signed_on", type: "date", label: { en: "Signed on", zh: "签署日期" } },
  ],
  access: { create: true, read: true, update: true, delete: true },
  writable: [],
  events: {},
  views: { lists: [], forms: [], boards: [] },
};
const ctx = (locale: string) => ({ locale, fallbacks: ["en", "zh", "ko"], t: translator(locale) });

describe("eventFields", () => {
  it("asks for each property of an event's data with a box that fits it", () => {
    const schema = {
      type: "object",
      required: ["reason", "signed_on"],
      properties: {
        reason: { enum: ["no_budget", "no_need"] },
        comment: { type: "string", maxLength: 2000 },
        signatory: { type: "string", maxLength: 100 },
        signed_on: { type: "string", format: "date" },
        amount: { type: "number", exclusiveMinimum: 0 },
        paid: { type: "boolean" },
        method: { oneOf: [{ const: "wire", title: "Bank transfer" }, { const: "cash" }] },
        extra: { type: "object" },
      },
    };
    const fields = eventFields(schema, lead, ctx("zh"));
    expect(fields.map((f) => [f.name, f.widget, f.required])).toEqual([
      ["reason", "select", true],
      ["comment", "textarea", false],
      ["signatory", "text", false],
      ["signed_on", "date", true],
      ["amount", "number", false],
      ["paid", "checkbox", false],
      ["method", "select", false],
    ]);
    expect(fields[0]).toMatchObject({
      label: "流失原因",
      options: [
        { value: "no_budget", label: "无预算" },
        { value: "no_need", label: "No need" },
      ],
    });
    expect(fields[1]!.label).toBe("Comment");
    expect(fields[3]!.label).toBe("签署日期");
    expect(fields[4]).toMatchObject({ min: 0, step: "any" });
    expect(fields[6]!.options).toEqual([
      { value: "wire", label: "Bank transfer" },
      { value: "cash", label: "Cash" },
    ]);
    expect(eventFields(undefined, lead, ctx("en"))).toEqual([]);
  });

  it("reads the form back as the event's data, which the schema then checks", () => {
    const schema = {
      type: "object",
      required: ["reason"],
      properties: {
        reason: { type: "string", minLength: 1, maxLength: 2000 },
        due: { type: "string", format: "date" },
      },
      additionalProperties: false,
    };
    const fields = eventFields(schema, lead, ctx("en"));
    const filled = eventData(fields, { reason: ["Budget moved to 2027"], due: [""] }, "Asia/Shanghai");
    expect(filled).toEqual({ reason: "Budget moved to 2027" });
    expect(validateInput(schema, filled)).toEqual([]);
    const empty = eventData(fields, { reason: ["  "], due: ["2026-13-45"] }, "Asia/Shanghai");
    expect(validateInput(schema, empty).map((p) => [p.field, p.code])).toEqual([
      ["reason", "required"],
      ["due", "format"],
    ]);
  });
});
