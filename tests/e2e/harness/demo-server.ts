import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { withConnection, withDatabase } from "../../../engine/src/storage/embedded/index.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const watchdog = fileURLToPath(new URL("./exit-with-parent.ts", import.meta.url));

/** A `temper start` running for the tests: its address once it serves, and how to stop it. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>` once the demo is seeded and served; rejects if it never is. */
  ready: Promise<string>;
  /** Stops the server (SIGTERM: it closes and stops its PostgreSQL), and drops its database on DATABASE_URL. */
  stop(): Promise<void>;
}

/** The last lines of what a process printed, to say why it stopped. */
function tail(lines: string[]): string {
  return lines.slice(-25).join("\n");
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

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done(true);
    });
  });
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
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", watchdog, "engine/src/cli/main.ts", "start", "--port", "0", "--host", "127.0.0.1"],
    { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const log = createWriteStream(options.log);
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the demo server did not serve within ${options.readyWithinMs ?? 300_000} ms:\n${tail(lines)}`));
      child.kill("SIGTERM");
    }, options.readyWithinMs ?? 300_000);
    const read = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString("utf8").split("\n")) {
        lines.push(line);
        const served = /^Temper studio on (http:\/\/\S+?)\/?$/.exec(line.trim());
        if (served) {
          clearTimeout(timer);
          resolve(served[1]!);
        }
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start the demo server: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`the demo server stopped (${signal ?? `exit ${String(code)}`}) before serving:\n${tail(lines)}`),
      );
    });
  });
  ready.catch(() => {});
  return {
    ready,
    async stop() {
      if (!(await exited(child, 0))) {
        child.kill("SIGTERM");
        if (!(await exited(child, 60_000))) {
          child.kill("SIGKILL");
          await exited(child, 10_000);
        }
      }
      await new Promise((closed) => log.end(closed));
      await data.drop();
    },
  };
}
