import type { Definition, Entity, Field } from "../../definitions/index.ts";

/** A column type as PostgreSQL knows it. */
export type SqlType =
  | { base: "text" }
  | { base: "varchar"; length: number }
  | { base: "numeric"; precision?: number; scale?: number }
  | { base: "bigint" }
  | { base: "integer" }
  | { base: "boolean" }
  | { base: "date" }
  | { base: "timestamptz" }
  | { base: "uuid" }
  | { base: "uuid[]" }
  | { base: "text[]" }
  | { base: "jsonb" };

/** A foreign key from a column to a table's `id`. */
export interface ForeignKey {
  /** The referenced table: an entity of the same workspace, or the platform's users. */
  table: { schema: "workspace" | "temper"; name: string };
  onDelete: "restrict" | "set null" | "cascade";
}

export interface ColumnModel {
  name: string;
  type: SqlType;
  notNull: boolean;
  /** A literal to fill existing rows with when the column is added as required. */
  backfill?: unknown;
  references?: ForeignKey;
  renamedFrom?: string;
  system?: boolean;
}

export interface IndexModel {
  name: string;
  columns: Array<{ name: string; descending?: boolean }>;
  unique: boolean;
  /** A trigram index for text search on the title field. */
  trigram?: boolean;
}

/** The table an entity becomes. */
export interface TableModel {
  name: string;
  renamedFrom?: string;
  columns: ColumnModel[];
  indexes: IndexModel[];
}

const uuidType: SqlType = { base: "uuid" };
const users: ForeignKey = { table: { schema: "temper", name: "users" }, onDelete: "restrict" };

const systemColumns: ColumnModel[] = [
  { name: "id", type: uuidType, notNull: true, system: true },
  { name: "owner", type: uuidType, notNull: true, references: users, system: true },
  { name: "created_at", type: { base: "timestamptz" }, notNull: true, system: true },
  { name: "created_by", type: uuidType, notNull: true, references: users, system: true },
  { name: "updated_at", type: { base: "timestamptz" }, notNull: true, system: true },
  { name: "updated_by", type: uuidType, notNull: true, references: users, system: true },
  { name: "version", type: { base: "integer" }, notNull: true, system: true },
];

const onDelete = { restrict: "restrict", set_null: "set null", cascade: "cascade" } as const;

/**
 * The PostgreSQL type of a field's column.
 *
 * @example
 * sqlTypeOfField({ name: "amount", type: "money", label: { en: "Amount" } }); // { base: "numeric", precision: 20, scale: 2 }
 */
export function sqlTypeOfField(field: Field): SqlType {
  switch (field.type) {
    case "text":
    case "email":
    case "phone":
    case "url":
      return field.maxLength ? { base: "varchar", length: field.maxLength } : { base: "text" };
    case "long_text":
    case "enum":
      return { base: "text" };
    case "number":
      if (field.scale === 0) return { base: "bigint" };
      return field.scale === undefined ? { base: "numeric" } : { base: "numeric", precision: 28, scale: field.scale };
    case "money":
      return { base: "numeric", precision: 20, scale: field.scale ?? 2 };
    case "percent":
      return { base: "numeric", precision: 9, scale: field.scale ?? 2 };
    case "date":
      return { base: "date" };
    case "datetime":
      return { base: "timestamptz" };
    case "boolean":
      return { base: "boolean" };
    case "multi_enum":
      return { base: "text[]" };
    case "reference":
      return uuidType;
    case "user":
      return field.multiple ? { base: "uuid[]" } : uuidType;
    case "attachment":
      return { base: "jsonb" };
    case "computed": {
      const { resultType, scale } = field;
      return sqlTypeOfField({ ...field, type: resultType === "text" ? "text" : resultType, scale } as Field);
    }
  }
}

function fieldColumn(field: Field): ColumnModel {
  const column: ColumnModel = {
    name: field.name,
    type: sqlTypeOfField(field),
    notNull: field.type !== "computed" && field.required === true,
  };
  if (field.renamedFrom) column.renamedFrom = field.renamedFrom;
  if (column.notNull && "default" in field && field.default !== undefined) column.backfill = field.default;
  if (field.type === "reference") {
    column.references = {
      table: { schema: "workspace", name: field.entity },
      onDelete: onDelete[field.onDelete ?? "restrict"],
    };
  } else if (field.type === "user" && !field.multiple) {
    column.references = { ...users, onDelete: "set null" };
  }
  return column;
}

/**
 * A deterministic index name within PostgreSQL's 63-byte limit.
 *
 * @example
 * indexName("customer", ["owner"]); // "customer_owner_idx"
 */
export function indexName(table: string, columns: string[], suffix = "idx"): string {
  const name = `${table}_${columns.join("_")}_${suffix}`;
  if (name.length <= 63) return name;
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${name.slice(0, 54)}_${hash.toString(36).padStart(7, "0").slice(0, 7)}`.slice(0, 63);
}

/**
 * The table of an entity: system columns, a column per field, and the indexes
 * every entity gets (newest first for keyset paging, overall and per owner, every reference,
 * unique fields, a trigram index on the title) plus the declared ones.
 *
 * @example
 * entityTable(definition.entities.get("customer")!).columns.map((c) => c.name); // ["id", "owner", ..., "name", ...]
 */
export function entityTable(entity: Entity): TableModel {
  const columns = [...systemColumns, ...entity.fields.map(fieldColumn)];
  const indexes: IndexModel[] = [
    // Named as when it held the owner alone (platform migration 0008 changed existing tables to match).
    {
      name: indexName(entity.name, ["owner"]),
      columns: [{ name: "owner" }, { name: "updated_at", descending: true }, { name: "id", descending: true }],
      unique: false,
    },
    {
      name: indexName(entity.name, ["updated_at", "id"]),
      columns: [
        { name: "updated_at", descending: true },
        { name: "id", descending: true },
      ],
      unique: false,
    },
  ];
  for (const field of entity.fields) {
    if (field.type === "reference" || (field.type === "user" && !field.multiple)) {
      indexes.push({ name: indexName(entity.name, [field.name]), columns: [{ name: field.name }], unique: false });
    }
    if (field.type !== "computed" && field.unique) {
      indexes.push({
        name: indexName(entity.name, [field.name], "key"),
        columns: [{ name: field.name }],
        unique: true,
      });
    }
  }
  for (const declared of entity.indexes ?? []) {
    const name = indexName(entity.name, declared.fields, declared.unique ? "key" : "idx");
    if (!indexes.some((i) => i.name === name)) {
      indexes.push({ name, columns: declared.fields.map((f) => ({ name: f })), unique: declared.unique ?? false });
    }
  }
  indexes.push({
    name: indexName(entity.name, [entity.titleField], "trgm"),
    columns: [{ name: entity.titleField }],
    unique: false,
    trigram: true,
  });
  return { name: entity.name, ...(entity.renamedFrom ? { renamedFrom: entity.renamedFrom } : {}), columns, indexes };
}

/** The tables of every entity of a definition. */
export function entityTables(definition: Definition): TableModel[] {
  return [...definition.entities.values()].map(entityTable);
}
