import { closest, distance } from "fastest-levenshtein";

/**
 * Suggests the known name closest to a misspelt one, when it is close enough
 * to be a likely typo.
 *
 * @example
 * didYouMean("custmer", ["customer", "contact"]); // '; did you mean "customer"?'
 * didYouMean("zebra", ["customer"]); // ""
 */
export function didYouMean(given: string, known: Iterable<string>): string {
  const candidates = [...known];
  if (candidates.length === 0) return "";
  const best = closest(given, candidates);
  const limit = Math.max(2, Math.floor(given.length / 3));
  return distance(given, best) <= limit ? `; did you mean "${best}"?` : "";
}

/**
 * Lists names for a message, quoted, shortened past twenty.
 *
 * @example
 * listNames(["a", "b"]); // '"a", "b"'
 */
export function listNames(names: Iterable<string>): string {
  const all = [...names];
  const shown = all.slice(0, 20).map((n) => `"${n}"`);
  return all.length > 20 ? `${shown.join(", ")} and ${all.length - 20} more` : shown.join(", ");
}
