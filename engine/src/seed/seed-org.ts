import { userActor } from "../org/actors.ts";
import { placeUser } from "../org/people.ts";
import { createUnit } from "../org/units.ts";
import type { Actor } from "../records/service.ts";
import type { Storage } from "../storage/platform/database.ts";
import { addUser } from "../users/service.ts";
import { type DemoPerson, type DemoUnit, demoPassword } from "./org-chart.ts";

/**
 * Builds an org through the org and user services: the units (parents
 * first), the people with their roles, units and the demo password (hashed
 * side by side), then everyone's manager. Returns each person as an actor.
 *
 * @example
 * const people = await seedOrg(storage, "demo", demoUnits, demoPeople);
 * people.get("rep")!.roles; // ["sales_rep"]
 */
export async function seedOrg(
  storage: Storage,
  workspaceId: string,
  units: DemoUnit[],
  people: DemoPerson[],
): Promise<Map<string, Actor>> {
  for (const unit of units) await createUnit(storage, workspaceId, unit);
  // Password hashing dominates: a few at a time keeps every core busy.
  for (let i = 0; i < people.length; i += 4) {
    await Promise.all(
      people.slice(i, i + 4).map((p) =>
        addUser(storage, {
          workspaceId,
          username: p.username,
          displayName: p.displayName,
          email: `${p.displayName.toLowerCase().replace(/[^a-z]+/g, ".")}@huajing-machinery.cn`,
          password: demoPassword,
          roles: p.roles,
          unit: p.unit,
        }),
      ),
    );
  }
  for (const p of people) if (p.manager) await placeUser(storage, workspaceId, p.username, { manager: p.manager });
  const actors = new Map<string, Actor>();
  for (const p of people) {
    const found = await userActor(storage.sql, workspaceId, { username: p.username });
    actors.set(p.username, found!.actor);
  }
  return actors;
}
