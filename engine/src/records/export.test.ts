import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Definition } from "../definitions/index.ts";
import type { EngineError } from "../errors.ts";
import { exportRecords, type ExportOptions } from "./export.ts";
import { importRecords } from "./import.ts";
import type { Actor, RecordService } from "./service.ts";
import { type CrmWorkspace, crmWorkspace } from "./testing.ts";

let crm: CrmWorkspace;
let records: RecordService;
let definition: Definition;
let actor: Actor;

beforeAll(async () => {
  crm = await crmWorkspace("export");
  ({ records, actor } = crm);
  definition = crm.definition;
  const lines = ["customer_no,name,region,annual_revenue,parent"];
  for (let i = 0; i < 450; i++)
    lines.push(
      `E-${i},"Export ${String(i).padStart(3, "0")}, Ltd",${i % 3 ? "east" : "west"},${i}.5,${i > 0 ? "E-0" : ""}`,
    );
  await importRecords(records, definition, actor, {
    entity: "customer",
    source: [lines.join("\n")],
    refs: { parent: "customer_no" },
  });
  const [first] = (
    await records.list(actor, "customer", { filters: [{ field: "customer_no", op: "eq", value: "E-1" }] })
  ).records;
  await records.create(actor, "opportunity", {
    name: "Robots",
    customer: first!.id,
    expected_close: "2027-01-31",
    product_lines: ["robotics", "services"],
    amount: 1000,
    probability: 50,
  });
});
afterAll(() => crm?.close());

async function exported(options: ExportOptions): Promise<{ text: string; chunks: number; count: number }> {
  const iterator = exportRecords(records, definition, actor, options);
  let text = "";
  let chunks = 0;
  for (let next = await iterator.next(); ; next = await iterator.next()) {
    if (next.done) return { text, chunks, count: next.value };
    text += next.value;
    chunks++;
  }
}

describe("exportRecords", () => {
  it("writes every matching record as CSV, a page per chunk, with the list's filters and sort", async () => {
    const { text, chunks, count } = await exported({
      entity: "customer",
      query: { filters: [{ field: "region", op: "eq", value: "east" }], sort: [{ field: "name", direction: "asc" }] },
    });
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(count).toBe(300);
    expect(rows).toHaveLength(300);
    expect(chunks).toBe(2);
    expect(Object.keys(rows[0]!).slice(0, 3)).toEqual(["id", "name", "customer_no"]);
    expect(rows[0]).toMatchObject({
      name: "Export 001, Ltd",
      region: "east",
      annual_revenue: "1.5",
      city: "",
      version: "1",
    });
    expect(rows.at(-1)!.name).toBe("Export 449, Ltd");
  });

  it("writes chosen fields, references as keys, and multi-values as a;b", async () => {
    const customers = await exported({
      entity: "customer",
      fields: ["customer_no", "parent"],
      refs: { parent: "customer_no" },
      query: { sort: [{ field: "customer_no", direction: "asc" }] },
      bom: true,
    });
    expect(customers.text.startsWith("\ufeffcustomer_no,parent\nE-0,\nE-1,E-0\n")).toBe(true);
    const deals = await exported({ entity: "opportunity", fields: ["name", "product_lines", "weighted_amount"] });
    expect(deals.text).toBe("name,product_lines,weighted_amount\nRobots,robotics;services,500\n");
  });

  it("writes a JSON array of records", async () => {
    const { text } = await exported({
      entity: "customer",
      format: "json",
      fields: ["customer_no", "annual_revenue", "city"],
      query: {
        filters: [{ field: "customer_no", op: "in", value: ["E-1", "E-2"] }],
        sort: [{ field: "customer_no", direction: "asc" }],
      },
    });
    expect(JSON.parse(text)).toEqual([
      { customer_no: "E-1", annual_revenue: 1.5, city: null },
      { customer_no: "E-2", annual_revenue: 2.5, city: null },
    ]);
    const empty = await exported({ entity: "customer", format: "json", query: { search: "nothing like this" } });
    expect(JSON.parse(empty.text)).toEqual([]);
  });

  it("round-trips: an exported file imports back, refusing changes to read-only fields and stale rows", async () => {
    const { text } = await exported({ entity: "customer" });
    const again = await importRecords(records, definition, actor, { entity: "customer", source: [text], key: "id" });
    expect(again).toMatchObject({ rows: 450, unchanged: 450, updated: 0, created: 0, rejected: 0 });
    const [header, first, ...rest] = text.trimEnd().split("\n");
    const columns = header!.split(",");
    const cells = parse(first!)[0] as string[];
    const [record] = (await records.list(actor, "customer", { filters: [{ field: "id", op: "eq", value: cells[0] }] }))
      .records;
    await records.update(actor, "customer", String(record!.id), { city: "Busan" }, 1);
    const edited = [...cells];
    edited[columns.indexOf("created_at")] = "2020-01-01T00:00:00.000Z";
    const error = await importRecords(records, definition, actor, {
      entity: "customer",
      source: [[header, first, stringify([edited]).trim(), ...rest.slice(0, 2)].join("\n")],
      key: "id",
    }).catch((e: EngineError) => e);
    expect((error as EngineError).details.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: "version",
        message: expect.stringContaining("changed since the file was written"),
      }),
      expect.objectContaining({ line: 3, field: "id", code: "duplicate_key" }),
    ]);
    const created = await importRecords(records, definition, actor, {
      entity: "customer",
      source: [`name,region,created_at\nNew Co,east,2020-01-01T00:00:00.000Z`],
    }).catch((e: EngineError) => e);
    expect((created as EngineError).details.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: "created_at",
        message: '"created_at" is set by the system; leave it empty for new records',
      }),
    ]);
  });

  it("fails before writing anything on a bad query", async () => {
    const iterator = exportRecords(records, definition, actor, { entity: "customer", fields: ["name", "regoin"] });
    const error = (await iterator.next().catch((e) => e)) as EngineError;
    expect([error.code, error.message]).toEqual([
      "bad_request",
      '"customer" has no field "regoin"; did you mean "region"?',
    ]);
    const badFilter = exportRecords(records, definition, actor, {
      entity: "customer",
      query: { filters: [{ field: "fax", op: "eq", value: "1" }] },
    });
    await expect(badFilter.next()).rejects.toMatchObject({ code: "bad_request" });
  });
});
