import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The `X-Temper-Signature` of a body: `sha256=` and the hex HMAC-SHA256 of
 * the raw body under the secret.
 *
 * @example
 * signatureOf("a-long-shared-secret", '{"event":"quote.accepted"}'); // "sha256=5d3c…"
 */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * Whether a signature header is the body's under the secret, compared in
 * constant time: what a receiver written in Node checks before trusting a call.
 *
 * @example
 * if (!verifySignature(secret, rawBody, request.headers["x-temper-signature"])) return reply(401);
 */
export function verifySignature(secret: string, body: string, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signatureOf(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
