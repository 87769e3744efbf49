import { error, redirect, type RequestEvent } from "@sveltejs/kit";
import { env } from "$env/dynamic/private";
import { endSession } from "./session";

/** A problem the API answered with (`application/problem+json`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Array<{ field: string; code: string; message: string }> = [],
  ) {
    super(message);
  }
}

/** Where the engine's HTTP API is: `TEMPER_API_URL` (set by `temper serve`), else this very origin. */
export function apiBase(url: URL): string {
  return `${(env.TEMPER_API_URL || url.origin).replace(/\/$/, "")}/api/v1`;
}

type Event = Pick<RequestEvent, "url" | "cookies" | "locals">;

async function problemOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    detail?: string;
    problems?: ApiError["problems"];
  };
  return new ApiError(
    response.status,
    body.code ?? "internal",
    body.detail ?? response.statusText,
    body.problems ?? [],
  );
}

/**
 * Sends a request to the API as the signed-in user (the token of their
 * session cookie). A refused token ends the session and goes to the sign-in
 * page; other problems throw an `ApiError`.
 *
 * @example
 * const response = await callApi(event, "/records/customer?limit=50");
 */
export async function callApi(event: Event, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (event.locals.token) headers.set("authorization", `Bearer ${event.locals.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const response = await fetch(`${apiBase(event.url)}${path}`, { ...init, headers });
  if (response.status === 401) {
    endSession(event.cookies);
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  if (!response.ok && response.status !== 304) throw await problemOf(response);
  return response;
}

/**
 * Reads JSON from the API for a page's `load`: a missing or forbidden thing
 * becomes the studio's 404 or 403 page.
 *
 * @example
 * const me = await readApi<Me>(event, "/me");
 */
export async function readApi<T>(event: Event, path: string): Promise<T> {
  try {
    return (await (await callApi(event, path)).json()) as T;
  } catch (cause) {
    if (cause instanceof ApiError && (cause.status === 404 || cause.status === 403)) error(cause.status, cause.message);
    throw cause;
  }
}

/**
 * Sends a change to the API for a form action, with a JSON body.
 *
 * @example
 * await writeApi(event, "POST", "/notifications/read-all");
 */
export async function writeApi<T = unknown>(event: Event, method: string, path: string, body?: unknown): Promise<T> {
  const response = await callApi(event, path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}
