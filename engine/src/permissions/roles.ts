import type { Definition } from "../definitions/index.ts";
import { EngineError } from "../errors.ts";

/**
 * Refuses roles the published definition does not have (422, naming each
 * unknown role and the roles there are). Without a published definition,
 * any role is unknown.
 *
 * @example
 * assertKnownRoles(definition, ["sales_rep", "intern"]);
 * // EngineError validation_failed: unknown role "intern"; the roles are administrator, executive, …
 */
export function assertKnownRoles(definition: Definition | undefined, roles: string[]): void {
  const unknown = roles.filter((r) => !definition?.roles.has(r));
  if (unknown.length === 0) return;
  const known = definition ? [...definition.roles.keys()].sort().join(", ") : "";
  const message = `unknown role${unknown.length > 1 ? "s" : ""} ${unknown.map((r) => `"${r}"`).join(", ")}${
    definition ? `; the roles are ${known}` : " (nothing is published yet)"
  }`;
  throw new EngineError("validation_failed", message, {
    problems: unknown.map((r) => ({ field: "roles", code: "unknown_role", message: `unknown role "${r}"` })),
  });
}
