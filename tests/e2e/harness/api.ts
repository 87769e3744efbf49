import { demoPassword } from "../../../engine/src/seed/org-chart.ts";

/** A parsed JSON answer of the API. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Calls the demo's HTTP API as a signed-in user. */
export interface ApiClient {
  get(path: string): Promise<Json>;
  post(path: string, body: unknown): Promise<Json>;
}

async function answer(response: Response, what: string): Promise<Json> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Signs a demo user in to the API (`POST /api/v1/auth/login`) for the
 * requests a test makes besides what it does in the browser.
 *
 * @example
 * const rep = await apiAs(demo.url, "rep");
 * const { records } = await rep.get("/records/customer?limit=5");
 */
export async function apiAs(url: string, username: string): Promise<ApiClient> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    body: JSON.stringify({ workspace: "demo", username, password: demoPassword }),
  });
  const { token } = (await answer(login, `signing in as ${username}`)) as { token: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  return {
    get: async (path) => answer(await fetch(`${url}/api/v1${path}`, { headers }), `GET ${path}`),
    post: async (path, body) =>
      answer(
        await fetch(`${url}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
        `POST ${path}`,
      ),
  };
}

/**
 * Moves the demo server's clock forward (the test-only `POST
 * /api/v1/test/clock`); the server fires the timers that came due and
 * delivers the outbox before answering.
 *
 * @example
 * await advanceClock(demo.url, "PT25H"); // { now, timers: { fired, failed }, outbox: {...}, pending: 0 }
 */
export async function advanceClock(url: string, duration: string): Promise<Json> {
  const response = await fetch(`${url}/api/v1/test/clock`, {
    method: "POST",
    body: JSON.stringify({ advance: duration }),
  });
  return answer(response, `advancing the clock by ${duration}`);
}
