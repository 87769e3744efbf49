/**
 * A problem with the embedded server that its user can act on (a folder
 * PostgreSQL cannot reach, a missing password file, a server that would not
 * start). The message is one line and says what to do; the CLI prints it
 * without a stack trace.
 *
 * @example
 * throw new EmbeddedServerError("the password file /srv/.temper/pg/password is missing");
 */
export class EmbeddedServerError extends Error {
  override name = "EmbeddedServerError";
}
