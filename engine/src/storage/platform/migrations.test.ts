import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing.ts";
import { openStorage, type Storage } from "./database.ts";

let database: TestDatabase;
let storage: Storage;

beforeAll(async () => {
  database = await createTestDatabase("migrations");
  storage = await openStorage(database.url, { max: 2 });
});
afterAll(async () => {
  await storage?.close();
  await database?.drop();
});

const migration = (name: string) => readFile(new URL(`../../../drizzle/${name}`, import.meta.url), "utf8");

describe("platform migrations of entity tables", () => {
  it("0008 turns a workspace table's owner index into owner, newest first, and leaves other indexes alone", async () => {
    await storage.sql`create schema ws_before`;
    await storage.sql`create table ws_before.lead (id uuid primary key, owner uuid, updated_at timestamptz not null,
      source text)`;
    await storage.sql`create index lead_owner_idx on ws_before.lead (owner)`;
    await storage.sql`create index lead_source_idx on ws_before.lead (source)`;

    await storage.sql.unsafe(await migration("0008_owner_newest_first_indexes.sql"));

    const indexes = await storage.sql<Array<{ indexname: string; indexdef: string }>>`select indexname, indexdef
      from pg_indexes where schemaname = 'ws_before' and indexname <> 'lead_pkey' order by indexname`;
    expect(indexes.map((i) => [i.indexname, i.indexdef.replace(/^.* USING btree /, "")])).toEqual([
      ["lead_owner_idx", "(owner, updated_at DESC, id DESC)"],
      ["lead_source_idx", "(source)"],
    ]);
  });
});
