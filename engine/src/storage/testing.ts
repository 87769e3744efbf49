import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { startEmbeddedServer, withConnection, withDatabase } from "./embedded/index.ts";
import type { TestServer } from "./test-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's PostgreSQL (see tests/setup/database.ts). */
    temperTestServer: TestServer;
  }
}

let embedded: Promise<string> | undefined;

/**
 * A superuser URL of the test run's server. The embedded one is started by
 * the first suite that asks (the others, in any worker, attach to it) and
 * stopped at the end of the run.
 *
 * @example
 * const admin = postgres(await testServerUrl());
 */
export function testServerUrl(): Promise<string> {
  const server = inject("temperTestServer");
  if ("url" in server) return Promise.resolve(server.url);
  embedded ??= startEmbeddedServer({ home: server.home, detached: true, sync: false }).then((s) => s.url);
  return embedded;
}

/** A database of its own for one suite, on the test run's server. */
export interface TestDatabase {
  name: string;
  url: string;
  /** A `postgres` client on it (closed by `drop()`). */
  sql: postgres.Sql;
  /** Closes `sql` and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database on the test run's server (the
 * embedded one, or DATABASE_URL's) for one suite; `drop()` removes it.
 *
 * @example
 * let db: TestDatabase;
 * beforeAll(async () => (db = await createTestDatabase("records")));
 * afterAll(() => db.drop());
 * it("answers", async () => expect(await db.sql`select 1 as one`).toEqual([{ one: 1 }]));
 */
export async function createTestDatabase(label = "suite"): Promise<TestDatabase> {
  const serverUrl = await testServerUrl();
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 40);
  const name = `test_${slug}_${randomBytes(4).toString("hex")}`;
  await withConnection(serverUrl, (sql) => sql`create database ${sql(name)}`);
  const url = withDatabase(serverUrl, name);
  const sql = postgres(url, { onnotice: () => {} });
  return {
    name,
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await withConnection(serverUrl, (admin) => admin`drop database if exists ${admin(name)} with (force)`);
    },
  };
}
