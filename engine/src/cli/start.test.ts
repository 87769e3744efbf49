import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoLogins, demoPassword, demoPeople } from "../seed/org-chart.ts";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { createWorkspace } from "../storage/workspaces.ts";
import { signIn } from "../users/service.ts";
import { demoBanner, prepareDemo } from "./start.ts";

let database: TestDatabase;
let storage: Storage;

beforeAll(async () => {
  database = await createTestDatabase("start");
  storage = await openStorage(database.url, { max: 4 });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("prepareDemo", () => {
  it("creates and seeds the demo workspace on first start, and only publishes on later starts", async () => {
    const said: string[] = [];
    const options = { seed: { scale: 0.1, days: 14 }, log: (line: string) => said.push(line) };
    await prepareDemo(storage, "demo", options);
    expect(said.some((line) => line.startsWith("seeded in "))).toBe(true);
    const [first] = await storage.sql<[{ n: number }]>`select count(*)::int as n from ws_demo.customer`;
    expect(first!.n).toBeGreaterThan(0);

    said.length = 0;
    await prepareDemo(storage, "demo", options);
    expect(said).toEqual([]);
    const [again] = await storage.sql<[{ n: number }]>`select count(*)::int as n from ws_demo.customer`;
    expect(again!.n).toBe(first!.n);
    const versions = await storage.sql`select version from temper.definition_versions where workspace_id = 'demo'`;
    expect(versions.map((v) => v.version)).toEqual(["1.0.0"]);
    const users = await storage.sql<Array<{ username: string }>>`select username from temper.users
      where workspace_id = 'demo' and username <> 'system' order by username`;
    expect(users.map((u) => u.username)).toEqual(demoPeople.map((p) => p.username).sort());
    const session = await signIn(storage, { workspace: "demo", username: "rep", password: demoPassword });
    expect(session.token).toBeTruthy();
  });

  it("says so when the demo workspace was left without its data", async () => {
    await createWorkspace(storage, "half");
    const said: string[] = [];
    await prepareDemo(storage, "half", { log: (line) => said.push(line) });
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("no complete demo data");
  });
});

describe("demoBanner", () => {
  it("names the address, the password and every demo login with its role and place", () => {
    const lines = demoBanner("demo", "http://127.0.0.1:3000");
    expect(lines[1]).toBe('Sign in at http://127.0.0.1:3000 to workspace "demo" with password temper-demo as:');
    expect(lines.slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(demoLogins);
    expect(lines.find((l) => l.trim().startsWith("rep "))).toMatch(
      /sales_rep +Sales representative, East China sales, reports to manager/,
    );
  });
});
