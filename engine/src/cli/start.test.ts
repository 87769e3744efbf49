import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { signIn } from "../users/service.ts";
import { demoPassword, demoUsers, prepareDemo } from "./start.ts";

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
  it("creates the demo workspace with the reference CRM and its users, and is idempotent", async () => {
    await prepareDemo(storage);
    await prepareDemo(storage);
    const versions = await storage.sql`select version from temper.definition_versions where workspace_id = 'demo'`;
    expect(versions.map((v) => v.version)).toEqual(["1.0.0"]);
    const users =
      await storage.sql`select username, roles from temper.users where workspace_id = 'demo' and username <> 'system' order by username`;
    expect(users.map((u) => u.username)).toEqual(demoUsers.map((u) => u.username).sort());
    const session = await signIn(storage, { workspace: "demo", username: "rep", password: demoPassword });
    expect(session.token).toBeTruthy();
  });
});
