import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withConnection } from "./embedded/sql.ts";
import { createTestDatabase, testServerUrl, type TestDatabase } from "./testing.ts";

describe("test databases", () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase("isolation a"), createTestDatabase("isolation b")]);
  });
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it("are fresh, uniquely named databases on the run's server", async () => {
    expect(a.name).toMatch(/^test_isolation_a_[0-9a-f]{8}$/);
    expect(a.name).not.toBe(b.name);
    expect(await a.sql`select current_database() as name`).toEqual([{ name: a.name }]);
    expect(await a.sql`select count(*)::int as tables from pg_tables where schemaname = 'public'`).toEqual([
      { tables: 0 },
    ]);
  });

  it("are isolated from each other", async () => {
    await a.sql`create table customer (name text)`;
    await a.sql`insert into customer values ('Acme')`;
    await expect(b.sql`select * from customer`).rejects.toThrow(/relation "customer" does not exist/);
    await b.sql`create table customer (name text)`;
    expect(await b.sql`select count(*)::int as n from customer`).toEqual([{ n: 0 }]);
    expect(await a.sql`select name from customer`).toEqual([{ name: "Acme" }]);
  });

  it("can use pg_trgm for similarity search", async () => {
    await a.sql`create extension if not exists pg_trgm`;
    await a.sql`create index customer_name_trgm on customer using gin (name gin_trgm_ops)`;
    expect(await a.sql`select name from customer where name % 'Acme Corp'`).toEqual([{ name: "Acme" }]);
  });

  it("are dropped by drop()", async () => {
    const scratch = await createTestDatabase();
    await scratch.drop();
    const exists = await withConnection(
      await testServerUrl(),
      (sql) => sql`select 1 from pg_database where datname = ${scratch.name}`,
    );
    expect(exists).toHaveLength(0);
  });
});
