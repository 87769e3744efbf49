import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "../storage/platform/database.ts";
import { createTestDatabase, type TestDatabase } from "../storage/testing.ts";
import { withStatementTimeout } from "./statement-timeout.ts";

let database: TestDatabase;
let storage: Storage;

beforeAll(async () => {
  database = await createTestDatabase("timeout");
  // One connection: what the read leaves behind, the next query sees.
  storage = await openStorage(database.url, { max: 1 });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

const shown = async () =>
  (await storage.sql<[{ statement_timeout: string }]>`show statement_timeout`)[0].statement_timeout;

describe("withStatementTimeout", () => {
  it("returns the read's rows, and leaves the connection without the timeout", async () => {
    const rows = await withStatementTimeout(storage.sql, storage.sql`select 1 as one`, "5s");
    expect(rows).toEqual([{ one: 1 }]);
    expect(await shown()).toBe("0");
  });

  it("cancels a read that takes longer, and the connection is still without it afterwards", async () => {
    await expect(withStatementTimeout(storage.sql, storage.sql`select pg_sleep(2)`, "50ms")).rejects.toMatchObject({
      code: "57014",
    });
    expect(await shown()).toBe("0");
  });

  it("runs the read as it is inside a caller's transaction, which keeps its own limits", async () => {
    const inside = await storage.sql.begin(async (tx) => {
      const [row] = await withStatementTimeout(tx, tx`select 2 as two`, "50ms");
      const [{ statement_timeout }] = await tx<[{ statement_timeout: string }]>`show statement_timeout`;
      return { row, statement_timeout };
    });
    expect(inside).toEqual({ row: { two: 2 }, statement_timeout: "0" });
  });
});
