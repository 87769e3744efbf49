/** The closed set of error codes the engine raises, each with its HTTP status. */
export const errorCodes = {
  bad_request: 400,
  definition_invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  state_conflict: 409,
  version_conflict: 409,
  migration_refused: 409,
  validation_failed: 422,
  guard_failed: 422,
  import_failed: 422,
  step_failed: 422,
  plugin_failed: 500,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** One problem with one field of a request, for `validation_failed`. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * The one error type of the engine: a stable code a client can branch on, a
 * message a user can act on, and details (field problems, findings, a plan).
 * Only the HTTP edge turns it into a response; the CLI prints its message.
 *
 * @example
 * throw new EngineError("not_found", 'no customer "0b9c…"');
 * throw new EngineError("validation_failed", "the record is invalid", { problems: [{ field: "email", code: "format", message: "not an email" }] });
 */
export class EngineError extends Error {
  override name = "EngineError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The HTTP status of the code. */
  get status(): number {
    return errorCodes[this.code];
  }
}
