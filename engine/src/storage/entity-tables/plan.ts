import type { ColumnModel, ForeignKey, IndexModel, SqlType, TableModel } from "./model.ts";

/** One step of a migration of a workspace's entity tables. */
export type MigrationAction =
  | { kind: "create_table"; table: string; columns: ColumnModel[] }
  | { kind: "rename_table"; from: string; to: string }
  | { kind: "drop_table"; table: string }
  | { kind: "add_column"; table: string; column: ColumnModel }
  | { kind: "rename_column"; table: string; from: string; to: string }
  | { kind: "drop_column"; table: string; column: string }
  | { kind: "alter_type"; table: string; column: string; from: SqlType; to: SqlType }
  | { kind: "set_not_null"; table: string; column: string; backfill?: unknown }
  | { kind: "drop_not_null"; table: string; column: string }
  | { kind: "add_index"; table: string; index: IndexModel }
  | { kind: "drop_index"; table: string; index: string }
  | { kind: "add_foreign_key"; table: string; column: string; references: ForeignKey }
  | { kind: "drop_foreign_key"; table: string; column: string };
// A foreign key is dropped by its column: its constraint's name is looked up when the plan runs,
// since renaming a table keeps the names its constraints were created with.

/** An action with what makes it unsafe, if anything. */
export type PlannedAction = MigrationAction & {
  /** Why the action can lose data; such actions need an explicit go-ahead. */
  destructive?: string;
};

/**
 * Plans the migration from one set of entity tables to another: a pure diff,
 * ordered so that it can run in one transaction (renames, new tables, column
 * changes, indexes and foreign keys, and drops last). Renames come from
 * `renamedFrom`; anything that may lose data is marked `destructive`.
 *
 * @example
 * const plan = planMigration(entityTables(current), entityTables(next));
 * plan.filter((a) => a.destructive); // [{ kind: "drop_column", table: "customer", column: "fax", destructive: "..." }]
 */
export function planMigration(from: TableModel[], to: TableModel[]): PlannedAction[] {
  const early: PlannedAction[] = [];
  const changes: PlannedAction[] = [];
  const late: PlannedAction[] = [];
  const drops: PlannedAction[] = [];
  const previous = new Map(from.map((t) => [t.name, t]));
  const kept = new Set<string>();
  for (const table of to) {
    const renamed = !previous.has(table.name) && table.renamedFrom ? previous.get(table.renamedFrom) : undefined;
    const old = previous.get(table.name) ?? renamed;
    if (!old) {
      early.push({ kind: "create_table", table: table.name, columns: table.columns });
      for (const column of table.columns) {
        if (column.references)
          late.push({ kind: "add_foreign_key", table: table.name, column: column.name, references: column.references });
      }
      for (const index of table.indexes) late.push({ kind: "add_index", table: table.name, index });
      continue;
    }
    kept.add(old.name);
    if (renamed) early.push({ kind: "rename_table", from: old.name, to: table.name });
    diffTable(old, table, { changes, late, drops });
  }
  for (const table of from) {
    if (!kept.has(table.name)) {
      drops.push({
        kind: "drop_table",
        table: table.name,
        destructive: `drops the table "${table.name}" and every record in it`,
      });
    }
  }
  return [...early, ...changes, ...late, ...drops];
}

function diffTable(
  old: TableModel,
  table: TableModel,
  out: { changes: PlannedAction[]; late: PlannedAction[]; drops: PlannedAction[] },
): void {
  const name = table.name;
  const oldColumns = new Map(old.columns.map((c) => [c.name, c]));
  const keptColumns = new Set<string>();
  for (const column of table.columns) {
    const renamed = !oldColumns.has(column.name) && column.renamedFrom ? oldColumns.get(column.renamedFrom) : undefined;
    const previous = oldColumns.get(column.name) ?? renamed;
    if (!previous) {
      out.changes.push({ kind: "add_column", table: name, column: { ...column, notNull: false } });
      if (column.notNull) out.changes.push(setNotNull(name, column));
      if (column.references)
        out.late.push({ kind: "add_foreign_key", table: name, column: column.name, references: column.references });
      continue;
    }
    keptColumns.add(previous.name);
    if (renamed) out.changes.push({ kind: "rename_column", table: name, from: previous.name, to: column.name });
    if (!sameType(previous.type, column.type)) {
      const narrowing = narrows(previous.type, column.type);
      out.changes.push({
        kind: "alter_type",
        table: name,
        column: column.name,
        from: previous.type,
        to: column.type,
        ...(narrowing
          ? {
              destructive: `changes "${name}.${column.name}" from ${sqlTypeText(previous.type)} to ${sqlTypeText(column.type)}, which ${narrowing}`,
            }
          : {}),
      });
    }
    if (column.notNull && !previous.notNull) out.changes.push(setNotNull(name, column));
    if (!column.notNull && previous.notNull)
      out.changes.push({ kind: "drop_not_null", table: name, column: column.name });
    if (!sameForeignKey(previous.references, column.references)) {
      if (previous.references)
        out.changes.push({ kind: "drop_foreign_key", table: name, column: renamed ? previous.name : column.name });
      if (column.references)
        out.late.push({ kind: "add_foreign_key", table: name, column: column.name, references: column.references });
    }
  }
  for (const column of old.columns) {
    if (!keptColumns.has(column.name)) {
      out.drops.push({
        kind: "drop_column",
        table: name,
        column: column.name,
        destructive: `drops the field "${name}.${column.name}" and its values`,
      });
    }
  }
  const oldIndexes = new Map(old.indexes.map((i) => [i.name, i]));
  const newIndexes = new Map(table.indexes.map((i) => [i.name, i]));
  for (const index of old.indexes) {
    const next = newIndexes.get(index.name);
    if (!next || JSON.stringify(next) !== JSON.stringify(index))
      out.changes.unshift({ kind: "drop_index", table: old.name, index: index.name });
  }
  for (const index of table.indexes) {
    const before = oldIndexes.get(index.name);
    if (!before || JSON.stringify(before) !== JSON.stringify(index))
      out.late.push({ kind: "add_index", table: name, index });
  }
}

function setNotNull(table: string, column: ColumnModel): PlannedAction {
  return {
    kind: "set_not_null",
    table,
    column: column.name,
    ...(column.backfill !== undefined ? { backfill: column.backfill } : {}),
  };
}

function sameType(a: SqlType, b: SqlType): boolean {
  return sqlTypeText(a) === sqlTypeText(b);
}

function sameForeignKey(a: ForeignKey | undefined, b: ForeignKey | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Why a type change can lose data, or `undefined` when it only widens. */
export function narrows(from: SqlType, to: SqlType): string | undefined {
  if (to.base === "text" && ["varchar", "text"].includes(from.base)) return undefined;
  if (from.base === "varchar" && to.base === "varchar") {
    return to.length >= from.length ? undefined : `shortens it from ${from.length} to ${to.length} characters`;
  }
  const digits = (t: SqlType) =>
    t.base === "integer"
      ? { whole: 10, scale: 0 }
      : t.base === "bigint"
        ? { whole: 19, scale: 0 }
        : t.base === "numeric"
          ? t.precision === undefined
            ? { whole: Infinity, scale: Infinity }
            : { whole: t.precision - (t.scale ?? 0), scale: t.scale ?? 0 }
          : undefined;
  const a = digits(from);
  const b = digits(to);
  if (a && b) return b.whole >= a.whole && b.scale >= a.scale ? undefined : "can round or overflow existing numbers";
  return "converts existing values to another kind of data";
}

/**
 * The SQL text of a column type.
 *
 * @example
 * sqlTypeText({ base: "numeric", precision: 20, scale: 2 }); // "numeric(20, 2)"
 */
export function sqlTypeText(type: SqlType): string {
  switch (type.base) {
    case "varchar":
      return `varchar(${type.length})`;
    case "numeric":
      return type.precision === undefined ? "numeric" : `numeric(${type.precision}, ${type.scale ?? 0})`;
    default:
      return type.base;
  }
}
