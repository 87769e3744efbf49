import { fileURLToPath } from "node:url";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as processTables from "./process-schema.ts";
import * as savedFilterTables from "./saved-filter-schema.ts";
import * as platformTables from "./schema.ts";

const schema = { ...platformTables, ...processTables, ...savedFilterTables };

const migrationsFolder = fileURLToPath(new URL("../../../drizzle", import.meta.url));

/** A connection pool to the database, raw (`sql`) and through drizzle (`db`). */
export interface Storage {
  sql: postgres.Sql;
  db: PostgresJsDatabase<typeof schema>;
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL and brings the platform's own tables up to date
 * (drizzle-kit migrations in `engine/drizzle/`, applied once, under a lock).
 *
 * @example
 * const storage = await openStorage(database.url);
 * const all = await storage.db.select().from(workspaces);
 * await storage.close();
 */
export async function openStorage(url: string, options: { max?: number } = {}): Promise<Storage> {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // No named prepared statements: a publish changes the entity tables' columns under a running engine, and a
    // statement prepared before it (`select *`, `returning *`) then fails inside a transaction with "cached plan
    // must not change result type", which the driver cannot retry there.
    prepare: false,
    // Calendar dates stay `YYYY-MM-DD` text: a Date would shift them by the time zone.
    types: { date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value } },
  });
  // drizzle gets a pool of its own: it replaces the driver's parsers and
  // serializers (dates, JSON) with its own, which the raw queries of entity
  // tables must not see.
  const orm = postgres(url, { max: Math.max(2, Math.floor((options.max ?? 10) / 2)), onnotice: () => {} });
  const db = drizzle(orm, { schema });
  // Several engine processes may start at once: one migrates, the others wait.
  // The lock is held on a reserved connection while the pool migrates.
  const connection = await sql.reserve();
  try {
    await connection`select pg_advisory_lock(hashtext('temper.platform.migrate'))`;
    await migrate(db, { migrationsFolder, migrationsSchema: "temper" });
  } finally {
    await connection`select pg_advisory_unlock(hashtext('temper.platform.migrate'))`;
    connection.release();
  }
  return { sql, db, close: async () => void (await Promise.all([sql.end({ timeout: 5 }), orm.end({ timeout: 5 })])) };
}
