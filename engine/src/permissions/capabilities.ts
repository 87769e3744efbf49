import type { Definition, Role } from "../definitions/index.ts";

/** A right beyond records that a role may hold: `manage_users`, `manage_org`, `explain_access`, `manage_definition`, `view_audit`. */
export type Capability = NonNullable<Role["capabilities"]>[number];

/**
 * The capabilities a user's roles hold together (the union over roles).
 * Roles the definition does not know hold none.
 *
 * @example
 * capabilitiesOf(definition, ["sales_rep", "administrator"]).has("manage_users"); // true
 */
export function capabilitiesOf(definition: Definition, roles: string[]): Set<Capability> {
  const held = new Set<Capability>();
  for (const name of roles)
    for (const capability of definition.roles.get(name)?.capabilities ?? []) held.add(capability);
  return held;
}

/**
 * Whether any of a user's roles holds a capability.
 *
 * @example
 * hasCapability(definition, ["administrator"], "explain_access"); // true
 * hasCapability(definition, ["sales_manager"], "manage_org"); // false
 */
export function hasCapability(definition: Definition, roles: string[], capability: Capability): boolean {
  return capabilitiesOf(definition, roles).has(capability);
}

/**
 * The roles of a definition that hold a capability, to tell a refused user whom to ask.
 *
 * @example
 * rolesWithCapability(definition, "manage_users"); // ["administrator"]
 */
export function rolesWithCapability(definition: Definition, capability: Capability): string[] {
  return [...definition.roles.values()].filter((r) => r.capabilities?.includes(capability)).map((r) => r.name);
}
