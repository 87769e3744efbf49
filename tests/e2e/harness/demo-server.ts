import { randomBytes } from "node:crypto";
import { withConnection, withDatabase } from "../../../engine/src/storage/embedded/index.ts";
import { startStudioProcess } from "./studio-process.ts";

/** A `temper start` running for the tests: its address once it serves, and how to stop it. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` once the demo is seeded and served; rejects if it never is. */
  ready: Promise<string>;
  /** Stops the server (SIGTERM: it closes and stops its PostgreSQL), and drops its database on DATABASE_URL. */
  stop(): Promise<void>;
  /** The server's own database on DATABASE_URL's server; none when it runs the embedded one in its home. */
  databaseUrl?: string;
}

/** Where the server keeps its data: a fresh TEMPER_HOME, or a fresh database on DATABASE_URL's server. */
async function dataFor(home: string, env: NodeJS.ProcessEnv) {
  if (!env.DATABASE_URL) return { env: { TEMPER_HOME: home, DATABASE_URL: undefined }, drop: async () => {} };
  const server = env.DATABASE_URL;
  const name = `temper_e2e_${randomBytes(4).toString("hex")}`;
  await withConnection(server, (sql) => sql`create database ${sql(name)}`);
  return {
    env: { TEMPER_HOME: home, DATABASE_URL: withDatabase(server, name) },
    drop: () => withConnection(server, (sql) => sql`drop database if exists ${sql(name)} with (force)`).then(() => {}),
  };
}

/**
 * Starts the demo as `pnpm start` does (`temper start`: the reference CRM
 * published and the demo company seeded on first start) on 127.0.0.1 and a
 * free port, on fresh data, with the test controls on
 * (`TEMPER_TEST_CONTROLS=1`) and the studio build given (it is not rebuilt).
 * Everything it prints goes to `log`. It stops by itself if the process
 * that started it dies.
 *
 * @example
 * const server = await startDemoServer({ home: await createTestHome(), log: "server.log", studioBuild: "studio/build" });
 * const url = await server.ready;
 * await server.stop();
 */
export async function startDemoServer(options: {
  home: string;
  log: string;
  studioBuild: string;
  readyWithinMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<DemoServer> {
  const base = options.env ?? process.env;
  const data = await dataFor(options.home, base);
  const env: NodeJS.ProcessEnv = {
    ...base,
    ...data.env,
    TEMPER_TEST_CONTROLS: "1",
    TEMPER_STUDIO_BUILD: options.studioBuild,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const server = startStudioProcess({
    name: "the demo server",
    args: ["engine/src/cli/main.ts", "start", "--port", "0", "--host", "127.0.0.1"],
    env,
    log: options.log,
    readyWithinMs: options.readyWithinMs,
    graceMs: 60_000,
  });
  return {
    ...(data.env.DATABASE_URL ? { databaseUrl: data.env.DATABASE_URL } : {}),
    ready: server.url,
    async stop() {
      await server.stop();
      await data.drop();
    },
  };
}
