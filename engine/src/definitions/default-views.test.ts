import { describe, expect, it } from "vitest";
import type { Entity } from "./generated/format.ts";
import { defaultForm, defaultList, viewsWithDefaults } from "./default-views.ts";

const ticket = {
  name: "ticket",
  label: { en: "Ticket" },
  pluralLabel: { en: "Tickets" },
  titleField: "subject",
  fields: [
    { name: "number", type: "text", label: { en: "Number" } },
    { name: "subject", type: "text", label: { en: "Subject" }, required: true },
    { name: "details", type: "long_text", label: { en: "Details" } },
    { name: "tags", type: "multi_enum", label: { en: "Tags" }, options: [{ value: "a", label: { en: "A" } }] },
    { name: "status", type: "enum", label: { en: "Status" }, options: [{ value: "open", label: { en: "Open" } }] },
    { name: "amount", type: "money", label: { en: "Amount" } },
  ],
} as Entity;

describe("generated views", () => {
  it("list the title first, then short fields, the owner and the last change, newest first", () => {
    const list = defaultList(ticket);
    expect(list.columns).toEqual(["subject", "number", "status", "amount", "owner", "updated_at"]);
    expect(list.sort).toEqual([{ field: "updated_at", direction: "desc" }]);
    expect(list.label).toEqual({ en: "Tickets" });
  });

  it("put every field on a form, long text at full width", () => {
    const fields = defaultForm(ticket).sections[0].fields;
    expect(fields).toHaveLength(6);
    expect(fields[2]).toEqual({ field: "details", width: "full" });
  });

  it("fill in only what a views file leaves out", () => {
    const list = { name: "open", label: { en: "Open" }, columns: ["subject"] as [string] };
    const views = viewsWithDefaults(ticket, { entity: "ticket", lists: [list] });
    expect(views.lists).toEqual([list]);
    expect(views.forms[0]!.name).toBe("main");
    expect(views.boards).toEqual([]);
    expect(viewsWithDefaults(ticket, undefined).lists[0]!.name).toBe("all");
  });
});
