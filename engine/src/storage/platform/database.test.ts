import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { openStorage, type Storage } from "./database.ts";

let database: TestDatabase;
let storage: Storage;

beforeAll(async () => {
  database = await createTestDatabase("storage");
  // One connection: the statements the first reads leave on it, the later ones meet.
  storage = await openStorage(database.url, { max: 1 });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

describe("openStorage", () => {
  it("reads and writes a table in transactions again after a publish added a column to it", async () => {
    const { sql } = storage;
    await sql`create table customer (id int primary key, name text)`;
    const readAndWrite = () =>
      sql.begin(async (tx) => {
        const [row] = await tx`select * from customer where id = ${1} for update`;
        const [after] = await tx`update customer set name = ${"Acme"} where id = ${1} returning *`;
        return { row, after };
      });
    await sql`insert into customer (id, name) values (1, 'A')`;
    await readAndWrite();

    await sql`alter table customer add column wechat_id text`;
    const { row, after } = await readAndWrite();
    expect(row).toEqual({ id: 1, name: "Acme", wechat_id: null });
    expect(after).toEqual({ id: 1, name: "Acme", wechat_id: null });
  });
});
