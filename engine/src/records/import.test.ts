import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Definition } from "../definitions/index.ts";
import type { EngineError } from "../errors.ts";
import { addUser } from "../users/service.ts";
import { importRecords, type ImportOptions, type RejectedRow, rejectRecord, type RowProblem } from "./import.ts";
import type { Storage } from "../storage/platform/database.ts";
import type { Actor, RecordService } from "./service.ts";
import { type CrmWorkspace, crmWorkspace } from "./testing.ts";

let crm: CrmWorkspace;
let storage: Storage;
let records: RecordService;
let definition: Definition;
let actor: Actor;

beforeAll(async () => {
  crm = await crmWorkspace("import");
  ({ records, actor, storage } = crm);
  definition = crm.definition;
});
afterAll(() => crm?.close());

const csv = (...lines: string[]) => [lines.join("\n") + "\n"];
const run = (entity: string, source: Iterable<string>, options: Partial<ImportOptions> = {}) =>
  importRecords(records, definition, actor, { entity, source, ...options });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the import should have failed");
    },
    (error: EngineError) => error,
  );
const count = async (table: string, where = storage.sql`true`) =>
  (
    await storage.sql<
      [{ n: number }]
    >`select count(*)::int as n from ${storage.sql("ws_acme")}.${storage.sql(table)} where ${where}`
  )[0].n;
const auditCount = async () =>
  (await storage.sql<[{ n: number }]>`select count(*)::int as n from temper.audit_log where workspace_id = 'acme'`)[0]
    .n;

describe("importRecords", () => {
  it("writes nothing when one row of 1,000 is bad, and names its line and column", async () => {
    const [customersBefore, auditBefore] = [await count("customer"), await auditCount()];
    const rows = Array.from({ length: 1000 }, (_, i) => `Bulk ${i},B-${i},${i === 536 ? "mars" : "east"},${i * 10}`);
    const error = await failure(run("customer", csv("name,customer_no,region,annual_revenue", ...rows)));
    expect(error.code).toBe("import_failed");
    expect(error.message).toMatch(/^1 of 1000 rows is invalid, so nothing was imported/);
    // The header is line 1, so the 537th row is on line 538.
    expect(error.details.problems).toEqual([
      {
        line: 538,
        field: "region",
        code: "invalid",
        message: expect.stringContaining('"mars" is not one of north, east'),
      },
    ]);
    expect(await count("customer")).toBe(customersBefore);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("converts cells by field type, applies defaults and computed fields, and keeps history and audit", async () => {
    const outcome = await run(
      "customer",
      csv(
        "customer_no,name,region,annual_revenue,industry",
        'C-1,Hanwha Machinery,East China,"1,200,000.50",machinery',
      ),
    );
    expect(outcome).toMatchObject({ rows: 1, created: 1, rejected: 0 });
    const opportunities = await run(
      "opportunity",
      csv(
        "name,customer,amount,probability,expected_close,product_lines,description",
        "Press line,C-1,250000.5,40%,2026-12-31,,",
        'Laser cell,C-1,1000,10,2027-01-31,"",""',
      ),
      { refs: { customer: "customer_no" } },
    );
    expect(opportunities).toMatchObject({ created: 2, rejected: 0 });
    const [press] = (await records.list(actor, "opportunity", { search: "Press line" })).records;
    const [customer] = (await records.list(actor, "customer", { search: "Hanwha" })).records;
    expect(customer).toMatchObject({ annual_revenue: 1200000.5, status: "prospect", region: "east", version: 1 });
    expect(press).toMatchObject({
      customer: customer!.id,
      amount: 250000.5,
      probability: 40,
      weighted_amount: 100000.2,
      stage: "prospecting",
    });
    expect(press!.product_lines).toBeNull();
    const history = await records.history(actor, "customer", String(customer!.id));
    expect(history.map((h) => [h.field, h.newValue]).sort()).toEqual(
      [
        ["annual_revenue", 1200000.5],
        ["name", "Hanwha Machinery"],
        ["region", "east"],
        ["status", "prospect"],
      ].sort(),
    );
    const [audit] =
      await storage.sql`select action, details, actor_id from temper.audit_log where record_id = ${String(customer!.id)}`;
    expect(audit).toEqual({ action: "record.create", details: { via: "import" }, actor_id: actor.id });
  });

  it("reads multi-enums, booleans, date-times and options by their labels in any locale", async () => {
    await run(
      "opportunity",
      csv("name,customer,expected_close,product_lines", "Robots,C-1,2027-02-28,robotics; Spare parts ;robotics"),
      { refs: { customer: "customer_no" } },
    );
    const [robots] = (await records.list(actor, "opportunity", { search: "Robots" })).records;
    expect(robots!.product_lines).toEqual(["robotics", "spare_parts"]);
    await run(
      "service_request",
      csv(
        "subject,customer,priority,category,under_warranty,description",
        "Spindle noise,Hanwha Machinery,高,repair,yes,Noise at 8000 rpm",
        "Oil leak,Hanwha Machinery,,maintenance,0,Leaks",
      ),
    );
    const requests = (await records.list(actor, "service_request", { sort: [{ field: "subject", direction: "asc" }] }))
      .records;
    expect(requests.map((r) => [r.subject, r.priority, r.under_warranty])).toEqual([
      ["Oil leak", "normal", false],
      ["Spindle noise", "high", true],
    ]);
    await run(
      "activity",
      csv("subject,kind,customer,occurred_at", "Visit,visit,Hanwha Machinery,2026-03-31 09:30+08:00"),
    );
    const [visit] = (await records.list(actor, "activity", {})).records;
    expect(visit!.occurred_at).toBe("2026-03-31T01:30:00.000Z");
    const error = await failure(
      run(
        "service_request",
        csv("subject,customer,priority,category,under_warranty,description", "X,C-1,normal,repair,maybe,Y"),
      ),
    );
    const late = await failure(run("activity", csv("subject,kind,occurred_at", "Call,call,2026-03-31 09:30")));
    expect(
      [...(error.details.problems as RowProblem[]), ...(late.details.problems as RowProblem[])].map((p) => [
        p.field,
        p.message,
      ]),
    ).toEqual([
      ["under_warranty", '"maybe" is not a yes/no value; use true or false'],
      ["customer", 'no customer has name "C-1"'],
      ["occurred_at", expect.stringContaining("has no time zone")],
    ]);
  });

  it("updates the records the key matches, at their current version, and creates the others", async () => {
    await run("customer", csv("customer_no,name,region", "K-1,Kumho Steel,south", "K-2,Kia Parts,north"));
    const outcome = await run(
      "customer",
      csv(
        "customer_no,name,region,annual_revenue",
        "K-1,Kumho Steel,south,",
        "K-2,Kia Parts,west,500",
        "K-3,Korea Zinc,central,",
      ),
      { key: "customer_no" },
    );
    expect(outcome).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, rejected: 0 });
    const [kia] = (
      await records.list(actor, "customer", { filters: [{ field: "customer_no", op: "eq", value: "K-2" }] })
    ).records;
    expect(kia).toMatchObject({ region: "west", annual_revenue: 500, version: 2 });
    const history = await records.history(actor, "customer", String(kia!.id));
    expect(history.filter((h) => h.field === "region").map((h) => [h.oldValue, h.newValue])).toEqual([
      ["north", "west"],
      [null, "north"],
    ]);
  });

  it("matches references by id, by title, and by earlier rows of the same file", async () => {
    const [hanwha] = (await records.list(actor, "customer", { search: "Hanwha" })).records;
    const outcome = await run(
      "customer",
      csv(
        "customer_no,name,region,parent",
        "G-1,Group One,north,",
        "G-2,Group Two,north,G-1",
        `G-3,Group Three,north,${String(hanwha!.id)}`,
        "G-4,Group Four,north,G-2",
      ),
      { refs: { parent: "customer_no" }, batchSize: 2 },
    );
    expect(outcome).toMatchObject({ created: 4, rejected: 0 });
    const byNo = async (no: string) =>
      (await records.list(actor, "customer", { filters: [{ field: "customer_no", op: "eq", value: no }] })).records[0]!;
    expect((await byNo("G-2")).parent).toBe((await byNo("G-1")).id);
    expect((await byNo("G-3")).parent).toBe(hanwha!.id);
    expect((await byNo("G-4")).parent).toBe((await byNo("G-2")).id);
    const contacts = await run("contact", csv("name,customer", "Park,Group Two"));
    expect(contacts.created).toBe(1);
  });

  it("refuses references that match no record or several, naming line and column", async () => {
    await run("customer", csv("name,region", "Twin Co,east", "Twin Co,west"));
    const error = await failure(
      run("contact", csv("name,customer", "Lee,Twin Co", "Choi,Nobody Ltd", "Kang,Group One")),
    );
    expect(error.details.problems).toEqual([
      expect.objectContaining({
        line: 2,
        field: "customer",
        message: expect.stringMatching(/^2 customer records have name "Twin Co"/),
      }),
      expect.objectContaining({ line: 3, field: "customer", message: 'no customer has name "Nobody Ltd"' }),
    ]);
  });

  it("reads owners and user fields as usernames or ids", async () => {
    const rep = await addUser(storage, {
      workspaceId: "acme",
      username: "li.wei",
      password: "correct horse",
      roles: ["sales_rep"],
    });
    const outcome = await run(
      "opportunity",
      csv("name,customer,expected_close,owner,team", `Team deal,C-1,2027-03-31,li.wei,li.wei;${actor.id}`),
      { refs: { customer: "customer_no" } },
    );
    expect(outcome.created).toBe(1);
    const [deal] = (await records.list(actor, "opportunity", { search: "Team deal" })).records;
    expect(deal).toMatchObject({ owner: rep.id, team: [rep.id, actor.id] });
    const error = await failure(
      run("opportunity", csv("name,customer,expected_close,owner", "X,C-1,2027-03-31,nobody"), {
        refs: { customer: "customer_no" },
      }),
    );
    expect(error.details.problems).toEqual([
      expect.objectContaining({ line: 2, field: "owner", message: 'no user "nobody" in this workspace' }),
    ]);
  });

  it("refuses a bad header at once, naming each column", async () => {
    const error = await failure(run("customer", csv("name,regoin,segment,created_at,name", "A,east,a,,A")));
    expect(error.code).toBe("import_failed");
    expect(
      (error.details.problems as Array<{ field: string; message: string }>).map((p) => [p.field, p.message]),
    ).toEqual([
      ["regoin", '"regoin" is not a field of customer; did you mean "region"?'],
      ["name", '"name" appears twice'],
      ["region", 'the file has no column "region", which every customer needs'],
    ]);
    const key = await failure(run("customer", csv("name,region"), { key: "custmer_no" }));
    expect([key.code, key.message]).toEqual([
      "bad_request",
      '--key: "customer" has no field "custmer_no"; did you mean "customer_no"?',
    ]);
    await expect(run("customr", csv("name"))).rejects.toMatchObject({ code: "not_found" });
    await expect(run("customer", [])).rejects.toMatchObject({
      code: "import_failed",
      message: expect.stringContaining("empty"),
    });
  });

  it("reports rows with the wrong number of cells, bad values and duplicate keys", async () => {
    const error = await failure(
      run(
        "customer",
        csv(
          "customer_no,name,region,annual_revenue",
          "D-1,Dup,east,1",
          "D-1,Dup again,east,2",
          "D-2,Short,east",
          "D-3,Neg,east,-5",
          "D-4,Money,east,lots",
        ),
        { key: "customer_no" },
      ),
    );
    expect(
      (error.details.problems as Array<{ line: number; field: string; code: string }>).map((p) => [
        p.line,
        p.field,
        p.code,
      ]),
    ).toEqual([
      [3, "customer_no", "duplicate_key"],
      [4, "", "cell_count"],
      [5, "annual_revenue", "minimum"],
      [6, "annual_revenue", "invalid"],
    ]);
  });

  it("refuses a file that is not CSV or not UTF-8, naming the line", async () => {
    const quote = await failure(run("customer", csv("name,region", "Fine,east", '"Open quote,east', "Next,east")));
    expect([quote.code, quote.message]).toEqual([
      "import_failed",
      expect.stringMatching(/^the file is not valid CSV near line \d+: /),
    ]);
    const gbk = Buffer.from([
      0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x72, 0x65, 0x67, 0x69, 0x6f, 0x6e, 0x0a, 0xc9, 0xcf, 0xba, 0xa3, 0x2c, 0x65, 0x61,
      0x73, 0x74, 0x0a,
    ]);
    const encoding = await failure(importRecords(records, definition, actor, { entity: "customer", source: [gbk] }));
    expect(encoding.details.problems).toEqual([expect.objectContaining({ line: 2, code: "encoding" })]);
  });

  it("with partial, keeps the valid rows and hands back the rejects, database refusals included", async () => {
    const rejects: RejectedRow[] = [];
    const header = ["customer_no", "name", "region"];
    const outcome = await run(
      "customer",
      csv(
        header.join(","),
        "P-1,Partial One,east",
        "C-1,Taken number,east",
        "P-2,,east",
        "P-3,Partial Three,moon",
        "P-4,Partial Four,west",
      ),
      {
        partial: true,
        onReject: (row) => void rejects.push(row),
      },
    );
    expect(outcome).toMatchObject({ rows: 5, created: 2, rejected: 3 });
    expect(rejects.map((r) => rejectRecord(header, r))).toEqual([
      ["C-1", "Taken number", "east", "line 3, column customer_no: must be unique; another record has this value"],
      ["P-2", "", "east", "line 4, column name: is required"],
      ["P-3", "Partial Three", "moon", expect.stringMatching(/^line 5, column region: "moon" is not one of/)],
    ]);
    expect(await count("customer", storage.sql`customer_no in ('P-1', 'P-4')`)).toBe(2);
  });

  it("streams a large file in batches", async () => {
    function* source() {
      yield "name,region,customer_no\n";
      for (let i = 0; i < 5000; i++) yield `Stream ${i},central,S-${i}\n`;
    }
    const outcome = await run("customer", source(), { batchSize: 700 });
    expect(outcome).toMatchObject({ rows: 5000, created: 5000, rejected: 0 });
    expect(await count("customer", storage.sql`customer_no like 'S-%'`)).toBe(5000);
  });
});
