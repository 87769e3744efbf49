import { startEmbeddedServer, temperHome, type StartOptions } from "./embedded/index.ts";

/** A PostgreSQL to work on, and how to let go of it. */
export interface Database {
  /** The connection URL (for the `postgres` driver, drizzle, pg_dump). */
  url: string;
  /** Whether it is the embedded server (false: DATABASE_URL). */
  embedded: boolean;
  /** Stops the embedded server if this call started it; does nothing for DATABASE_URL. */
  stop(): Promise<void>;
}

/** Where to look: the environment (DATABASE_URL, TEMPER_HOME) and how to start the embedded server. */
export interface ResolveOptions extends Partial<StartOptions> {
  env?: NodeJS.ProcessEnv;
  /** The folder `.temper` is relative to when TEMPER_HOME is not set (default: the current directory). */
  cwd?: string;
}

/**
 * The database every engine entry point uses: `DATABASE_URL` when set (the
 * embedded server is then never started), else the embedded server of
 * TEMPER_HOME (`./.temper`), started or attached to.
 *
 * @example
 * const database = await resolveDatabase();
 * const sql = postgres(database.url);
 * try {
 *   await sql`select 1`;
 * } finally {
 *   await sql.end();
 *   await database.stop();
 * }
 */
export async function resolveDatabase(options: ResolveOptions = {}): Promise<Database> {
  const env = options.env ?? process.env;
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedServer({ ...options, home: options.home ?? temperHome(env, options.cwd) });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
