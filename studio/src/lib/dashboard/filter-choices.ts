import type { Me, OrgUnit, Person } from "../types";

/** The org units and owners a user may narrow a dashboard to, and what the address chose of them. */
export interface FilterChoices {
  /** The units of the user's subtree, their own first; none for someone who manages nobody. */
  units: Array<{ code: string; name: string; depth: number }>;
  unit: string | null;
  /** Everyone placed in the chosen unit's subtree (the user's without one), active or not: their records count. */
  unitPeople: string[] | null;
  /** The active people of the chosen unit's (or the user's) subtree, by name. */
  owners: Array<{ id: string; name: string }>;
  owner: string | null;
}

/**
 * A unit and every unit below it.
 *
 * @example
 * subtree(units, "north_east_region"); // ["north_east_region", "east_sales", "north_sales"]
 */
export function subtree(units: OrgUnit[], code: string): string[] {
  const found = [code];
  for (let i = 0; i < found.length; i++)
    for (const unit of units) if (unit.parent === found[i] && !found.includes(unit.code)) found.push(unit.code);
  return units.filter((u) => found.includes(u.code)).map((u) => u.code);
}

/**
 * What a dashboard's org unit and owner filters offer a user: to a manager
 * (someone reports to them), the units of their own subtree and the people
 * placed in it; to others, nothing (their scope is their own). The
 * address's `unit` and `owner` count only when offered.
 *
 * @example
 * filterChoices(director, units, people, new URLSearchParams("unit=east_sales"), "en").owners;
 * // the active people of East China sales, by name
 */
export function filterChoices(
  me: Pick<Me, "id" | "username" | "unit">,
  units: OrgUnit[],
  people: Person[],
  params: URLSearchParams,
  locale: string,
): FilterChoices {
  const manages = people.some((p) => p.manager === me.username);
  if (!manages || !me.unit) return { units: [], unit: null, unitPeople: null, owners: [], owner: null };
  const mine = subtree(units, me.unit);
  const top = units.find((u) => u.code === me.unit)?.depth ?? 0;
  const offered = units
    .filter((u) => mine.includes(u.code))
    .map((u) => ({ code: u.code, name: u.name, depth: u.depth - top }));
  const asked = params.get("unit");
  const unit = asked && mine.includes(asked) && asked !== me.unit ? asked : null;
  const within = new Set(unit ? subtree(units, unit) : mine);
  const placed = people.filter((p) => p.unit && within.has(p.unit));
  const name = (p: Person) => p.displayName || p.username;
  const owners = placed
    .filter((p) => p.active)
    .map((p) => ({ id: p.id, name: name(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const wanted = params.get("owner");
  return {
    units: offered.length > 1 ? offered : [],
    unit,
    unitPeople: unit ? placed.map((p) => p.id) : null,
    owners,
    owner: wanted && owners.some((o) => o.id === wanted) ? wanted : null,
  };
}
