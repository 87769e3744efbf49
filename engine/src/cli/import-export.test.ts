import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, runTemper } from "./testing.ts";
import { readDefinitionFolder } from "../definitions/index.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { createWorkspace } from "../storage/workspaces.ts";

const root = repositoryRoot;

let database: TestDatabase;
let storage: Storage;
let dir: string;

const temper = (...args: string[]) => runTemper(args, { DATABASE_URL: database.url });

beforeAll(async () => {
  database = await createTestDatabase("cli_import_export");
  storage = await openStorage(database.url, { max: 2 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(join(root, "definitions/examples/crm"));
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  dir = await mkdtemp(join(tmpdir(), "temper-import-"));
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("temper import and export", () => {
  it("imports a file, then refuses one with a bad row: one line per problem, exit 1, nothing written", async () => {
    const good = join(dir, "customers.csv");
    await writeFile(good, "customer_no,name,region\nC-1,Hanwha,east\nC-2,Hyosung,west\n");
    const ok = await temper("import", "customer", good, "--workspace", "acme", "--key", "customer_no");
    expect(ok.stdout).toBe(`imported 2 rows of ${good} into customer: 2 created, 0 updated, 0 unchanged\n`);
    expect(ok.code).toBe(0);
    const bad = join(dir, "bad.csv");
    await writeFile(bad, "customer_no,name,region\nC-3,Kumho,south\nC-4,Kia,mars\n");
    const refused = await temper("import", "customer", bad, "--workspace", "acme");
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^${bad} line 3, column region: "mars" is not one of north`)),
      expect.stringMatching(/^temper: 1 of 2 rows is invalid, so nothing was imported; .* import with --partial/),
      "",
    ]);
    const [{ n }] = await storage.sql<[{ n: number }]>`select count(*)::int as n from ws_acme.customer`;
    expect(n).toBe(2);
  });

  it("with --partial, writes the valid rows and the rejects file", async () => {
    const file = join(dir, "partial.csv");
    await writeFile(file, "customer_no,name,region\nC-5,Kept,east\nC-6,Refused,mars\n");
    const run = await temper("import", "customer", file, "--workspace", "acme", "--partial");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`rejected 1 row: see ${join(dir, "partial.rejects.csv")}`);
    const rejects = await readFile(join(dir, "partial.rejects.csv"), "utf8");
    expect(rejects).toMatch(/^customer_no,name,region,reason\nC-6,Refused,mars,"line 3, column region: /);
  });

  it("names unknown columns, keys and workspaces in one line", async () => {
    const file = join(dir, "header.csv");
    await writeFile(file, "name,regoin\nX,east\n");
    const header = await temper("import", "customer", file, "--workspace", "acme");
    expect(header.code).toBe(1);
    expect(header.stderr).toContain(
      `${file} line 1, column regoin: "regoin" is not a field of customer; did you mean "region"?`,
    );
    const key = await temper("import", "customer", file, "--workspace", "acme", "--key", "zzz");
    expect(key.stderr).toBe('temper: --key: "customer" has no field "zzz"\n');
    const workspace = await temper("import", "customer", file, "--workspace", "nowhere");
    expect(workspace.stderr).toMatch(/^temper: no workspace "nowhere"/);
    const missing = await temper("import", "customer", join(dir, "none.csv"), "--workspace", "acme");
    expect(missing.stderr).toBe(`temper: cannot read ${join(dir, "none.csv")}: no such file\n`);
    for (const run of [header, key, workspace, missing]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("exports CSV to standard output and JSON to a file", async () => {
    const csv = await temper(
      "export",
      "customer",
      "--workspace",
      "acme",
      "--where",
      "region.in=east,west",
      "--sort",
      "customer_no",
      "--fields",
      "customer_no,name",
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe("customer_no,name\nC-1,Hanwha\nC-2,Hyosung\nC-5,Kept\n");
    expect(csv.stderr).toBe("exported 3 customer records\n");
    const out = join(dir, "customers.json");
    const json = await temper(
      "export",
      "customer",
      "--workspace",
      "acme",
      "--output",
      out,
      "--fields",
      "customer_no",
      "--where",
      "customer_no=C-1",
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual([{ customer_no: "C-1" }]);
    const bad = await temper("export", "customer", "--workspace", "acme", "--where", "fax=1");
    expect([bad.code, bad.stdout]).toEqual([1, ""]);
  });

  it("has --help with examples", async () => {
    for (const command of ["import", "export"]) {
      const run = await temper(command, "--help");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: temper ${command}`);
      expect(run.stdout).toContain(`pnpm temper ${command} `);
    }
  });
});
