// Calling the real API as a signed-in user, and reading its answers.
import type { OrgFixture } from "./org-fixture.ts";

/** An answer of the API: status, content type, and the body (parsed when JSON). */
export interface Answer {
  status: number;
  type: string;
  body: unknown;
  text: string;
}

/** A problem+json body. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  problems?: Array<{ field: string; code: string; message: string }>;
}

/**
 * Sends one request to the API with a bearer token.
 *
 * @example
 * const answer = await call(fixture, token, "GET", "/records/customer");
 * answer.status; // 200
 */
export async function call(
  fixture: Pick<OrgFixture, "api">,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fixture.api.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const json = /json/.test(type) && text !== "";
  return { status: response.status, type, body: json ? (JSON.parse(text) as unknown) : text, text };
}

/** The client of one user: `get`, `post`, `patch` and `del` on paths under /api/v1. */
export interface Client {
  get(path: string): Promise<Answer>;
  post(path: string, body: unknown): Promise<Answer>;
  patch(path: string, body: unknown): Promise<Answer>;
  del(path: string): Promise<Answer>;
}

/**
 * A client that calls the API with one token.
 *
 * @example
 * const rep = clientOf(fixture, userOrThrow(fixture, "rep.north1").token);
 * await rep.get("/records/customer");
 */
export function clientOf(fixture: Pick<OrgFixture, "api">, token: string | undefined): Client {
  return {
    get: (path) => call(fixture, token, "GET", path),
    post: (path, body) => call(fixture, token, "POST", path, body),
    patch: (path, body) => call(fixture, token, "PATCH", path, body),
    del: (path) => call(fixture, token, "DELETE", path),
  };
}

/**
 * The body of a problem answer, checking that it is `application/problem+json`.
 *
 * @example
 * problemOf(answer).code; // "not_found"
 */
export function problemOf(answer: Answer): Problem {
  if (answer.type !== "application/problem+json")
    throw new Error(
      `expected a problem+json answer, got ${answer.status} ${answer.type}: ${answer.text.slice(0, 200)}`,
    );
  return answer.body as Problem;
}

/** The records of a list answer (`{ records }`) or an export (an array). */
export function recordsOf(answer: Answer): Array<Record<string, unknown>> {
  const body = answer.body as { records?: unknown } | unknown[];
  if (Array.isArray(body)) return body as Array<Record<string, unknown>>;
  if (body && typeof body === "object" && Array.isArray(body.records))
    return body.records as Array<Record<string, unknown>>;
  throw new Error(`expected records, got ${answer.status}: ${answer.text.slice(0, 200)}`);
}

/**
 * Runs tasks with at most `limit` at a time, keeping their order.
 *
 * @example
 * const answers = await pooled(ids.map((id) => () => rep.get(`/records/customer/${id}`)), 6);
 */
export async function pooled<T>(tasks: Array<() => Promise<T>>, limit = 6): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
