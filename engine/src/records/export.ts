import { stringify } from "csv-stringify/sync";
import type { Definition, Entity } from "../definitions/index.ts";
import { isSystemField, systemFields } from "../definitions/index.ts";
import { didYouMean } from "../definitions/suggest.ts";
import { EngineError } from "../errors.ts";
import { formatCell } from "./import-convert.ts";
import type { ListQuery } from "./list-query.ts";
import { type Actor, entityOrThrow, type RecordService } from "./service.ts";
import type { RecordData } from "./values.ts";

export interface ExportOptions {
  entity: string;
  /** `csv` (a header row of field names, then a row per record) or `json` (an array of records). Default csv. */
  format?: "csv" | "json";
  /** Which records, in which order: as for a list (no limit: every matching record). */
  query?: Pick<ListQuery, "filters" | "sort" | "search">;
  /** The columns, in order (default: id, every field, then the other system fields). */
  fields?: string[];
  /** For reference columns: write this field of the referenced record instead of its id (as `import --ref` reads it). */
  refs?: Record<string, string>;
  /** Start a CSV with a UTF-8 byte order mark, so that Excel reads non-Latin text right. */
  bom?: boolean;
}

const pageSize = 200;

function columnsOf(entity: Entity, fields: string[] | undefined, readable: (field: string) => boolean): string[] {
  // A field the actor may not read is treated as one that does not exist.
  const names = entity.fields.map((f) => f.name).filter(readable);
  const columns = fields ?? ["id", ...names, ...Object.keys(systemFields).filter((n) => n !== "id" && readable(n))];
  for (const column of columns) {
    if (!readable(column) || (!names.includes(column) && !isSystemField(column))) {
      throw new EngineError("bad_request", `"${entity.name}" has no field "${column}"${didYouMean(column, names)}`, {
        problems: [{ field: column, code: "unknown_field", message: `no field "${column}"` }],
      });
    }
  }
  return columns;
}

function refsOf(
  definition: Definition,
  entity: Entity,
  refs: Record<string, string>,
  readable: (field: string) => boolean,
  targetReadable: (entity: string, field: string) => boolean,
) {
  return Object.entries(refs).map(([column, by]) => {
    const field = readable(column) ? entity.fields.find((f) => f.name === column) : undefined;
    if (field?.type !== "reference")
      throw new EngineError("bad_request", `ref ${column}: "${column}" is not a reference field of ${entity.name}`);
    const target = entityOrThrow(definition, field.entity);
    if (!target.fields.some((f) => f.name === by) || !targetReadable(target.name, by))
      throw new EngineError(
        "bad_request",
        `ref ${column}: "${target.name}" has no field "${by}"${didYouMean(
          by,
          target.fields.map((f) => f.name),
        )}`,
        { problems: [{ field: by, code: "unknown_field", message: `no field "${by}"` }] },
      );
    return { column, target: target.name, by };
  });
}

/**
 * Exports the records of an entity that a list query matches, as CSV or a
 * JSON array, in chunks (a page of records each), through the records
 * service's list: memory stays flat however many records there are. The
 * first chunk comes after the first page is read, so a bad query fails
 * before anything is written. Returns the number of records exported.
 *
 * @example
 * const chunks = exportRecords(records, definition, actor, {
 *   entity: "customer",
 *   query: { filters: [{ field: "region", op: "eq", value: "east" }], sort: [{ field: "name", direction: "asc" }] },
 *   refs: { parent: "customer_no" },
 * });
 * for await (const chunk of chunks) process.stdout.write(chunk);
 */
export async function* exportRecords(
  records: RecordService,
  definition: Definition,
  actor: Actor,
  options: ExportOptions,
): AsyncGenerator<string, number> {
  const entity = entityOrThrow(definition, options.entity);
  const guard = await records.guard(actor, entity.name);
  if (!guard.may("read"))
    throw new EngineError("forbidden", `your roles may not read ${entity.pluralLabel.en ?? entity.name}`);
  const columns = columnsOf(entity, options.fields, guard.readable);
  const targetGuards = new Map<string, Awaited<ReturnType<RecordService["guard"]>>>();
  for (const name of new Set(entity.fields.flatMap((f) => (f.type === "reference" ? [f.entity] : [])))) {
    targetGuards.set(name, await records.guard(actor, name));
  }
  const refs = refsOf(
    definition,
    entity,
    options.refs ?? {},
    guard.readable,
    (target, field) => targetGuards.get(target)?.readable(field) ?? false,
  );
  const fields = new Map(entity.fields.map((f) => [f.name, f]));
  const json = options.format === "json";

  async function withRefs(page: RecordData[]): Promise<RecordData[]> {
    for (const { column, target, by } of refs) {
      const ids = [...new Set(page.map((r) => r[column]).filter((id) => id != null))];
      if (ids.length === 0) continue;
      const filters = [{ field: "id", op: "in" as const, value: ids }];
      const found = await records.list(actor, target, { filters, limit: pageSize });
      const keys = new Map(found.records.map((r) => [r.id, r[by]]));
      page = page.map((r) => (r[column] == null ? r : { ...r, [column]: keys.get(r[column]) ?? r[column] }));
    }
    return page;
  }

  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await records.list(actor, entity.name, {
      ...options.query,
      limit: pageSize,
      ...(cursor ? { cursor } : {}),
    });
    const rows = await withRefs(page.records);
    let chunk = "";
    if (count === 0) chunk = json ? "[" : `${options.bom ? "\ufeff" : ""}${stringify([columns])}`;
    if (json) {
      for (const [i, row] of rows.entries())
        chunk += `${count + i === 0 ? "\n" : ",\n"}${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}`;
    } else {
      chunk += stringify(rows.map((row) => columns.map((c) => formatCell(fields.get(c), row[c]))));
    }
    count += rows.length;
    cursor = page.nextCursor;
    yield chunk;
  } while (cursor);
  if (json) yield count === 0 ? "]\n" : "\n]\n";
  return count;
}
