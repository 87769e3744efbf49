import type { Entity } from "../definitions/index.ts";
import type { WorkspaceContext } from "../records/service.ts";
import type { RecordData } from "../records/values.ts";
import type { Tx } from "./instances.ts";

/**
 * A field of a record as a person reads it in a message: users by name,
 * references by their record's title, times in the app's time zone and
 * language, amounts grouped, enum options by their label.
 *
 * @example
 * await displayValue({ tx, workspace, record }, payment, "due_date"); // "Apr 1, 2026"
 */
export async function displayValue(
  run: { tx: Tx; workspace: WorkspaceContext; record: RecordData },
  entity: Entity,
  name: string,
): Promise<unknown> {
  const value = run.record[name];
  if (value === null || value === undefined) return value;
  const field = entity.fields.find((f) => f.name === name);
  const { tx } = run;
  if (name === "owner" || field?.type === "user") {
    const ids = (Array.isArray(value) ? value : [value]).map(String);
    const rows = await tx<Array<{ name: string }>>`select coalesce(display_name, username) as name from temper.users
      where id = any(${ids}::uuid[])`;
    return rows.map((r) => r.name).join(", ");
  }
  if (field?.type === "reference") {
    const target = run.workspace.definition.entities.get(field.entity);
    if (!target) return value;
    const [row] = await tx`select ${tx(target.titleField)} as title from ${tx(run.workspace.schema)}.${tx(target.name)}
      where id = ${String(value)}`;
    return row?.title ?? value;
  }
  if (field?.type === "datetime" || field?.type === "date" || name.endsWith("_at")) {
    // People read times in the app's time zone and language, not as ISO instants.
    const { app } = run.workspace.definition;
    const options: Intl.DateTimeFormatOptions =
      field?.type === "date"
        ? { dateStyle: "medium", timeZone: "UTC" }
        : { dateStyle: "medium", timeStyle: "short", timeZone: app.timezone ?? "UTC" };
    return new Intl.DateTimeFormat(app.locales[0] ?? "en", options).format(new Date(String(value)));
  }
  const numeric = field?.type === "computed" ? field.resultType : field?.type;
  if (typeof value === "number" && (numeric === "money" || numeric === "number" || numeric === "percent")) {
    const locale = run.workspace.definition.app.locales[0] ?? "en";
    const formatted = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    return numeric === "percent" ? `${formatted}%` : formatted;
  }
  if (field?.type === "enum") {
    const option = field.options.find((o) => (typeof o === "string" ? o : o.value) === value);
    if (option && typeof option !== "string")
      return option.label[run.workspace.definition.app.locales[0] ?? "en"] ?? value;
  }
  return value;
}
