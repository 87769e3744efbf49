import postgres from "postgres";
import { SUPERUSER } from "./init.ts";

/**
 * The connection URL of the embedded server (database `temper` unless named).
 *
 * @example
 * serverUrl("0f3a...", 54011); // "postgres://temper:0f3a...@127.0.0.1:54011/temper"
 */
export function serverUrl(password: string, port: number, database = SUPERUSER): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * The same server's URL with another database.
 *
 * @example
 * withDatabase("postgres://u:p@127.0.0.1:5432/temper", "postgres"); // "postgres://u:p@127.0.0.1:5432/postgres"
 */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Runs `work` on a short-lived single connection, then closes it.
 *
 * @example
 * const [{ version }] = await withConnection(url, (sql) => sql`select version()`);
 */
export async function withConnection<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Whether a server answers `select 1` at this URL (right password included).
 *
 * @example
 * if (await isAnswering(url)) console.log("up");
 */
export async function isAnswering(url: string): Promise<boolean> {
  return withConnection(url, (sql) => sql`select 1`).then(
    () => true,
    () => false,
  );
}

/**
 * Whether a PostgreSQL listens at the URL: "up" when it answers, even with an
 * error (too many clients, a missing database), "wrong password" when it
 * rejects the credentials, "down" when nothing answers.
 *
 * @example
 * if ((await probe(url)) === "down") await stopPostmaster(pid, dataDir);
 */
export async function probe(url: string): Promise<"up" | "down" | "wrong password"> {
  try {
    await withConnection(url, (sql) => sql`select 1`);
    return "up";
  } catch (error) {
    if (!(error instanceof postgres.PostgresError)) return "down";
    return error.code === "28P01" ? "wrong password" : "up";
  }
}

/**
 * Creates the URL's database unless it exists, connecting to `postgres`.
 *
 * @example
 * await ensureDatabase("postgres://temper:...@127.0.0.1:54011/temper");
 */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await withConnection(withDatabase(url, "postgres"), async (sql) => {
    const [found] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!found) await sql`create database ${sql(name)}`;
  });
}
