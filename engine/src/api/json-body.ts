import type { Context } from "hono";
import { EngineError } from "../errors.ts";

/**
 * Reads a request's JSON object body; anything else is a 400 that says what is wrong.
 *
 * @example
 * const input = await readJsonObject(c); // { name: "Hanwha" }
 * const decision = await readJsonObject(c, { optional: true }); // {} for an empty body
 */
export async function readJsonObject(
  c: Context,
  options: { optional?: boolean } = {},
): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (options.optional && text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new EngineError("bad_request", `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new EngineError("bad_request", "the body must be a JSON object");
  return body as Record<string, unknown>;
}
