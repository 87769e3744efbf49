import type postgres from "postgres";
import { EngineError } from "../errors.ts";
import type { Storage } from "../storage/platform/database.ts";
import { systemUsername } from "../storage/workspaces.ts";
import { unitByCodeOrThrow } from "./units.ts";

/** A person of a workspace as colleagues see them: never a password hash. */
export interface Person {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  /** The code of the org unit they are placed in. */
  unit: string | null;
  /** Their manager's username. */
  manager: string | null;
  roles: string[];
  active: boolean;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function select(
  storage: Storage,
  workspaceId: string,
  where: postgres.PendingQuery<postgres.Row[]>,
): Promise<Person[]> {
  const { sql } = storage;
  return sql<Person[]>`
    select u.id, u.username, u.display_name as "displayName", u.email, ou.code as unit, m.username as manager,
      u.roles, u.active
    from temper.users u
    left join temper.org_units ou on ou.id = u.org_unit_id
    left join temper.users m on m.id = u.manager_id
    where u.workspace_id = ${workspaceId} and u.username <> ${systemUsername} and ${where}
    order by u.username`;
}

/**
 * The people of a workspace (not its system user), by username: their unit,
 * manager, roles and whether they are active; optionally only those placed
 * in a unit's subtree, or only active or inactive ones.
 *
 * @example
 * await listPeople(storage, "acme", { unit: "east_region", active: true });
 * // [{ username: "li.wei", unit: "east_sales", manager: "min.jun", roles: ["sales_rep"], active: true, … }]
 */
export async function listPeople(
  storage: Storage,
  workspaceId: string,
  filter: { unit?: string; active?: boolean } = {},
): Promise<Person[]> {
  const { sql } = storage;
  const conditions: postgres.PendingQuery<postgres.Row[]>[] = [sql`true`];
  if (filter.active !== undefined) conditions.push(sql`u.active = ${filter.active}`);
  if (filter.unit !== undefined) {
    const unit = await unitByCodeOrThrow(storage, workspaceId, filter.unit);
    conditions.push(sql`ou.workspace_id = ${workspaceId} and ou.path like ${`${unit.path}%`}`);
  }
  return select(
    storage,
    workspaceId,
    conditions.reduce((a, b) => sql`${a} and ${b}`),
  );
}

/**
 * One person of a workspace by username or id, or `not_found`.
 *
 * @example
 * const person = await personOrThrow(storage, "acme", "li.wei");
 */
export async function personOrThrow(storage: Storage, workspaceId: string, usernameOrId: string): Promise<Person> {
  const { sql } = storage;
  const [person] = await select(
    storage,
    workspaceId,
    uuid.test(usernameOrId) ? sql`u.id = ${usernameOrId}` : sql`u.username = ${usernameOrId}`,
  );
  if (!person) throw new EngineError("not_found", `no user "${usernameOrId}"`);
  return person;
}
