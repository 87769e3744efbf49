import { EngineError } from "../errors.ts";

/**
 * Looks up what a field of a request names (a parent unit, a manager); when
 * it does not exist, the request is invalid (422, naming the field) rather
 * than its route not found.
 *
 * @example
 * const parent = await referenceField("parent", unitByCodeOrThrow(storage, "acme", "sales"));
 */
export async function referenceField<T>(field: string, lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== "not_found") throw error;
    throw new EngineError("validation_failed", `${field}: ${error.message}`, {
      problems: [{ field, code: "reference", message: error.message }],
    });
  }
}
