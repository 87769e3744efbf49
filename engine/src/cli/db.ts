import { Command } from "commander";
import {
  EmbeddedServerError,
  embeddedServerStatus,
  embeddedServerUrl,
  startEmbeddedServer,
  stopEmbeddedServer,
  temperHome,
} from "../storage/embedded/index.ts";
import { isAnswering } from "../storage/embedded/sql.ts";
import { UserError } from "./user-error.ts";

const where =
  "\nThe embedded server keeps its data in $TEMPER_HOME/pg (default ./.temper/pg) and listens on 127.0.0.1 only." +
  "\nWhen DATABASE_URL is set, Temper uses that PostgreSQL instead and never starts its own.";

/**
 * `temper db start|stop|status|url`: the embedded PostgreSQL server.
 *
 * @example
 * program.addCommand(dbCommand());
 * // pnpm temper db start   -> prints postgres://temper:...@127.0.0.1:54011/temper
 */
export function dbCommand(): Command {
  return new Command("db")
    .description("start, stop and inspect the embedded PostgreSQL server")
    .addHelpText("after", where)
    .addCommand(
      new Command("start")
        .description(
          "start the embedded server in the background (it keeps running after this command) and print its URL",
        )
        .addHelpText("after", `${where}\n\nExample: pnpm temper db start`)
        .action(userErrors(start)),
    )
    .addCommand(
      new Command("stop")
        .description("stop the embedded server, whoever started it (exit 0 also when it was not running)")
        .addHelpText("after", `${where}\n\nExample: pnpm temper db stop`)
        .action(userErrors(stop)),
    )
    .addCommand(
      new Command("status")
        .description("tell whether the embedded server runs, with its port, pid and data folder")
        .addHelpText(
          "after",
          `${where}\n\nExit status (as pg_ctl status): 0 running, 3 stopped or not created yet, 1 on an error.` +
            "\nWith DATABASE_URL: 0 when that server answers, 3 when it does not.\n\nExample: pnpm temper db status",
        )
        .action(userErrors(status)),
    )
    .addCommand(
      new Command("url")
        .description("print the connection URL (DATABASE_URL when set); starts nothing")
        .addHelpText("after", `${where}\n\nExample: pg_dump --format=custom --file=crm.dump "$(pnpm -s temper db url)"`)
        .action(userErrors(url)),
    );
}

async function start() {
  refuseWithDatabaseUrl("start");
  const server = await startEmbeddedServer({ home: temperHome(), detached: true });
  const what = server.attached ? "was already running" : "is running";
  console.error(`PostgreSQL ${what} on 127.0.0.1:${server.port} (pid ${server.pid}), data in ${server.dataDir}`);
  console.log(server.url);
}

async function stop() {
  refuseWithDatabaseUrl("stop");
  const home = temperHome();
  const stopped = await stopEmbeddedServer(home);
  console.error(stopped ? `stopped the server of ${home}` : `no server was running for ${home}`);
}

async function status() {
  const external = process.env.DATABASE_URL;
  if (external) {
    const up = await isAnswering(external);
    console.log(up ? "DATABASE_URL answers" : "DATABASE_URL does not answer");
    process.exitCode = up ? 0 : 3;
    return;
  }
  const home = temperHome();
  const { initialized, running, state, pid, port, dataDir } = await embeddedServerStatus(home);
  if (running) console.log(`running (${state}) on 127.0.0.1:${port}, pid ${pid}, data in ${dataDir}`);
  else if (initialized) console.log(`stopped, data in ${dataDir}`);
  else console.log(`stopped, no database in ${home} yet (pnpm temper db start creates it)`);
  process.exitCode = running ? 0 : 3;
}

async function url() {
  if (process.env.DATABASE_URL) return console.log(process.env.DATABASE_URL);
  const home = temperHome();
  const found = await embeddedServerUrl(home);
  if (!found) throw new UserError(`no database in ${home} yet: create and start it with pnpm temper db start`);
  console.log(found);
  if (!(await embeddedServerStatus(home)).running) console.error("(not running: pnpm temper db start)");
}

function refuseWithDatabaseUrl(command: string) {
  if (process.env.DATABASE_URL)
    throw new UserError(`DATABASE_URL is set, so Temper uses that server and has none to ${command}; unset it first`);
}

function userErrors(action: () => Promise<void>) {
  return async () => {
    try {
      await action();
    } catch (error) {
      throw error instanceof EmbeddedServerError ? new UserError(error.message) : error;
    }
  };
}
