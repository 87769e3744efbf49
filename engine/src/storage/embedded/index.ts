/**
 * The embedded PostgreSQL server: start, attach, stop and inspect the server
 * of a TEMPER_HOME.
 *
 * @example
 * import { startEmbeddedServer, temperHome } from "./storage/embedded/index.ts";
 * const server = await startEmbeddedServer({ home: temperHome() });
 */
export { EmbeddedServerError } from "./errors.ts";
export { serverPaths, temperHome, type ServerPaths } from "./paths.ts";
export { startEmbeddedServer, type EmbeddedServer, type StartOptions } from "./server.ts";
export { embeddedServerStatus, embeddedServerUrl, stopEmbeddedServer, type EmbeddedServerStatus } from "./status.ts";
export { withConnection, withDatabase } from "./sql.ts";
