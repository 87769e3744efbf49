import type { ColumnModel, IndexModel } from "./model.ts";
import { type MigrationAction, sqlTypeText } from "./plan.ts";

/**
 * Quotes an identifier for PostgreSQL.
 *
 * @example
 * ident("order"); // '"order"'
 */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a value as an SQL literal (for backfills of literal defaults). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(", ")}]`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

const systemDefaults: Record<string, string> = {
  id: "gen_random_uuid()",
  created_at: "now()",
  updated_at: "now()",
  version: "1",
};

function columnDefinition(column: ColumnModel): string {
  const parts = [ident(column.name), sqlTypeText(column.type)];
  if (column.notNull) parts.push("NOT NULL");
  const fallback = column.system ? systemDefaults[column.name] : undefined;
  if (fallback) parts.push(`DEFAULT ${fallback}`);
  if (column.name === "id" && column.system) parts.push("PRIMARY KEY");
  return parts.join(" ");
}

function indexDefinition(schema: string, table: string, index: IndexModel): string {
  const columns = index.columns
    .map((c) => (index.trigram ? `${ident(c.name)} gin_trgm_ops` : `${ident(c.name)}${c.descending ? " DESC" : ""}`))
    .join(", ");
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${ident(index.name)} ON ${ident(schema)}.${ident(table)}${index.trigram ? " USING gin" : ""} (${columns})`;
}

/**
 * Renders one migration action as SQL statements for a workspace's schema.
 *
 * @example
 * actionSql("ws_acme", { kind: "drop_column", table: "customer", column: "fax" });
 * // ['ALTER TABLE "ws_acme"."customer" DROP COLUMN "fax"']
 */
export function actionSql(schema: string, action: MigrationAction): string[] {
  const table = (name: string) => `${ident(schema)}.${ident(name)}`;
  switch (action.kind) {
    case "create_table":
      return [`CREATE TABLE ${table(action.table)} (${action.columns.map(columnDefinition).join(", ")})`];
    case "rename_table":
      return [`ALTER TABLE ${table(action.from)} RENAME TO ${ident(action.to)}`];
    case "drop_table":
      return [`DROP TABLE ${table(action.table)}`];
    case "add_column":
      return [`ALTER TABLE ${table(action.table)} ADD COLUMN ${columnDefinition(action.column)}`];
    case "rename_column":
      return [`ALTER TABLE ${table(action.table)} RENAME COLUMN ${ident(action.from)} TO ${ident(action.to)}`];
    case "drop_column":
      return [`ALTER TABLE ${table(action.table)} DROP COLUMN ${ident(action.column)}`];
    case "alter_type": {
      const type = sqlTypeText(action.to);
      return [
        `ALTER TABLE ${table(action.table)} ALTER COLUMN ${ident(action.column)} TYPE ${type} USING ${ident(action.column)}::${type}`,
      ];
    }
    case "set_not_null":
      return [
        ...(action.backfill !== undefined
          ? [
              `UPDATE ${table(action.table)} SET ${ident(action.column)} = ${literal(action.backfill)} WHERE ${ident(action.column)} IS NULL`,
            ]
          : []),
        `ALTER TABLE ${table(action.table)} ALTER COLUMN ${ident(action.column)} SET NOT NULL`,
      ];
    case "drop_not_null":
      return [`ALTER TABLE ${table(action.table)} ALTER COLUMN ${ident(action.column)} DROP NOT NULL`];
    case "add_index":
      return [indexDefinition(schema, action.table, action.index)];
    case "drop_index":
      return [`DROP INDEX ${ident(schema)}.${ident(action.index)}`];
    case "add_foreign_key": {
      const target =
        action.references.table.schema === "temper"
          ? `"temper".${ident(action.references.table.name)}`
          : table(action.references.table.name);
      const name = `${action.table}_${action.column}_fkey`.slice(0, 63);
      return [
        `ALTER TABLE ${table(action.table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(action.column)}) REFERENCES ${target} ("id") ON DELETE ${action.references.onDelete.toUpperCase()}`,
      ];
    }
    case "drop_foreign_key": {
      const relation = literal(table(action.table));
      return [
        `DO $$ DECLARE c text; BEGIN SELECT conname INTO c FROM pg_constraint WHERE conrelid = ${relation}::regclass AND contype = 'f' AND conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = ${relation}::regclass AND attname = ${literal(action.column)})]; IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ${relation}, c); END IF; END $$`,
      ];
    }
  }
}

/**
 * Describes an action in one line for people, as `temper publish` prints a plan.
 *
 * @example
 * describeAction({ kind: "add_column", table: "customer", column: { name: "vip", ... } }); // "add field customer.vip (boolean)"
 */
export function describeAction(action: MigrationAction): string {
  switch (action.kind) {
    case "create_table":
      return `create table ${action.table} (${action.columns.length} columns)`;
    case "rename_table":
      return `rename table ${action.from} to ${action.to}`;
    case "drop_table":
      return `drop table ${action.table}`;
    case "add_column":
      return `add field ${action.table}.${action.column.name} (${sqlTypeText(action.column.type)})`;
    case "rename_column":
      return `rename field ${action.table}.${action.from} to ${action.to}`;
    case "drop_column":
      return `drop field ${action.table}.${action.column}`;
    case "alter_type":
      return `change ${action.table}.${action.column} from ${sqlTypeText(action.from)} to ${sqlTypeText(action.to)}`;
    case "set_not_null":
      return `make ${action.table}.${action.column} required${action.backfill !== undefined ? ` (empty values become ${JSON.stringify(action.backfill)})` : ""}`;
    case "drop_not_null":
      return `make ${action.table}.${action.column} optional`;
    case "add_index":
      return `add ${action.index.unique ? "unique " : ""}${action.index.trigram ? "search " : ""}index ${action.index.name}`;
    case "drop_index":
      return `drop index ${action.index}`;
    case "add_foreign_key":
      return `link ${action.table}.${action.column} to ${action.references.table.name}`;
    case "drop_foreign_key":
      return `unlink ${action.table}.${action.column}`;
  }
}
