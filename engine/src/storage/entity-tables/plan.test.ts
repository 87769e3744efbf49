import { describe, expect, it } from "vitest";
import type { Entity } from "../../definitions/index.ts";
import { entityTable } from "./model.ts";
import { narrows, planMigration } from "./plan.ts";
import { actionSql, describeAction } from "./sql.ts";

const en = (text: string) => ({ en: text });
const ticket = (fields: Entity["fields"][number][], extra: Partial<Entity> = {}): Entity => ({
  name: "ticket",
  label: en("Ticket"),
  pluralLabel: en("Tickets"),
  titleField: "subject",
  fields: [{ name: "subject", type: "text", label: en("Subject"), maxLength: 100 }, ...fields],
  ...extra,
});
const plan = (from: Entity[], to: Entity[]) => planMigration(from.map(entityTable), to.map(entityTable));

describe("planMigration", () => {
  it("plans nothing between equal definitions", () => {
    expect(plan([ticket([])], [ticket([])])).toEqual([]);
  });

  it("renames a field declared with renamedFrom instead of dropping it", () => {
    const steps = plan(
      [ticket([{ name: "due", type: "date", label: en("Due") }])],
      [ticket([{ name: "due_on", type: "date", label: en("Due"), renamedFrom: "due" }])],
    );
    expect(steps.map(describeAction)).toEqual(["rename field ticket.due to due_on"]);
    expect(steps.some((s) => s.destructive)).toBe(false);
  });

  it("renames a table declared with renamedFrom", () => {
    const steps = plan([ticket([])], [{ ...ticket([]), name: "case", renamedFrom: "ticket" }]);
    expect(steps.map(describeAction)).toContain("rename table ticket to case");
    expect(steps.some((s) => s.kind === "drop_table")).toBe(false);
  });

  it("widens safely and marks narrowing as destructive", () => {
    const widened = plan(
      [ticket([])],
      [ticket([], { fields: [{ name: "subject", type: "text", label: en("S"), maxLength: 200 }] })],
    );
    expect(widened).toEqual([expect.objectContaining({ kind: "alter_type" })]);
    expect(widened[0]?.destructive).toBeUndefined();
    const narrowed = plan(
      [ticket([])],
      [ticket([], { fields: [{ name: "subject", type: "text", label: en("S"), maxLength: 50 }] })],
    );
    expect(narrowed[0]?.destructive).toContain("shortens it from 100 to 50 characters");
  });

  it("classifies numeric changes", () => {
    expect(narrows({ base: "bigint" }, { base: "numeric", precision: 28, scale: 2 })).toBeUndefined();
    expect(
      narrows({ base: "numeric", precision: 20, scale: 2 }, { base: "numeric", precision: 20, scale: 0 }),
    ).toContain("round");
    expect(narrows({ base: "text" }, { base: "bigint" })).toContain("converts");
  });

  it("drops last, and marks drops destructive", () => {
    const steps = plan(
      [ticket([{ name: "fax", type: "phone", label: en("Fax") }])],
      [ticket([{ name: "email", type: "email", label: en("Email") }])],
    );
    expect(steps.map((s) => s.kind)).toEqual(["add_column", "drop_column"]);
    expect(steps[1]?.destructive).toBe('drops the field "ticket.fax" and its values');
  });

  it("adds a required field nullable, then backfills its default and requires it", () => {
    const steps = plan(
      [ticket([])],
      [ticket([{ name: "urgent", type: "boolean", label: en("Urgent"), required: true, default: false }])],
    );
    expect(steps.flatMap((s) => actionSql("ws_x", s))).toEqual([
      'ALTER TABLE "ws_x"."ticket" ADD COLUMN "urgent" boolean',
      'UPDATE "ws_x"."ticket" SET "urgent" = false WHERE "urgent" IS NULL',
      'ALTER TABLE "ws_x"."ticket" ALTER COLUMN "urgent" SET NOT NULL',
    ]);
  });

  it("creates tables before linking them, so references in any order work", () => {
    const parent = ticket([{ name: "parent", type: "reference", entity: "ticket", label: en("Parent") }]);
    const kinds = plan([], [parent]).map((s) => s.kind);
    expect(kinds.indexOf("create_table")).toBeLessThan(kinds.indexOf("add_foreign_key"));
  });
});
