import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, runTemper } from "./testing.ts";
import { readDefinitionFolder } from "../definitions/index.ts";
import { recordService } from "../records/service.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { publishDefinition } from "../storage/publish.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { currentVersion } from "../storage/versions.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { addUser } from "../users/service.ts";

const root = repositoryRoot;

let database: TestDatabase;
let storage: Storage;

const temper = (...args: string[]) => runTemper(args, { DATABASE_URL: database.url });

beforeAll(async () => {
  database = await createTestDatabase("cli_org");
  storage = await openStorage(database.url, { max: 2 });
  await createWorkspace(storage, "acme");
  const { texts } = await readDefinitionFolder(join(root, "definitions/examples/crm"));
  await publishDefinition(storage, { workspaceId: "acme", texts, publishedBy: "cli:test" });
  for (const username of ["li.wei", "wang.fang", "min.jun"])
    await addUser(storage, { workspaceId: "acme", username, password: "correct horse", roles: ["sales_rep"] });
}, 60_000);
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("temper org and temper user place|handover", () => {
  it("adds and moves units, and prints the tree", async () => {
    const add = (code: string, ...rest: string[]) =>
      temper("org", "unit", "add", code, "--workspace", "acme", "--name", code.toUpperCase(), ...rest);
    expect((await add("acme", "--kind", "company")).stdout).toBe("added acme (company) at the top\n");
    expect((await add("east", "--kind", "region", "--parent", "acme")).code).toBe(0);
    expect((await add("west", "--kind", "region", "--parent", "acme")).code).toBe(0);
    expect((await add("sales", "--parent", "east")).stdout).toBe("added sales (team) under east\n");
    const bad = await add("moon", "--kind", "galaxy");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('temper: "galaxy" is not a unit kind: use company, region, department, team');
    const moved = await temper("org", "unit", "move", "sales", "--workspace", "acme", "--parent", "west");
    expect(moved.stdout).toBe("moved sales under west\n");
    const loop = await temper("org", "unit", "move", "acme", "--workspace", "acme", "--parent", "sales");
    expect(loop.code).toBe(1);
    expect(loop.stderr).not.toMatch(/\n\s+at /);
    const list = await temper("org", "list", "--workspace", "acme");
    expect(list.stdout).toBe(
      ["acme  ACME (company)", "  east  EAST (region)", "  west  WEST (region)", "    sales  SALES (team)", ""].join(
        "\n",
      ),
    );
  }, 60_000);

  it("places a user, refusing a role the definition does not have", async () => {
    const refused = await temper(
      "user",
      "place",
      "li.wei",
      "--workspace",
      "acme",
      "--unit",
      "sales",
      "--role",
      "intern",
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('temper: unknown role "intern"');
    const placed = await temper(
      "user",
      "place",
      "li.wei",
      "--workspace",
      "acme",
      "--unit",
      "sales",
      "--manager",
      "min.jun",
      "--role",
      "sales_rep",
    );
    expect(placed.stdout).toBe("placed li.wei: unit sales; manager min.jun; roles sales_rep\n");
    const [row] = await storage.sql`select manager_id is not null as managed, org_unit_id is not null as placed
      from temper.users where username = 'li.wei'`;
    expect(row).toEqual({ managed: true, placed: true });
    expect((await temper("org", "list", "--workspace", "acme")).stdout).toContain("sales  SALES (team, 1 person)");
  });

  it("hands a leaving user's records over, printing counts per entity", async () => {
    const context = {
      workspaceId: "acme",
      schema: "ws_acme",
      definition: (await currentVersion(storage, "acme"))!.definition,
    };
    const records = recordService(storage, context);
    const [leaving] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'li.wei'`;
    const [systemUser] = await storage.sql<[{ id: string }]>`select id from temper.users where username = 'system'`;
    const system = { id: systemUser.id, username: "system", roles: [], system: true };
    await records.createMany(system, "customer", [
      { name: "Hanwha", region: "east", owner: leaving.id },
      { name: "Doosan", region: "east", owner: leaving.id },
    ]);
    const handover = await temper("user", "handover", "li.wei", "--to", "wang.fang", "--workspace", "acme");
    expect(handover.stdout).toBe(
      "handed 2 records of li.wei over to wang.fang: customer 2\nli.wei is deactivated; 0 tokens revoked\n",
    );
    const again = await temper("user", "handover", "wang.fang", "--to", "li.wei", "--workspace", "acme");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("temper: li.wei is deactivated and cannot take over records");
  });
});
