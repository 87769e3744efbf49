import { createUnit } from "../../engine/src/org/units.ts";
import { placeUser } from "../../engine/src/org/people.ts";
import type { Actor } from "../../engine/src/records/service.ts";
import type { Storage } from "../../engine/src/storage/platform/database.ts";
import { addUser } from "../../engine/src/users/service.ts";
import type { Seeded } from "./seed.ts";

/** The password of the team's manager (`east.manager`), who signs in to the studio in the studio benchmark. */
export const managerPassword = "bench manager password";

/** A sales manager whose org subtree owns a share of the customers. */
export interface Team {
  /** The manager, as the records service sees a signed-in user. */
  manager: Actor;
  /** Everyone the manager's subtree covers: the reps placed in the team, and the manager. */
  members: string[];
  /** The customers the team's reps own, and their share of all customers. */
  rows: number;
  share: number;
}

/**
 * Builds a sales team owning about `share` of the customers: an org unit
 * (company → region → team) with reps placed in it (taken in order from the
 * middle of the seeded owners, whose shares are moderate, until the team owns
 * the share) and a real user with the sales_manager role placed in the team,
 * managing them.
 *
 * @example
 * const team = await buildTeam(storage, "bench", seeded, 0.1);
 * await records.list(team.manager, "customer", { limit: 50 }); // the team's newest 50
 */
export async function buildTeam(storage: Storage, workspaceId: string, seeded: Seeded, share: number): Promise<Team> {
  const counts = await storage.sql<Array<{ owner: string; rows: number }>>`select owner, count(*)::int as rows
    from ${storage.sql(`ws_${workspaceId}`)}.customer group by owner`;
  const total = counts.reduce((sum, c) => sum + c.rows, 0);
  const rowsOf = new Map(counts.map((c) => [c.owner, c.rows]));
  const reps: string[] = [];
  let rows = 0;
  for (const owner of seeded.owners.slice(Math.floor(seeded.owners.length / 10))) {
    if (rows >= share * total) break;
    reps.push(owner);
    rows += rowsOf.get(owner) ?? 0;
  }
  await createUnit(storage, workspaceId, { code: "company", name: "Company", kind: "company" });
  await createUnit(storage, workspaceId, { code: "east", name: "East", kind: "region", parent: "company" });
  await createUnit(storage, workspaceId, { code: "east_team", name: "East team", kind: "team", parent: "east" });
  const manager = await addUser(storage, {
    workspaceId,
    username: "east.manager",
    password: managerPassword,
    roles: ["sales_manager"],
  });
  await placeUser(storage, workspaceId, "east.manager", { unit: "east_team" });
  const names = await storage.sql<
    Array<{ username: string }>
  >`select username from temper.users where id = any(${reps}::uuid[])`;
  for (const { username } of names)
    await placeUser(storage, workspaceId, username, { unit: "east_team", manager: "east.manager" });
  const [unit] = await storage.sql<[{ id: string }]>`select id from temper.org_units
    where workspace_id = ${workspaceId} and code = 'east_team'`;
  await storage.sql`analyze temper.users`;
  return {
    manager: { id: manager.id, username: manager.username, roles: manager.roles, orgUnitId: unit.id, managerId: null },
    members: [manager.id, ...reps],
    rows,
    share: rows / total,
  };
}
