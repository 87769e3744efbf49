import { hash, verify } from "@node-rs/argon2";

/**
 * Hashes a password with Argon2id (the library's defaults: memory-hard, salted).
 *
 * @example
 * const stored = await hashPassword("correct horse");
 * await verifyPassword(stored, "correct horse"); // true
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Checks a password against a stored hash; a malformed hash (the system user's "!") never matches. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored.startsWith("$argon2")) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
