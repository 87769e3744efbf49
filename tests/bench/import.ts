import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import type { Definition } from "../../engine/src/definitions/index.ts";
import { importRecords } from "../../engine/src/records/import.ts";
import type { Actor, RecordService } from "../../engine/src/records/service.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import { round, timed } from "./stats.ts";

/** Rows per second of the import path and of PostgreSQL's COPY of the same file. */
export interface ImportResult {
  rows: number;
  import: { seconds: number; rowsPerSecond: number };
  copy: { seconds: number; rowsPerSecond: number };
  /** The same file again with --key customer_no: every row matched, none changed. */
  reimportByKey: { seconds: number; rowsPerSecond: number };
}

export const importColumns = [
  "customer_no",
  "name",
  "industry",
  "size",
  "annual_revenue",
  "region",
  "city",
  "phone",
  "email",
  "status",
];

/**
 * Writes a CSV of `rows` customers (the columns above), streamed to disk.
 *
 * @example
 * await writeCustomersCsv("/tmp/customers.csv", 100_000);
 */
export async function writeCustomersCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const pick = <T>(values: T[], i: number) => values[i % values.length]!;
  const regions = ["East China", "north", "south", "central", "west", "international", "east"];
  out.write(`${importColumns.join(",")}\n`);
  for (let i = 1; i <= rows; i++) {
    const revenue = i % 10 === 0 ? "" : (((i * 7919) % 50_000_000) / 100 + 10_000).toFixed(2);
    const line = [
      `N${String(i).padStart(8, "0")}`,
      `"Import ${i}, Co. Ltd"`,
      pick(["machinery", "automotive", "electronics", "energy", "logistics"], i),
      pick(["micro", "small", "medium", "large", "enterprise"], i * 3),
      revenue,
      pick(regions, i * 5),
      pick(["Shanghai", "Seoul", "Shenzhen"], i),
      `+86 21 ${String(10_000_000 + i).slice(0, 8)}`,
      `buyer${i}@example.com`,
      pick(["active", "prospect", "dormant"], i),
    ].join(",");
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/**
 * Imports the file through the import path into an empty workspace's
 * customers, then COPYs it into an equivalent table (same columns, defaults
 * and indexes, no foreign keys) in the same database, then imports it again
 * by key.
 *
 * @example
 * const result = await benchImport(storage, records, definition, actor, "ws_bench_import", "/tmp/customers.csv", 100_000);
 */
export async function benchImport(
  storage: Storage,
  records: RecordService,
  definition: Definition,
  actor: Actor,
  schema: string,
  file: string,
  rows: number,
): Promise<ImportResult> {
  const { sql } = storage;
  const rate = (ms: number) => ({ seconds: round(ms / 1000), rowsPerSecond: Math.round(rows / (ms / 1000)) });
  const source = () => createReadStream(file);
  const importMs = await timed(async () => {
    const outcome = await importRecords(records, definition, actor, { entity: "customer", source: source() });
    if (outcome.created !== rows) throw new Error(`the import created ${outcome.created} of ${rows} rows`);
  });
  await sql`create schema bench_copy`;
  await sql`create table bench_copy.customer (like ${sql(schema)}.customer including all)`;
  for (const column of ["owner", "created_by", "updated_by"])
    await sql`alter table bench_copy.customer alter column ${sql(column)} set default ${sql.unsafe(`'${actor.id}'::uuid`)}`;
  // COPY stores the cells as they are (no conversion, no checks): the floor for loading this file.
  const copyMs = await timed(async () => {
    const writable =
      await sql`copy bench_copy.customer (${sql(importColumns)}) from stdin with (format csv, header true)`.writable();
    await pipeline(source(), writable);
  });
  const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from bench_copy.customer`;
  if (count !== rows) throw new Error(`COPY wrote ${count} of ${rows} rows`);
  const reimportMs = await timed(async () => {
    const outcome = await importRecords(records, definition, actor, {
      entity: "customer",
      source: source(),
      key: "customer_no",
    });
    if (outcome.unchanged !== rows)
      throw new Error(`the re-import left ${outcome.unchanged} of ${rows} rows unchanged`);
  });
  return { rows, import: rate(importMs), copy: rate(copyMs), reimportByKey: rate(reimportMs) };
}
