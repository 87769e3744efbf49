import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { EngineError } from "../errors.ts";

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  422: "Unprocessable content",
  500: "Internal error",
};

/**
 * Answers with an `application/problem+json` body (RFC 9457): the engine's
 * stable code, a message a user can act on, and details such as field problems.
 *
 * @example
 * return problem(c, new EngineError("not_found", 'no customer "…"'));
 */
export function problem(c: Context, error: EngineError): Response {
  const status = error.status as ContentfulStatusCode;
  const body = {
    type: `https://temper.dev/problems/${error.code}`,
    title: titles[status] ?? "Error",
    status,
    code: error.code,
    detail: error.message,
    ...error.details,
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json" });
}

/** Turns anything thrown in a route into a problem response; unknown errors are logged and hidden. */
export function onError(error: Error, c: Context): Response {
  if (error instanceof EngineError) return problem(c, error);
  console.error(error);
  return problem(c, new EngineError("internal", "something went wrong on the server; it has been logged"));
}
