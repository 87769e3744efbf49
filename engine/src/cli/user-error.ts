/**
 * A mistake in how a command was called (a missing folder, a bad option):
 * printed as one line, exit code 1, never a stack trace.
 */
export class UserError extends Error {
  override name = "UserError";
}
