import type { PeopleDirectory } from "../people.ts";
import type { SimulationUnit, SimulationUser } from "./types.ts";

/**
 * The org of a simulation script as people rules see it: users' ids are
 * their usernames, units' ids their codes. A unit a user names without the
 * script listing it is a unit at the top.
 *
 * @example
 * const directory = scriptDirectory([{ username: "agent1", roles: ["service_agent"], unit: "service_center" }], []);
 * await directory.holders("service_agent", "service_center"); // ["agent1"]
 */
export function scriptDirectory(users: SimulationUser[], units: SimulationUnit[]): PeopleDirectory {
  const byName = new Map(users.map((u) => [u.username, u]));
  const parents = new Map(units.map((u) => [u.code, u.parent ?? null]));
  const known = new Set([...parents.keys(), ...users.flatMap((u) => (u.unit ? [u.unit] : []))]);
  const sorted = [...users].sort((a, b) => a.username.localeCompare(b.username));
  const isActive = (u: SimulationUser | undefined) => u !== undefined && u.active !== false;
  return {
    managerOf: async (id) => byName.get(id)?.manager ?? null,
    unitOf: async (id) => byName.get(id)?.unit ?? null,
    unitByCode: async (code) => (known.has(code) ? code : null),
    parentOf: async (unit) => parents.get(unit) ?? null,
    holders: async (role, unit, inactive = false) =>
      sorted
        .filter(
          (u) => (inactive || isActive(u)) && (u.roles ?? []).includes(role) && (unit === null || u.unit === unit),
        )
        .map((u) => u.username),
    userByName: async (username) => (byName.has(username) ? username : null),
    active: async (ids) => ids.filter((id) => isActive(byName.get(id))),
  };
}
