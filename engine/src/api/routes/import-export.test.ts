import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDefinitionFolder } from "../../definitions/index.ts";
import { openStorage, type Storage } from "../../storage/platform/database.ts";
import { publishDefinition } from "../../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../../storage/testing.ts";
import { createWorkspace } from "../../storage/workspaces.ts";
import { addUser, signIn } from "../../users/service.ts";
import { createApi } from "../app.ts";

let database: TestDatabase;
let storage: Storage;
let api: ReturnType<typeof createApi>;
let token: string;

const request = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  api.request(`/api/v1/records${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { body }),
  });
const importCsv = (path: string, body: string, headers: Record<string, string> = {}) =>
  request("POST", path, body, { "content-type": "text/csv", ...headers });

beforeAll(async () => {
  database = await createTestDatabase("api_import_export");
  storage = await openStorage(database.url, { max: 4 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(
    new URL("../../../../definitions/examples/crm", import.meta.url).pathname,
  );
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  await addUser(storage, { workspaceId: "acme", username: "li.wei", password: "correct horse", roles: ["sales_rep"] });
  ({ token } = await signIn(storage, { workspace: "acme", username: "li.wei", password: "correct horse" }));
  api = createApi({ storage });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("import and export over HTTP", () => {
  it("imports a CSV body, upserting by key", async () => {
    const created = await importCsv(
      "/customer/import?key=customer_no",
      "customer_no,name,region\nH-1,Hanwha,east\nH-2,Hyosung,west\n",
    );
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({ rows: 2, created: 2, updated: 0, unchanged: 0, rejected: 0, problems: [] });
    const updated = await importCsv("/customer/import?key=customer_no", "customer_no,region\nH-2,north\n");
    expect(await updated.json()).toMatchObject({ updated: 1 });
    const contacts = await importCsv("/contact/import?ref.customer=customer_no", "name,customer\nKim,H-1\n");
    expect(await contacts.json()).toMatchObject({ created: 1 });
  });

  it("answers 422 with each bad row's line and column, and writes nothing", async () => {
    const response = await importCsv("/customer/import", "name,region\nGood Co,east\nBad Co,mars\n");
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      code: "import_failed",
      rows: 2,
      rejected: 1,
      problems: [{ line: 3, field: "region", code: "invalid", message: expect.stringContaining('"mars"') }],
    });
    const header = await importCsv("/customer/import", "name,region,fax\nA,east,1\n");
    expect(header.status).toBe(422);
    expect(await header.json()).toMatchObject({ problems: [{ line: 1, field: "fax", code: "unknown_column" }] });
    const list = await request("GET", "/customer?q=Good Co");
    expect(((await list.json()) as { records: unknown[] }).records).toEqual([]);
  });

  it("with partial=true, keeps the valid rows and returns the rejects as CSV when asked", async () => {
    const response = await importCsv("/customer/import?partial=true", "name,region\nKept Co,east\nRefused Co,mars\n", {
      accept: "text/csv",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("temper-import-created")).toBe("1");
    expect(response.headers.get("temper-import-rejected")).toBe("1");
    expect(parse(await response.text())).toEqual([
      ["name", "region", "reason"],
      ["Refused Co", "mars", expect.stringMatching(/^line 3, column region: "mars" is not one of/)],
    ]);
  });

  it("refuses a body that is not CSV, and unknown parameters", async () => {
    expect((await request("POST", "/customer/import", "{}", { "content-type": "application/json" })).status).toBe(400);
    expect((await importCsv("/customer/import?keys=name", "name,region\n")).status).toBe(400);
    expect((await importCsv("/nothing/import", "name\n")).status).toBe(404);
  });

  it("exports as streamed CSV or JSON with the list's filters and sort, not swallowed by /:entity/:id", async () => {
    const response = await request(
      "GET",
      "/customer/export?region.in=east,west&sort=name&fields=customer_no,name,region",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="customer.csv"');
    expect(await response.text()).toBe("customer_no,name,region\nH-1,Hanwha,east\n,Kept Co,east\n");
    const json = await request("GET", "/contact/export?format=json&fields=name,customer&ref.customer=customer_no");
    expect(await json.json()).toEqual([{ name: "Kim", customer: "H-1" }]);
  });

  it("answers a bad export query with a problem, before any CSV", async () => {
    const response = await request("GET", "/customer/export?fax=1");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "bad_request" });
    expect((await request("GET", "/customer/export?limit=5")).status).toBe(400);
    expect((await request("GET", "/customer/export?format=xml")).status).toBe(400);
  });
});
